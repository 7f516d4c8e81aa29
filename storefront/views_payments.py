"""Online payment pages (F03): "Pay now" sends the buyer to PayU, PayU sends them back to the
return page, and PayU's server tells us the outcome (notify). Only the signed notification marks
an order paid (backoffice/online_payments/services.py)."""
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backoffice.online_payments.models import OnlinePayment
from backoffice.online_payments.services import latest_payment, notification_receive, payment_due, payment_start
from backoffice.orders.checkout import PaymentMethod
from backoffice.orders.models import Order
from backoffice.orders.selectors import order_get_for_user


def _online_order(request, pk) -> Order:
    """The buyer's own order paid online; anything else is a 404 like a missing order."""
    order = order_get_for_user(request.user, pk)
    if order.payment_method != PaymentMethod.ONLINE or order.source != Order.Source.PLATFORM:
        raise Http404
    return order


def _detail_url(order) -> str | None:
    try:
        return reverse("orders:order_detail", args=[order.pk])
    except NoReverseMatch:
        return reverse("orders:order_placed", args=[order.pk])


@require_http_methods(["GET", "POST"])
def payment_start_view(request, pk):
    order = _online_order(request, pk)
    if not payment_due(order):  # paid meanwhile, cancelled...: the return page says where it stands
        return redirect("orders:online_payment_return", pk=order.pk)
    result = payment_start(order_id=order.pk, user=request.user, customer_ip=request.META.get("REMOTE_ADDR", ""))
    if result.redirect_uri:
        return redirect(result.redirect_uri)
    return render(request, "storefront/payments/start_failed.html", {"order": order, "error": result.error, "detail_url": _detail_url(order)})


@require_GET
def payment_return(request, pk):
    """PayU's continueUrl. Says what we know; PayU adds error=501 when the payment failed."""
    order = _online_order(request, pk)
    payment = latest_payment(order)
    if order.paid_at is not None:
        state = "paid"
    elif order.status == Order.Status.CANCELLED:
        state = "cancelled"
    elif request.GET.get("error") or (payment is not None and payment.status in (OnlinePayment.Status.CANCELED, OnlinePayment.Status.FAILED)):
        state = "failed"
    else:
        state = "confirming"
    context = {"order": order, "state": state, "payment": payment, "can_retry": payment_due(order) and state != "confirming",
               "start_url": reverse("orders:online_payment_start", args=[order.pk]), "detail_url": _detail_url(order)}
    return render(request, "storefront/payments/return.html", context)


@csrf_exempt
@require_POST
def payu_notify(request):
    outcome = notification_receive(body=request.body, signature=request.headers.get("OpenPayu-Signature", ""),
                                   remote_addr=request.META.get("REMOTE_ADDR", ""))
    return HttpResponse(outcome.result, status=outcome.http_status, content_type="text/plain")
