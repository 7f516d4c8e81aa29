"""Outgoing email goes through the django-q2 queue, after the surrounding transaction commits."""
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_q.tasks import async_task

# (file name, content, MIME type); keep them small: they travel through the task queue.
Attachment = tuple[str, bytes, str]


def send_email_task(*, subject: str, body: str, to: list[str], html: str | None = None, from_email: str | None = None,
                    attachments: list[Attachment] | None = None) -> int:
    """The worker side: one email through the configured Django mail backend. Safe to retry."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, from_email=from_email)
    if html:
        message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments or ():
        message.attach(name, content, mimetype)
    return message.send()


def queue_email(*, subject: str, body: str, to: list[str], html: str | None = None, from_email: str | None = None,
                attachments: list[Attachment] | None = None) -> None:
    kwargs = {"subject": " ".join(subject.splitlines()), "body": body, "to": list(to), "html": html, "from_email": from_email}
    if attachments:
        kwargs["attachments"] = [(name, bytes(content), mimetype) for name, content, mimetype in attachments]
    transaction.on_commit(lambda: async_task("backoffice.core.emails.send_email_task", **kwargs))


def absolute_url(path: str) -> str:
    """A link for an email: the installation's address (settings.SITE_URL) plus a path."""
    return settings.SITE_URL.rstrip("/") + path
