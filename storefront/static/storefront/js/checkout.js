// Checkout: one click places one order. The server is idempotent anyway (the form's token);
// this only stops the button from being pressed again while the order is being placed.
// It also keeps the summary and the methods' panels in step with the chosen delivery and payment
// method (the totals of every pair come with the page, computed by the server).
(function () {
  "use strict";
  var form = document.getElementById("checkout-form");
  if (!form) return;
  form.addEventListener("submit", function () {
    var button = form.querySelector("button.place-order");
    if (!button) return;
    // Disable after the browser has collected the form data (a disabled button is not sent).
    window.setTimeout(function () {
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      if (button.dataset.busyLabel) button.textContent = button.dataset.busyLabel;
    }, 0);
  });

  var totalsNode = document.getElementById("checkout-method-totals");
  var totals = totalsNode ? JSON.parse(totalsNode.textContent) : {};

  function chosen(name) {
    var input = form.querySelector("input[name='" + name + "']:checked");
    return input ? input.value : "";
  }

  function refresh() {
    var delivery = chosen("delivery_method");
    var payment = chosen("payment_method");
    form.querySelectorAll(".method-panel").forEach(function (panel) {
      var input = panel.closest("li.method").querySelector("input[type=radio]");
      panel.hidden = !(input && input.checked);
    });
    var row = totals[delivery + "|" + payment];
    if (!row) return;
    Object.keys(row).forEach(function (key) {
      form.querySelectorAll("[data-total='" + key + "']").forEach(function (node) { node.textContent = row[key]; });
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "delivery_method" || event.target.name === "payment_method") refresh();
  });
  refresh();
})();
