// Product card: planned availability (S02) follows the quantity and unit as the customer types.
// The server sends the supply steps in the order they are used, with translated labels
// (backoffice/inventory/availability.py); this only repeats its greedy walk, `allocate`.
// Quantities are exact: decimal strings become BigInts in units of 10^-SCALE.
(function () {
  "use strict";
  var dataNode = document.getElementById("product-card-data");
  var form = document.getElementById("buy-form");
  var box = document.getElementById("availability");
  if (!dataNode || !form || !box) return;
  var data = JSON.parse(dataNode.textContent);
  var SCALE = 7;
  var ONE = 10n ** BigInt(SCALE);
  var decimalSep = (new Intl.NumberFormat(document.documentElement.lang || "pl").formatToParts(1.5)
    .find(function (p) { return p.type === "decimal"; }) || { value: "," }).value;

  function parse(text) {
    var match = /^\s*(\d*)(?:[.,](\d*))?\s*$/.exec(String(text));
    if (!match || (match[1] === "" && !match[2])) return null;
    var fraction = (match[2] || "").slice(0, SCALE).padEnd(SCALE, "0");
    return BigInt(match[1] || "0") * ONE + BigInt(fraction);
  }

  function format(value) {
    var whole = value / ONE;
    var fraction = (value % ONE).toString().padStart(SCALE, "0").replace(/0+$/, "");
    return whole.toString() + (fraction ? decimalSep + fraction : "");
  }

  function allocate(requested) {
    var parts = [];
    var left = requested;
    data.steps.forEach(function (step) {
      if (left <= 0n) return;
      var capacity = step.capacity === null ? null : parse(step.capacity);
      var taken = capacity === null || capacity > left ? left : capacity;
      if (taken > 0n) {
        parts.push([taken, step.label]);
        left -= taken;
      }
    });
    return parts;
  }

  var requestedNode = box.querySelector("[data-requested]");
  var list = box.querySelector("[data-parts]");
  var quantityInput = form.elements.quantity;
  var unitSelect = form.elements.unit;

  function update() {
    var quantity = parse(quantityInput.value);
    var factor = parse(data.units[unitSelect.value] || "1");
    list.replaceChildren();
    if (quantity === null || quantity <= 0n) {
      requestedNode.textContent = "—";
      var warning = document.createElement("li");
      warning.className = "availability-invalid";
      warning.textContent = data.invalid;
      list.appendChild(warning);
      return;
    }
    var base = quantity * factor / ONE;
    requestedNode.textContent = format(base) + " " + data.baseUnit;
    allocate(base).forEach(function (part) {
      var item = document.createElement("li");
      item.className = "availability-part";
      var amount = document.createElement("strong");
      amount.textContent = format(part[0]) + " " + data.baseUnit;
      item.append(amount, " — " + part[1]);
      list.appendChild(item);
    });
  }

  quantityInput.addEventListener("input", update);
  unitSelect.addEventListener("change", update);
  // Live updates make the no-JS "check availability" button unnecessary.
  form.querySelectorAll(".js-hidden").forEach(function (node) { node.hidden = true; });
  update();
})();
