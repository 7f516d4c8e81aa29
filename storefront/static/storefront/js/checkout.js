// Checkout: one click places one order. The server is idempotent anyway (the form's token);
// this only stops the button from being pressed again while the order is being placed.
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
})();
