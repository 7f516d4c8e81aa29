// Listing pages: changing the sort order submits at once (the form works without JS too).
document.querySelectorAll("select.autosubmit").forEach(function (select) {
  select.addEventListener("change", function () { select.form.submit(); });
});

// "Why this price?" on a tile: the rules are fetched when the customer opens it (once).
document.querySelectorAll("details.why-price[data-rules-url]").forEach(function (details) {
  details.addEventListener("toggle", function () {
    if (!details.open || details.dataset.loaded) { return; }
    details.dataset.loaded = "1";
    fetch(details.dataset.rulesUrl, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.text(); })
      .then(function (html) {
        var pending = details.querySelector(".rules-pending");
        var holder = document.createElement("div");
        holder.innerHTML = html;  // our own escaped template fragment, same origin
        if (pending) { pending.replaceWith(holder); }
      })
      .catch(function () { delete details.dataset.loaded; });
  });
});
