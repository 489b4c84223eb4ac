// The page's script (no framework): filtering the table as the clerk types,
// and the live sync status — while a sync runs, GET /api/status every
// second updates the counts and the message; when it ends, the page
// reloads so the table shows what the town approved. Everything inserted
// into the page goes through textContent (never innerHTML).
#include "station/ui/assets.h"

namespace gongkai::station::ui {

const std::string_view kAppJs = R"JS(
'use strict';
(function () {
  function filterRows() {
    var area = document.getElementById('filter-area');
    var q = document.getElementById('filter-q');
    var table = document.getElementById('rows');
    if (!area || !q || !table) return;
    var a = area.value, text = q.value.trim();
    var shown = 0;
    table.querySelectorAll('tbody tr').forEach(function (tr) {
      var ok = (!a || tr.dataset.area === a) && (!text || tr.dataset.text.indexOf(text) >= 0);
      tr.classList.toggle('hidden', !ok);
      if (ok) shown++;
    });
    var count = document.getElementById('row-count');
    if (count) count.textContent = '共 ' + shown + ' 条';
  }

  function setText(id, value) {
    var el = document.getElementById(id);
    if (el) el.textContent = String(value);
  }

  var wasRunning = false;
  function poll() {
    fetch('api/status', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (s) {
        setText('st-version', s.catalog_version);
        setText('st-rows', s.approved_rows);
        setText('st-pending', s.pending_edits);
        setText('st-outbox', s.outbox);
        setText('st-unsent', s.unsent);
        setText('st-conflicts', s.conflicts);
        setText('st-rejected', s.rejected);
        setText('st-last-sync', s.last_sync);
        var line = document.getElementById('sync-status');
        var button = document.getElementById('sync-button');
        if (line && s.sync.state !== 'idle') {
          line.textContent = s.sync.message;
          line.className = 'sync ' + s.sync.state;
          line.dataset.state = s.sync.state;
        }
        if (button) button.disabled = s.sync.state === 'running';
        if (s.sync.state === 'running') {
          wasRunning = true;
          setTimeout(poll, 1000);
        } else if (wasRunning) {
          window.location.replace(window.location.pathname + window.location.search);
        }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var area = document.getElementById('filter-area');
    var q = document.getElementById('filter-q');
    if (area) area.addEventListener('change', filterRows);
    if (q) q.addEventListener('input', filterRows);
    var line = document.getElementById('sync-status');
    if (line && line.dataset.state === 'running') { wasRunning = true; poll(); }
  });
})();
)JS";

}  // namespace gongkai::station::ui
