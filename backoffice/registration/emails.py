"""The emails of A04: staff learn of a new application; the applicant of its receipt and the decision.

Each is queued with core.emails.queue_email (sent after commit) in the recipient's language.
"""
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from backoffice.core.emails import absolute_url, queue_email
from backoffice.core.notify import staff_recipients

from .models import RegistrationApplication


def _details(application: RegistrationApplication) -> str:
    return gettext(
        "Company: %(company)s\nNIP: %(nip)s\nAddress: %(street)s, %(postal_code)s %(city)s, %(country)s\n"
        "Contact: %(name)s, %(email)s, %(phone)s\n"
    ) % {
        "company": application.company_name,
        "nip": application.nip,
        "street": application.street,
        "postal_code": application.postal_code,
        "city": application.city,
        "country": application.country.name,
        "name": application.contact_name,
        "email": application.email,
        "phone": application.phone,
    }


def notify_staff_of_application(application: RegistrationApplication) -> None:
    recipients = staff_recipients("registration", "view_registrationapplication")
    if not recipients:
        return
    link = absolute_url(reverse("admin:registration_registrationapplication_change", args=(application.pk,)))
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("New registration application: %(company)s") % {"company": application.company_name}
        body = gettext(
            "A company has applied for access to the B2B platform.\n\n%(details)s\n"
            "Verify the data, create the customer in the ERP and accept or reject the application here:\n%(link)s\n"
        ) % {"details": _details(application), "link": link}
    queue_email(subject=subject, body=body, to=recipients)


def confirm_to_applicant(application: RegistrationApplication) -> None:
    with translation.override(application.language):
        subject = gettext("We have received your application")
        body = gettext(
            "Hello,\n\nthank you for applying for access to our B2B platform. We have received this application:\n\n"
            "%(details)s\nWe will verify the data and email you our decision. Until then you can log in with your "
            "email and password to see the status of the application.\n"
        ) % {"details": _details(application)}
    queue_email(subject=subject, body=body, to=[application.email])


def tell_applicant_accepted(application: RegistrationApplication) -> None:
    with translation.override(application.language):
        subject = gettext("Your B2B platform account is active")
        body = gettext(
            "Hello,\n\nyour application for %(company)s has been accepted. You can now log in with your email "
            "%(email)s and the password you chose:\n\n%(link)s\n"
        ) % {"company": application.company_name, "email": application.email, "link": absolute_url(reverse("storefront:login"))}
    queue_email(subject=subject, body=body, to=[application.email])


def tell_applicant_rejected(application: RegistrationApplication) -> None:
    with translation.override(application.language):
        subject = gettext("Your application for the B2B platform")
        body = gettext(
            "Hello,\n\nwe are sorry: we cannot accept the application for %(company)s.\n\nReason: %(reason)s\n\n"
            "If you have questions, reply to this email or contact our office.\n"
        ) % {"company": application.company_name, "reason": application.rejection_reason}
    queue_email(subject=subject, body=body, to=[application.email])
