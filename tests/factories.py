"""Factories shared by every test package (one per model of the accounts app)."""
import factory

from backoffice.accounts.models import Company, User
from backoffice.accounts.services import user_sync_role_groups
from backoffice.core.roles import BUYER_ROLES, Role

PASSWORD = "Test-password-123!"


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Firma {n} Sp. z o.o.")
    nip = "3982597916"
    erp_id = factory.Sequence(lambda n: f"K-{n:05d}")
    city = "Warszawa"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.pl")
    first_name = "Jan"
    last_name = "Testowy"
    role = Role.CUSTOMER
    company = factory.LazyAttribute(lambda o: CompanyFactory() if o.role in BUYER_ROLES else None)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups_from_role(self, create, extracted, **kwargs):
        if create:
            self.save()
            user_sync_role_groups(self)
