"""The company's shipping addresses (A07/A08/A09): the list (ERP ones and the customer's own with
their status), adding one and hiding one the customer added. Module "addresses" (its URLs answer
404 while it is off). Access: backoffice/addresses/selectors.py; writes: addresses/services.py."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backoffice.accounts.models import Address
from backoffice.addresses import selectors, services
from backoffice.addresses.policy import address_policy_for
from backoffice.orders.selectors import buying_company

from .forms_addresses import AddressForm


@require_GET
def address_list(request):
    addresses = list(selectors.company_addresses_for(request.user))
    return render(request, "storefront/addresses/list.html", {
        "addresses": addresses, "policy": address_policy_for(request.user.company), "Status": Address.Status, "Source": Address.Source,
    })


@require_http_methods(["GET", "POST"])
def address_new(request):
    company = buying_company(request.user)
    policy = address_policy_for(company)
    form = AddressForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            address = services.address_add(company=company, user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if address.status == Address.Status.PENDING:
                messages.success(request, gettext("The address has been added. You can use it for orders once we approve it; we will email you."))
            else:
                messages.success(request, gettext("The address has been added and you can choose it at checkout now."))
            return redirect("addresses:list")
    status = 400 if request.method == "POST" else 200
    return render(request, "storefront/addresses/form.html", {"form": form, "policy": policy}, status=status)


@require_POST
def address_deactivate(request, pk):
    address = selectors.address_get_for_user(request.user, pk)
    try:
        services.address_deactivate(address=address, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("The address has been removed from your list."))
    return redirect("addresses:list")
