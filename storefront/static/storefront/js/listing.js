// Listing pages: changing the sort order submits at once (the form works without JS too).
document.querySelectorAll("select.autosubmit").forEach(function (select) {
  select.addEventListener("change", function () { select.form.submit(); });
});
