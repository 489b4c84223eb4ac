#!/usr/bin/env bash
# The Gongkai Sync demo: a town hub and village stations on this machine,
# telling the story of one round of catalog work. Run through
#   bash packaging/setup.sh demo
# which builds first. Data goes to $GONGKAI_DEMO_DIR (default ./demo), which
# is wiped at the start; the hub keeps running at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${GONGKAI_BIN:-$ROOT/build}"
HUB="$BIN/hub/gongkai-hub"
STATION="$BIN/station/gongkai-station"
DEMO="${GONGKAI_DEMO_DIR:-$ROOT/demo}"
LISTEN="${GONGKAI_DEMO_LISTEN:-127.0.0.1:8443}"
SAMPLE="$ROOT/packaging/sample"

step() { printf '\n\033[1;34m━━ %s\033[0m\n' "$*"; }
run() { printf '\033[2m$ %s\033[0m\n' "$*"; "$@"; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

for b in "$HUB" "$STATION"; do
  [ -x "$b" ] || { echo "找不到 $b：请先运行 bash packaging/setup.sh build" >&2; exit 1; }
done

if [ -f "$DEMO/hub.pid" ] && kill -0 "$(cat "$DEMO/hub.pid")" 2>/dev/null; then
  echo "停止上一次演示的集镇中心 (stopping the previous demo hub)…"
  kill "$(cat "$DEMO/hub.pid")" || true
  sleep 1
fi
rm -rf "$DEMO"
mkdir -p "$DEMO"

step "1. 镇政务公开办建立集镇中心 (the town office sets up its hub)"
run "$HUB" init --dir "$DEMO/hub" --origin baofeng.gongkai.example/log --admin wang-zhen
INFO="$("$HUB" info --dir "$DEMO/hub" --json)"
HUB_KEY="$(json_field log_key <<<"$INFO")"
HUB_CERT="$(json_field cert_sha256 <<<"$INFO")"

step "2. 集镇中心开始服务 https://$LISTEN (the hub starts serving)"
"$HUB" serve --dir "$DEMO/hub" --listen "$LISTEN" --port-file "$DEMO/hub.port" \
  >"$DEMO/hub.log" 2>&1 &
echo $! >"$DEMO/hub.pid"
for _ in $(seq 1 50); do [ -s "$DEMO/hub.port" ] && break; sleep 0.1; done
if ! [ -s "$DEMO/hub.port" ]; then
  echo "集镇中心没有启动，日志如下 (the hub did not start):" >&2
  cat "$DEMO/hub.log" >&2
  exit 1
fi
URL="https://$LISTEN"
echo "集镇中心已启动，日志: $DEMO/hub.log"

step "3. 红旗村的两台电脑各建一个工作站，镇里登记它们的公钥 (红旗村 sets up two stations — the office PC and the clerk's laptop — and the town enrolls them)"
declare -A NAME=([hongqi-01]=村委会办公室电脑 [hongqi-02]=文书笔记本)
for id in hongqi-01 hongqi-02; do
  echo "— $id（${NAME[$id]}）"
  run "$STATION" init --dir "$DEMO/$id" --id "$id" --unit 红旗村 \
    --hub "$URL" --hub-key "$HUB_KEY" --hub-cert-sha256 "$HUB_CERT" >"$DEMO/$id.init.txt"
  cat "$DEMO/$id.init.txt"
  VKEY="$(grep -m1 -E "^$id\+" "$DEMO/$id.init.txt")"
  run "$HUB" station add --dir "$DEMO/hub" --id "$id" --unit 红旗村 --key "$VKEY"
done

step "4. 没有网络也能工作：导入村里的目录表格，封存 (offline: import the village's spreadsheet and seal it)"
run "$STATION" import --dir "$DEMO/hongqi-01" "$SAMPLE/catalog-hongqi.csv"
run "$STATION" seal --dir "$DEMO/hongqi-01" --note "导入红旗村政务公开目录"
run "$STATION" status --dir "$DEMO/hongqi-01"

step "5. 网络恢复：上传；镇政务公开办审核并批准第 1 版 (online: upload; the town reviews and approves version 1)"
run "$STATION" sync --dir "$DEMO/hongqi-01"
"$HUB" pending --dir "$DEMO/hub" >"$DEMO/pending-v1.txt"
head -12 "$DEMO/pending-v1.txt"
echo "…（全部见 $DEMO/pending-v1.txt）"
run "$HUB" approve --dir "$DEMO/hub" --all --note "红旗村目录首次入库"
for id in hongqi-01 hongqi-02; do run "$STATION" sync --dir "$DEMO/$id"; done

step "6. 两台电脑离线时改了同一条：财务收支 (both computers edit the same row while offline)"
ROW="$("$STATION" list --dir "$DEMO/hongqi-01" --json | python3 -c '
import json,sys
rows=json.load(sys.stdin)
rows=rows["rows"] if isinstance(rows,dict) else rows
print(next(r["id"] for r in rows if r["item_l2"]=="财务收支"))')"
run "$STATION" edit --dir "$DEMO/hongqi-01" "$ROW" --set "time_limit=每月10日前" \
  --set "channels=社区/企事业单位/村公示栏（电子屏）、便民服务站"
run "$STATION" edit --dir "$DEMO/hongqi-02" "$ROW" --set "time_limit=每月5日前" \
  --set "channels=社区/企事业单位/村公示栏（电子屏）、政府网站"
for id in hongqi-01 hongqi-02; do
  run "$STATION" sync --dir "$DEMO/$id" --note "${NAME[$id]}：财务收支改为每月公开"
done

step "7. 镇里看到一个冲突（公开时限），渠道则两边都保留 (the town sees one conflict — the time limit; both new channels merge cleanly)"
run "$HUB" pending --dir "$DEMO/hub"
CONFLICT="$("$HUB" pending --dir "$DEMO/hub" --json | python3 -c '
import json,sys
print(json.load(sys.stdin)["conflicts"][0]["id"])')"
run "$HUB" resolve --dir "$DEMO/hub" "$CONFLICT" --value "每月5日前"
run "$HUB" approve --dir "$DEMO/hub" --all --note "财务收支按月公开"

step "8. 各站同步后目录完全一致 (after one sync each, every station holds the same signed catalog)"
for id in hongqi-01 hongqi-02; do run "$STATION" sync --dir "$DEMO/$id"; done
run "$STATION" show --dir "$DEMO/hongqi-02" "$ROW"
printf '%-12s %-8s %s\n' "谁 (who)" "版本" "目录哈希 (catalog hash)"
printf '%-12s %-8s %s\n' hub $("$HUB" catalog --dir "$DEMO/hub" --json | python3 -c '
import json,sys; c=json.load(sys.stdin); print(c["version"], c["hash"])')
for id in hongqi-01 hongqi-02; do
  printf '%-12s %-8s %s\n' "$id" $("$STATION" status --dir "$DEMO/$id" --json | python3 -c '
import json,sys; c=json.load(sys.stdin); print(c["catalog_version"], c["catalog_hash"])')
done

step "9. 审计：任何人都能独立验证全部签名历史 (audit: anyone can verify the whole signed history)"
AUDIT="$BIN/station/gongkai-audit"
run "$AUDIT" verify --hub "$URL" --hub-key "$HUB_KEY" --hub-cert-sha256 "$HUB_CERT" --state "$DEMO/audit.state"
run "$AUDIT" history --hub "$URL" --hub-key "$HUB_KEY" --hub-cert-sha256 "$HUB_CERT" "$ROW"
run curl -s --cacert "$DEMO/hub/tls.crt" "$URL/v1/checkpoint"

step "演示结束 (done) — 集镇中心仍在运行 (the hub keeps running, pid $(cat "$DEMO/hub.pid"))"
cat <<TXT
接下来可以试试 (try next):
  export GONGKAI_DIR=$DEMO/hongqi-01
  $STATION list --area 村务公开
  $STATION add --help
  $STATION sync
  $STATION ui --open                          # 村站页面 (the clerk's page, 127.0.0.1 only)
  $STATION bundle export \$GONGKAI_DIR/../hongqi-01.gkb   # 无网络时用 U 盘 (USB bundle)
  $HUB pending --dir $DEMO/hub
  $HUB catalog --dir $DEMO/hub --csv > 目录.csv
  $HUB admin passwd --dir $DEMO/hub         # 然后浏览器打开 $URL/admin (administrator pages)
  浏览器打开 $URL/ 看公开目录 (public page; the certificate is $DEMO/hub/tls.crt)
  $BIN/station/gongkai-audit verify --hub $URL --hub-key '$HUB_KEY' --hub-cert-sha256 $HUB_CERT --state $DEMO/audit.state
停止集镇中心 (stop the hub):  kill \$(cat $DEMO/hub.pid)
TXT
