// The ballot page: filters, "agree to all shown", a live count, and marks kept as you go.
// Without JavaScript every control still works through the form's own buttons.
(function () {
  "use strict";
  var form = document.getElementById("ballot-form");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(form.querySelectorAll("tbody tr"));
  var search = document.getElementById("ballot-search");
  var unit = document.getElementById("ballot-unit");
  var award = document.getElementById("ballot-award");
  var unmarked = document.getElementById("ballot-unmarked");
  var progress = document.getElementById("ballot-progress");
  var template = progress.textContent.replace(/\d+/g, "#");

  function fold(text) {  // "Nguyễn" and "nguyen" match, as on every search of the site
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase().trim();
  }
  function isMarked(row) { return !!row.querySelector("input[type=radio]:checked"); }
  function votable(row) { return !row.dataset.recused; }

  function applyFilters() {
    var q = fold(search.value), u = unit.value, a = award.value, only = unmarked.checked;
    rows.forEach(function (row) {
      row.hidden = (q && row.dataset.search.indexOf(q) === -1) || (u && row.dataset.unit !== u) ||
        (a && row.dataset.award !== a) || (only && (isMarked(row) || !votable(row)));
    });
  }
  function count() {
    var total = rows.filter(votable).length, marked = rows.filter(isMarked).length;
    var parts = template.split("#");
    progress.textContent = parts[0] + marked + parts[1] + total + (parts[2] || "");
  }

  var timer = null;
  function keepDraft() {
    var url = form.dataset.draftUrl;
    if (!url) { return; }
    clearTimeout(timer);
    timer = setTimeout(function () {
      var data = new FormData(form);
      data.set("action", "save");
      fetch(url, { method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin" });
    }, 800);
  }

  [search, unit, award, unmarked].forEach(function (el) { el.addEventListener("input", applyFilters); });
  form.addEventListener("change", function () { count(); keepDraft(); });
  document.getElementById("agree-all").addEventListener("click", function () {
    rows.forEach(function (row) {
      if (!row.hidden && votable(row)) { row.querySelector("input[value=agree]").checked = true; }
    });
    count(); keepDraft(); applyFilters();
  });
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      event.preventDefault(); event.stopImmediatePropagation();
    }
  }, true);
  count();
})();
