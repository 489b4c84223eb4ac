// The stylesheet of the clerk's page: readable on a 1366×768 screen, and on
// a phone (under 760 px the table becomes one card per row).
#include "station/ui/assets.h"

namespace gongkai::station::ui {

const std::string_view kAppCss = R"CSS(
:root { --ink:#1f2933; --muted:#52606d; --line:#cbd2d9; --bg:#f5f7fa; --brand:#b71c1c;
  --ok:#2e7d32; --warn:#b26a00; --bad:#c62828; --link:#0b5cad; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin:0; color:var(--ink); background:var(--bg);
  font-family: "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;
  line-height:1.5; }
a { color:var(--link); }
header.top { display:flex; flex-wrap:wrap; align-items:center; gap:.5rem 1.5rem;
  padding:.6rem 1rem; background:var(--brand); color:#fff; }
header.top .brand { font-size:1.2rem; font-weight:bold; }
header.top small { font-weight:normal; opacity:.9; margin-left:.5rem; }
header.top nav { display:flex; flex-wrap:wrap; gap:.25rem; }
header.top nav a { color:#fff; text-decoration:none; padding:.3rem .7rem; border-radius:4px; }
header.top nav a.active, header.top nav a:hover { background:rgba(255,255,255,.2); }
main { max-width:1340px; margin:0 auto; padding:1rem; }
main.narrow { max-width:40rem; }
footer { text-align:center; color:var(--muted); font-size:.85rem; padding:1rem; }
h1 { font-size:1.4rem; margin:.2rem 0 .6rem; }
h2 { font-size:1.15rem; margin:0 0 .5rem; }
h3 { font-size:1rem; margin:.8rem 0 .3rem; }
section { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.8rem 1rem; margin-bottom:1rem; }
.counts { display:grid; grid-template-columns:repeat(auto-fill,minmax(380px,1fr)); gap:.3rem 1rem; margin:0 0 .6rem; }
.counts div { display:flex; gap:.5rem; }
.counts dt { color:var(--muted); white-space:nowrap; }
.counts dd { margin:0; }
.sync-form { display:flex; flex-wrap:wrap; align-items:center; gap:.6rem 1rem; }
.sync { margin:0; }
.sync.running { color:var(--warn); }
.sync.ok { color:var(--ok); }
.sync.failed { color:var(--bad); }
button, .button { display:inline-block; font:inherit; padding:.45rem 1.1rem; border:1px solid var(--line);
  border-radius:4px; background:#fff; color:var(--ink); text-decoration:none; cursor:pointer; min-height:2.5rem; }
button.primary, .button.primary, #sync-button { background:var(--brand); border-color:var(--brand); color:#fff; }
button.danger { background:var(--bad); border-color:var(--bad); color:#fff; }
button[disabled] { opacity:.6; cursor:progress; }
.buttons { display:flex; flex-wrap:wrap; gap:.6rem; margin:1rem 0 .5rem; }
.flash { background:#e8f5e9; border:1px solid #a5d6a7; padding:.5rem .8rem; border-radius:4px; }
.warn { color:var(--warn); }
.alarm { color:#fff; background:var(--bad); padding:.5rem .8rem; border-radius:4px; font-weight:bold; }
.hint, .note { color:var(--muted); font-size:.9rem; }
.note { font-weight:normal; margin-left:.3rem; }
.errors { background:#ffebee; border:1px solid #ef9a9a; padding:.5rem .8rem; border-radius:4px; margin-bottom:1rem; }
.err { color:var(--bad); margin:.2rem 0 0; font-size:.92rem; }
.filter { display:flex; flex-wrap:wrap; gap:.5rem 1rem; align-items:center; margin-bottom:.6rem; }
.filter select, .filter input { font:inherit; padding:.35rem; min-width:12rem; }
table.rows { width:100%; border-collapse:collapse; font-size:.93rem; }
table.rows th, table.rows td { border-bottom:1px solid var(--line); padding:.4rem .45rem; text-align:left; vertical-align:top; }
table.rows th { background:#eef2f6; position:sticky; top:0; }
table.rows td { word-break:break-word; }
table.rows tr.retired td { color:#9aa5b1; text-decoration:line-through; }
table.rows tr.retired td.actions, table.rows tr.retired td[data-label="状态"] { text-decoration:none; }
table.rows tr.hidden { display:none; }
.actions a { white-space:nowrap; margin-right:.4rem; }
.badge { display:inline-block; padding:0 .4rem; border-radius:3px; font-size:.85rem; white-space:nowrap; background:#e3f2fd; }
.badge.approved { background:#e8f5e9; color:var(--ok); }
.badge.outbox { background:#fff3e0; color:var(--warn); }
.badge.pending { background:#fce4ec; color:#ad1457; }
.badge.retired { background:#eceff1; color:#607d8b; }
.badge.held { background:#ffebee; color:#c62828; font-weight:bold; }
form.inline { display:inline; }
table.fields { border-collapse:collapse; width:100%; background:#fff; }
table.fields th { width:11rem; text-align:left; color:var(--muted); font-weight:normal; }
table.fields th, table.fields td { border-bottom:1px solid var(--line); padding:.35rem .5rem; vertical-align:top; white-space:pre-wrap; }
.row-form { background:#fff; border:1px solid var(--line); border-radius:6px; padding:1rem;
  display:grid; grid-template-columns:1fr 1fr; gap:.2rem 1.5rem; }
.row-form .field { margin-bottom:.6rem; }
.row-form .field#field-content, .row-form .field#field-basis, .row-form .field#field-channels,
.row-form .field#field-channels_other, .row-form .field#field-notes, .row-form .buttons, .row-form .hint { grid-column:1 / -1; }
.row-form label, .row-form legend { display:block; font-weight:bold; margin-bottom:.2rem; }
.row-form fieldset { border:0; padding:0; margin:0; }
.row-form input[type=text], .row-form textarea { width:100%; font:inherit; padding:.4rem; border:1px solid var(--line); border-radius:4px; }
.row-form .invalid input[type=text], .row-form .invalid textarea, .row-form .invalid .checks { border-color:var(--bad); outline:1px solid var(--bad); }
.checks { display:flex; flex-wrap:wrap; gap:.2rem 1rem; padding:.2rem; border-radius:4px; }
.check { font-weight:normal !important; display:inline-flex !important; align-items:center; gap:.3rem; min-height:2rem; }
.check input { width:1.1rem; height:1.1rem; }
.req { color:var(--bad); margin-left:.2rem; }
.import label { display:block; margin:.5rem 0; }
#posting .row-form { margin-top:.5rem; }
.row-form input[type=date], .row-form input[type=file] { font:inherit; padding:.3rem; }
ol.records > li.superseded { color:var(--muted); }
ol.records ul.attachments { margin:.2rem 0 .4rem; font-size:.9em; }
table.due tr[data-status=missing] td { color:var(--bad); }
@media (max-width: 760px) {
  main { padding:.5rem; }
  .row-form { grid-template-columns:1fr; }
  .counts { grid-template-columns:1fr; }
  table.rows thead { display:none; }
  table.rows, table.rows tbody, table.rows tr, table.rows td { display:block; width:100%; }
  table.rows tr { border:1px solid var(--line); border-radius:6px; margin-bottom:.6rem; padding:.3rem .5rem; background:#fff; }
  table.rows td { border:0; padding:.15rem 0; }
  table.rows td::before { content:attr(data-label) "："; color:var(--muted); }
  table.fields th { width:6.5rem; }
  .filter select, .filter input { min-width:0; width:100%; }
  .filter label { width:100%; }
}
)CSS";

// The page's icon: 公 on the red of the header.
const std::string_view kIconSvg =
    R"SVG(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b71c1c"/><text x="16" y="23" font-size="20" text-anchor="middle" fill="#fff">公</text></svg>)SVG";

}  // namespace gongkai::station::ui
