"""The acting session is checked on every request (ActingSessionMiddleware): revoked when the rep
is deactivated or reassigned, expired after ACTING_MAX_HOURS, ended by logging out; credential
pages are closed while acting (guards.forbid_while_acting)."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from backoffice.acting.guards import forbid_while_acting
from backoffice.acting.models import ActingSession
from backoffice.acting.session import acting_rep_for
from backoffice.core.roles import Role

from .conftest import logged_in_id

pytestmark = pytest.mark.django_db


def _ends_on_next_request(client, session, reason):
    response = client.get("/catalog/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert logged_in_id(client) is None
    session.refresh_from_db()
    assert session.end_reason == reason and session.ended_at is not None


def test_deactivating_the_rep_revokes_the_session(rep_client, rep, acting):
    rep.is_active = False
    rep.save(update_fields=["is_active"])
    _ends_on_next_request(rep_client, acting, ActingSession.EndReason.REVOKED)


def test_reassigning_the_company_revokes_the_session(rep_client, world, acting, make_user):
    world.company.sales_rep = make_user(Role.SALES_REP)
    world.company.save(update_fields=["sales_rep"])
    _ends_on_next_request(rep_client, acting, ActingSession.EndReason.REVOKED)


def test_the_company_losing_platform_access_revokes_the_session(rep_client, world, acting):
    world.company.b2b_access = False
    world.company.save(update_fields=["b2b_access"])
    _ends_on_next_request(rep_client, acting, ActingSession.EndReason.REVOKED)


def test_an_ended_session_is_not_resumed(rep_client, acting):
    ActingSession.objects.filter(pk=acting.pk).update(ended_at=acting.started_at, end_reason=ActingSession.EndReason.STOPPED)
    response = rep_client.get("/catalog/")
    assert response.status_code == 302 and logged_in_id(rep_client) is None
    acting.refresh_from_db()
    assert acting.end_reason == ActingSession.EndReason.STOPPED  # the first end stays


def test_the_session_expires_after_the_maximum_duration(rep_client, acting, settings):
    settings.ACTING_MAX_HOURS = 2
    assert rep_client.get("/catalog/").status_code == 200
    ActingSession.objects.filter(pk=acting.pk).update(started_at=acting.started_at - timedelta(hours=3))
    _ends_on_next_request(rep_client, acting, ActingSession.EndReason.EXPIRED)


def test_switching_the_module_off_ends_the_session(rep_client, acting):
    from backoffice.core.modules import MODULES
    from backoffice.core.services import modules_set_enabled

    modules_set_enabled(enabled_keys={m.key for m in MODULES} - {"sales_reps"})
    _ends_on_next_request(rep_client, acting, ActingSession.EndReason.REVOKED)


def test_logging_out_ends_the_acting_session(rep_client, acting):
    response = rep_client.post("/logout/")
    assert response.status_code == 302 and logged_in_id(rep_client) is None
    acting.refresh_from_db()
    assert acting.end_reason == ActingSession.EndReason.LOGGED_OUT


def test_the_request_knows_its_acting_rep(rep_client, rep, acting, world):
    response = rep_client.get("/catalog/")
    assert acting_rep_for(response.wsgi_request) == rep
    assert response.wsgi_request.acting.pk == acting.pk


def test_without_acting_the_request_has_no_acting_session(client, world):
    client.force_login(world.user)
    response = client.get("/catalog/")
    assert response.wsgi_request.acting is None and acting_rep_for(response.wsgi_request) is None


def test_credential_views_are_forbidden_while_acting(acting):
    view = forbid_while_acting(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/account/password/")
    request.acting = None
    assert view(request).status_code == 200
    request.acting = acting
    with pytest.raises(PermissionDenied):
        view(request)


def test_the_password_change_page_is_forbidden_while_acting(rep_client, acting):
    """The password-change page (another area) wraps its view in forbid_while_acting."""
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("storefront:password_change")
    except NoReverseMatch:
        pytest.skip("no storefront password-change page yet")
    assert rep_client.get(url).status_code == 403
