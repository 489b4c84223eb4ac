#include "hub/web/assets.h"

namespace gongkai::hub::web {

const std::string_view kStyleSheet = R"CSS(
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;
 font-size:15px;line-height:1.5;color:#1d232b;background:#f4f5f7}
header{background:#8f1d1d;color:#fff;padding:8px 16px;display:flex;flex-wrap:wrap;
 align-items:center;gap:8px 24px}
header h1{font-size:18px;margin:0}
nav{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center}
nav a,nav .who{color:#fff}
nav a{text-decoration:none;border-bottom:1px solid transparent}
nav a:hover{border-bottom-color:#fff}
main{max-width:1340px;margin:0 auto;padding:12px 16px}
h2{font-size:20px;margin:8px 0 12px}
h3{font-size:16px;margin:4px 0 8px}
footer{color:#667;font-size:12px;text-align:center;padding:16px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d5d8dd;padding:4px 6px;vertical-align:top;text-align:left;
 word-break:break-word}
th{background:#eceef1;font-weight:600}
.card{background:#fff;border:1px solid #d5d8dd;border-radius:4px;padding:10px 12px;margin:0 0 12px}
.meta{color:#556;font-size:13px}
.old{background:#fde8e8;text-decoration:line-through;text-decoration-color:#b33}
.new{background:#e3f6e5}
.side{display:grid;grid-template-columns:repeat(3,1fr);gap:8px}
.side>div{border:1px solid #d5d8dd;border-radius:4px;padding:6px;background:#fafbfc}
.side h4{margin:0 0 4px;font-size:13px;color:#556}
.value{white-space:pre-wrap;word-break:break-word}
.msg{padding:8px 12px;border-radius:4px;margin:0 0 12px}
.ok{background:#e3f6e5;border:1px solid #8c8}
.err{background:#fde8e8;border:1px solid #d88}
.code{font-family:monospace;color:#667;font-size:12px}
form{margin:6px 0}
form.inline{display:inline}
label{margin-right:8px}
input[type=text],input[type=search],input[type=password],textarea,select{font:inherit;
 padding:4px 6px;border:1px solid #aab;border-radius:3px;max-width:100%}
textarea{width:100%;min-height:3em}
button{font:inherit;padding:4px 12px;border:1px solid #8f1d1d;background:#8f1d1d;color:#fff;
 border-radius:3px;cursor:pointer}
button.secondary{background:#fff;color:#8f1d1d}
button.link{background:none;border:none;color:#fff;text-decoration:underline;padding:0;margin-left:12px}
pre{background:#fff;border:1px solid #d5d8dd;padding:8px;overflow-x:auto;font-size:12px}
#audit code,#audit pre{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-all}
.search{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:12px}
.retired{color:#889}
ul.picks{list-style:none;padding:0;margin:6px 0}
ul.picks li{padding:2px 0}
.picked{background:#fff8e1;border:1px solid #e0c060}
.card.add label,.card.confirm label,table.roster label{display:block;margin:6px 0 2px}
table.roster details{margin:2px 0}
.card.add button,table.roster form button{display:block;margin-top:8px}
table.roster summary{cursor:pointer;color:#8f1d1d}
.photos{display:flex;flex-wrap:wrap;gap:6px}
.photos img{display:block;width:160px;height:120px;object-fit:cover;border:1px solid #d5d8dd;background:#fafbfc}
.status.on_time,.on-time{color:#1f6b2a}
.status.late,.late{color:#a05a00}
.status.missing,.missing{color:#a31515;font-weight:600}
@media (max-width:720px){
 .side{grid-template-columns:1fr}
 table.rows,table.rows tbody,table.rows tr,table.rows td{display:block;width:100%}
 table.rows thead{display:none}
 table.rows tr{margin:0 0 10px;border:1px solid #d5d8dd;background:#fff}
 table.rows td{border:none;border-bottom:1px solid #eceef1}
 table.rows td::before{content:attr(data-label);display:block;font-size:12px;color:#667}
}
)CSS";

}  // namespace gongkai::hub::web
