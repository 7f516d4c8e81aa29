// Header search: suggestions while typing (products and categories), keyboard friendly.
(function () {
  var form = document.querySelector("form.header-search[data-suggest-url]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var list = document.createElement("ul");
  list.className = "suggestions";
  list.id = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("autocomplete", "off");
  var timer = null, last = "", active = -1;

  function clear() { list.innerHTML = ""; list.hidden = true; active = -1; }
  function item(label, url, extra) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = url; a.textContent = label; a.setAttribute("role", "option");
    if (extra) { var s = document.createElement("span"); s.className = "sku"; s.textContent = extra; a.appendChild(s); }
    li.appendChild(a); list.appendChild(li);
  }
  function group(label) {
    var li = document.createElement("li"); li.className = "suggestion-group"; li.textContent = label; list.appendChild(li);
  }
  function render(data) {
    clear();
    if (data.categories.length) { group(form.dataset.labelCategories); data.categories.forEach(function (c) { item(c.label, c.url); }); }
    if (data.products.length) { group(form.dataset.labelProducts); data.products.forEach(function (p) { item(p.label, p.url, p.sku); }); }
    list.hidden = !list.children.length;
  }
  function fetchSuggestions() {
    var q = input.value.trim();
    if (q === last) return;
    last = q;
    if (q.length < 2) { clear(); return; }
    fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && input.value.trim() === q) render(data); })
      .catch(function () {});
  }
  function links() { return list.querySelectorAll("a"); }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 150); });
  input.addEventListener("keydown", function (e) {
    var items = links();
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      e.preventDefault();
      if (active >= 0) items[active].classList.remove("active");
      active = (active + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items[active].classList.add("active");
    } else if (e.key === "Enter" && active >= 0 && items[active]) {
      e.preventDefault(); window.location = items[active].href;
    } else if (e.key === "Escape") { clear(); }
  });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) clear(); });
})();
