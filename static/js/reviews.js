// Review reports: while a report is queued or being prepared, ask its state every 2 s and move
// its progress bar; when it is ready, show the download link. Without this, the page shows the
// state when it was loaded and a link to refresh it.
(function () {
  "use strict";
  var PERIOD = 2000;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.review[data-status-url]"));
  if (!rows.length || !window.fetch) { return; }
  var linkTemplate = document.getElementById("review-download-link");
  var failedTemplate = document.getElementById("review-failed-text");
  var refresh = document.getElementById("reviews-refresh");

  function show(row, state) {
    var status = row.querySelector("[data-role=status]");
    var bar = row.querySelector("[data-role=bar]");
    var percent = row.querySelector("[data-role=percent]");
    if (status) {
      status.textContent = state.status_label;
      status.className = "status status-" + state.status;
    }
    if (bar) { bar.value = state.progress; bar.textContent = state.progress + " %"; }
    if (percent) { percent.textContent = state.progress + " %"; }
    if (state.pending) { return; }
    row.removeAttribute("data-status-url");
    if (bar) { bar.parentNode.remove(); }
    if (percent) { percent.remove(); }
    var cell = row.querySelector("[data-role=file]");
    if (state.download_url && cell && linkTemplate) {
      var link = linkTemplate.content.firstElementChild.cloneNode(true);
      link.href = state.download_url;
      cell.textContent = "";
      cell.appendChild(link);
    } else if (state.status === "failed" && status && failedTemplate) {
      status.parentNode.appendChild(failedTemplate.content.firstElementChild.cloneNode(true));
    }
  }

  function poll() {
    var pending = rows.filter(function (row) { return row.hasAttribute("data-status-url"); });
    if (!pending.length) {
      if (refresh) { refresh.hidden = true; }
      return;
    }
    Promise.all(pending.map(function (row) {
      return fetch(row.getAttribute("data-status-url"), {
        credentials: "same-origin", headers: { "Accept": "application/json" }
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (state) { show(row, state); })
        .catch(function () { /* keep the row as it is; the next round asks again */ });
    })).then(function () { window.setTimeout(poll, PERIOD); });
  }
  window.setTimeout(poll, PERIOD);
})();
