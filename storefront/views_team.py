"""A10: the company's users (list, new employee, change, deactivate/reactivate, new set-password
link). "Change my password" is storefront:password_change (views_auth), on whatever the modules.

Who may do what: backoffice/accounts/team.py (the rules) and core.permissions.may_manage_users
(404 for everybody else). A sales rep acting as the customer (R01) may manage employees but never
change a password (forbid_while_acting: 403).
"""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backoffice.accounts import team
from backoffice.accounts.decorators import manage_users_required
from backoffice.acting.session import acting_rep_for

from .forms_team import EmployeeChangeForm, EmployeeCreateForm


def _back_to_list():
    return redirect("team:list")


@require_http_methods(["GET"])
@manage_users_required
def team_list(request):
    members = list(team.team_members_for(request.user))
    rows = [{"user": member, "changeable": team.may_change(request.user, member)} for member in members]
    return render(request, "storefront/team/list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@manage_users_required
def team_new(request):
    actor = request.user
    if request.method == "POST":
        form = EmployeeCreateForm(request.POST, actor=actor)
        if form.is_valid():
            try:
                employee = team.employee_create(actor=actor, created_by=acting_rep_for(request) or actor, **form.values())
            except team.TeamRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, _("The account of %(name)s was created. We emailed %(email)s a link to set a password.") % {
                    "name": employee.get_full_name() or employee.email, "email": employee.email})
                return _back_to_list()
    else:
        form = EmployeeCreateForm(actor=actor, initial={"language": actor.language})
    return render(request, "storefront/team/form.html", {"form": form, "member": None})


@require_http_methods(["GET", "POST"])
@manage_users_required
def team_edit(request, pk):
    actor = request.user
    member = team.team_member_get(actor, pk)
    refusal = team.refusal_to_change(actor, member)
    if refusal:
        messages.error(request, refusal)
        return _back_to_list()
    if request.method == "POST":
        form = EmployeeChangeForm(request.POST, actor=actor, initial=EmployeeChangeForm.initial_for(member))
        if form.is_valid():
            try:
                team.employee_update(actor=actor, employee=member, **form.values())
            except team.TeamRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("The changes were saved."))
                return _back_to_list()
    else:
        form = EmployeeChangeForm(actor=actor, initial=EmployeeChangeForm.initial_for(member))
    return render(request, "storefront/team/form.html", {"form": form, "member": member})


def _member_action(request, pk, action, done_message: str):
    """A POST button of the list: run the service, say what happened (or why not), back to the list."""
    member = team.team_member_get(request.user, pk)
    try:
        action(actor=request.user, employee=member)
    except team.TeamRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done_message % {"name": member.get_full_name() or member.email, "email": member.email})
    return _back_to_list()


@require_POST
@manage_users_required
def team_deactivate(request, pk):
    return _member_action(
        request, pk, lambda **kw: team.employee_set_active(active=False, **kw), _("%(name)s can no longer log in.")
    )


@require_POST
@manage_users_required
def team_reactivate(request, pk):
    return _member_action(request, pk, lambda **kw: team.employee_set_active(active=True, **kw), _("%(name)s can log in again."))


@require_POST
@manage_users_required
def team_resend_link(request, pk):
    return _member_action(request, pk, team.employee_resend_link, _("We emailed %(email)s a new link to set a password."))

