// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // One click, one submission: a double click must not send a form twice.
  document.querySelectorAll("form.once").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      var clicked = event.submitter;
      if (clicked && clicked.name) {
        var hidden = document.createElement("input");
        hidden.type = "hidden"; hidden.name = clicked.name; hidden.value = clicked.value;
        form.appendChild(hidden);
      }
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    });
  });
  // Work done in the background (e.g. the council's minutes): look again in a moment.
  var waiting = document.querySelector("[data-reload-in]");
  if (waiting) { setTimeout(function () { window.location.reload(); }, parseInt(waiting.dataset.reloadIn, 10)); }

  // Fields that only one commendation type asks for follow the type chosen for the dossier.
  var typeSelect = document.getElementById("id_commendation_type");
  function showTypeFields() {
    if (!typeSelect) { return; }
    document.querySelectorAll("[data-for-type]").forEach(function (input) {
      var field = input.closest(".field");
      if (field) { field.hidden = input.dataset.forType !== typeSelect.value; }
    });
  }
  if (typeSelect) { typeSelect.addEventListener("change", showTypeFields); showTypeFields(); }

  // "Add a nominee": clone the empty form of the formset.
  var add = document.getElementById("add-nominee");
  var template = document.getElementById("nominee-template");
  if (add && template) {
    add.addEventListener("click", function () {
      var total = document.getElementById("id_nominees-TOTAL_FORMS");
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var node = holder.firstElementChild;
      var number = node.querySelector(".n");
      if (number) { number.textContent = String(index + 1); }
      document.getElementById("nominee-forms").appendChild(node);
      total.value = String(index + 1);
      showTypeFields();
      var first = node.querySelector("input, select, textarea");
      if (first) { first.focus(); }
    });
  }
})();
