"""Publish the first consent texts (terms, privacy, marketing; version 2026-01) so the registration
form works right after installation. Staff replace them in the back office."""
from django.db import migrations
from django.utils import timezone


def publish(apps, schema_editor):
    from backoffice.registration.initial_consents import TEXTS, VERSION

    ConsentText = apps.get_model("registration", "ConsentText")
    Translation = apps.get_model("registration", "ConsentTextTranslation")
    now = timezone.now()
    for kind, languages in TEXTS.items():
        if ConsentText.objects.filter(kind=kind).exists():
            continue
        consent = ConsentText.objects.create(kind=kind, version=VERSION, is_current=True, published_at=now)
        for language, (title, text) in languages.items():
            Translation.objects.create(master=consent, language_code=language, title=title, text=text)


class Migration(migrations.Migration):
    dependencies = [("registration", "0001_initial")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
