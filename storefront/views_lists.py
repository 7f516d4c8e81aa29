"""Shopping lists (R03): the company's lists, one list, adding from the product card, saving the
cart as a list and putting a list (all or chosen lines) into the cart.

Access: backoffice/orders/lists.py `shopping_list_get_for_user` (another company's list is a 404);
every view is switched off with the "shopping_lists" module. Writes go through the services
there; bad input comes back as a message in the customer's language, nothing written.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST

from backoffice.catalog.selectors import catalog_access_for, product_get_for_user
from backoffice.core.modules import module_required
from backoffice.orders import lists as services

from .forms_lists import AddByCodeForm, AddToListForm, ListNameForm, posted_line_ids, posted_quantities

MODULE = "shopping_lists"
NAMED_IN_MESSAGE = 10  # refused lines named in the message; the rest are counted


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _detail(shopping_list) -> str:
    return reverse("orders:list_detail", args=[shopping_list.pk])


def _cart_url() -> str | None:
    try:
        return reverse("orders:cart")
    except NoReverseMatch:
        return None


@module_required(MODULE)
@require_GET
def list_index(request):
    lists = list(services.shopping_lists_for(request.user))
    return render(request, "storefront/lists/index.html", {"lists": lists, "form": ListNameForm(), "cart_form": ListNameForm(prefix="cart")})


@module_required(MODULE)
@require_POST
def list_create(request):
    form = ListNameForm(request.POST)
    if form.is_valid():
        try:
            shopping_list = services.shopping_list_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, gettext("The list “%(name)s” has been created.") % {"name": shopping_list.name})
            return redirect(_detail(shopping_list))
    lists = list(services.shopping_lists_for(request.user))
    return render(request, "storefront/lists/index.html", {"lists": lists, "form": form, "cart_form": ListNameForm(prefix="cart")}, status=400)


@module_required(MODULE)
@require_GET
def list_detail(request, pk):
    shopping_list = services.shopping_list_get_for_user(request.user, pk)
    view = services.shopping_list_view_for(request.user, shopping_list)
    context = {
        "view": view,
        "shopping_list": shopping_list,
        "rename_form": ListNameForm(initial={"name": shopping_list.name}),
        "code_form": AddByCodeForm(),
        "cart_url": _cart_url(),
    }
    return render(request, "storefront/lists/detail.html", context)


@module_required(MODULE)
@require_POST
def list_rename(request, pk):
    shopping_list = services.shopping_list_get_for_user(request.user, pk)
    form = ListNameForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        services.shopping_list_rename(shopping_list=shopping_list, name=form.cleaned_data["name"])
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, gettext("The list has been renamed."))
    return redirect(_detail(shopping_list))


@module_required(MODULE)
@require_POST
def list_delete(request, pk):
    shopping_list = services.shopping_list_get_for_user(request.user, pk)
    name = shopping_list.name
    services.shopping_list_delete(shopping_list=shopping_list)
    messages.success(request, gettext("The list “%(name)s” has been deleted.") % {"name": name})
    return redirect("orders:list_index")


@module_required(MODULE)
@require_POST
def list_line_add(request, pk):
    """Add a product typed by its code on the list page."""
    shopping_list = services.shopping_list_get_for_user(request.user, pk)
    form = AddByCodeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        access = catalog_access_for(request.user)
        product = services.shopping_list_find_product(access=access, code=form.cleaned_data["code"])
        services.shopping_list_add_product(shopping_list=shopping_list, access=access, product_id=product.pk,
                                           quantity=form.cleaned_data["quantity"])
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, gettext("%(sku)s has been added to the list.") % {"sku": product.sku})
    return redirect(_detail(shopping_list))


@module_required(MODULE)
@require_POST
def list_lines_update(request, pk):
    """Save the quantities typed on the list page (0 removes a line)."""
    shopping_list = services.shopping_list_get_for_user(request.user, pk)
    try:
        changed = services.shopping_list_update_lines(shopping_list=shopping_list, quantities=posted_quantities(request.POST))
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, gettext("The list has been saved.") if changed else gettext("Nothing has changed."))
    return redirect(_detail(shopping_list))


@module_required(MODULE)
@require_POST
def list_line_remove(request, pk, line_pk):
    shopping_list = services.shopping_list_get_for_user(request.user, pk)
    if services.shopping_list_remove_line(shopping_list=shopping_list, line_id=line_pk):
        messages.success(request, gettext("The product has been removed from the list."))
    return redirect(_detail(shopping_list))


@module_required(MODULE)
@require_POST
def list_to_cart(request, pk):
    """All lines ("all" button) or the ticked ones, in the quantities shown on the page."""
    shopping_list = services.shopping_list_get_for_user(request.user, pk)
    line_ids = None if request.POST.get("all") else posted_line_ids(request.POST)
    try:
        report = services.shopping_list_to_cart(user=request.user, shopping_list=shopping_list, line_ids=line_ids,
                                                quantities=posted_quantities(request.POST))
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(_detail(shopping_list))
    _to_cart_messages(request, report)
    cart_url = _cart_url()
    return redirect(cart_url if cart_url and report.added_count else _detail(shopping_list))


def _labelled(label: str | None, reason: str) -> str:
    return f"{label}: {reason}" if label else reason


def _to_cart_messages(request, report: services.ToCartReport) -> None:
    added = report.added_count
    if added:
        messages.success(request, ngettext("%(count)d product added to the cart.", "%(count)d products added to the cart.", added)
                         % {"count": added})
    if report.unavailable:
        count = len(report.unavailable)
        messages.warning(request, ngettext(
            "%(count)d product of the list is no longer available to you and was not added.",
            "%(count)d products of the list are no longer available to you and were not added.", count,
        ) % {"count": count})
    rejected = report.cart.rejected
    if rejected:
        named = [_labelled(report.names.get(r.item.source_line), r.reason) for r in rejected[:NAMED_IN_MESSAGE]]
        text = gettext("Not added: %(lines)s") % {"lines": "; ".join(named)}
        more = len(rejected) - NAMED_IN_MESSAGE
        if more > 0:
            text += " " + ngettext("(and %(count)d more line)", "(and %(count)d more lines)", more) % {"count": more}
        messages.warning(request, text)


@module_required(MODULE)
@require_POST
def list_add_product(request):
    """The product card's form: put the product on a chosen list or on a new one."""
    form = AddToListForm(request.POST, lists=services.list_choices_for(request.user))
    valid = form.is_valid()
    if "product" in form.errors:
        raise Http404
    product = product_get_for_user(request.user, form.cleaned_data["product"])  # 404 unless the customer may see it
    if not valid:
        messages.error(request, _form_errors(form))
        return redirect("catalog:product", product.pk)
    data = form.cleaned_data
    try:
        if data["shopping_list"]:
            shopping_list = services.shopping_list_get_for_user(request.user, data["shopping_list"])
        else:
            shopping_list = services.shopping_list_create(user=request.user, name=data["new_name"])
        services.shopping_list_add_product(shopping_list=shopping_list, access=catalog_access_for(request.user), product_id=product.pk,
                                           quantity=data["quantity"], unit=data["unit"])
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, gettext("Added to the list “%(name)s”.") % {"name": shopping_list.name})
    return redirect("catalog:product", product.pk)


@module_required(MODULE)
@require_POST
def list_from_cart(request):
    form = ListNameForm(request.POST, prefix="cart")
    try:
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        report = services.shopping_list_from_cart(user=request.user, name=form.cleaned_data["name"])
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(_cart_url() or reverse("orders:list_index"))
    messages.success(request, ngettext("%(count)d product saved as the list “%(name)s”.", "%(count)d products saved as the list “%(name)s”.",
                                       report.saved) % {"count": report.saved, "name": report.shopping_list.name})
    if report.skipped_bundles:
        messages.info(request, ngettext("%(count)d bundle was not saved: lists hold single products.",
                                        "%(count)d bundles were not saved: lists hold single products.", report.skipped_bundles)
                      % {"count": report.skipped_bundles})
    return redirect(_detail(report.shopping_list))
