// Cart page: ask before emptying the cart; mark the update button once a quantity or unit changes.
(function () {
  "use strict";
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
  var form = document.getElementById("cart-form");
  if (!form) { return; }
  var actions = form.querySelector(".cart-actions");
  form.addEventListener("change", function () { actions.classList.add("changed"); });
})();
