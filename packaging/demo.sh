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

step "3. 两个村的文书初始化工作站，把公钥交给镇里登记 (two villages set up stations; the town enrolls them)"
declare -A UNIT=([hongqi-01]=红旗村 [dongfeng-01]=东风村)
declare -A CSV=([hongqi-01]=catalog-hongqi.csv [dongfeng-01]=catalog-dongfeng.csv)
for id in hongqi-01 dongfeng-01; do
  run "$STATION" init --dir "$DEMO/$id" --id "$id" --unit "${UNIT[$id]}" \
    --hub "$URL" --hub-key "$HUB_KEY" --hub-cert-sha256 "$HUB_CERT" >"$DEMO/$id.init.txt"
  cat "$DEMO/$id.init.txt"
  VKEY="$(grep -E "^$id\+" "$DEMO/$id.init.txt" | head -1)"
  run "$HUB" station add --dir "$DEMO/hub" --id "$id" --unit "${UNIT[$id]}" --key "$VKEY"
done

step "4. 没有网络也能工作：导入目录表格、修改、封存 (offline: import the spreadsheet, edit, seal)"
for id in hongqi-01 dongfeng-01; do
  run "$STATION" import --dir "$DEMO/$id" "$SAMPLE/${CSV[$id]}"
done
ROW="$("$STATION" list --dir "$DEMO/hongqi-01" --json | python3 -c '
import json,sys
rows=json.load(sys.stdin)
rows=rows["rows"] if isinstance(rows,dict) else rows
print(next(r["id"] for r in rows if r["item_l2"]=="财务收支"))')"
run "$STATION" edit --dir "$DEMO/hongqi-01" "$ROW" --set "time_limit=每月10日前" --set "channels=社区/企事业单位/村公示栏（电子屏）、便民服务站"
run "$STATION" show --dir "$DEMO/hongqi-01" "$ROW"
run "$STATION" seal --dir "$DEMO/hongqi-01" --note "导入红旗村目录，财务收支改为每月公开"
run "$STATION" status --dir "$DEMO/hongqi-01"

step "5. 网络恢复：同步到集镇中心 (the network is back: sync to the hub)"
for id in hongqi-01 dongfeng-01; do
  run "$STATION" sync --dir "$DEMO/$id" --note "导入${UNIT[$id]}目录"
done
run "$STATION" history --dir "$DEMO/hongqi-01" "$ROW"

step "6. 任何人都可以读公开接口 (anyone can read the public API)"
run curl -s --cacert "$DEMO/hub/tls.crt" "$URL/v1/health"; echo
run curl -s --cacert "$DEMO/hub/tls.crt" "$URL/v1/stations/hongqi-01/receipts?after=0" | head -c 600; echo

step "演示结束 (done) — 集镇中心仍在运行 (the hub keeps running, pid $(cat "$DEMO/hub.pid"))"
cat <<TXT
接下来可以试试 (try next):
  export GONGKAI_DIR=$DEMO/hongqi-01
  $STATION list --area 村务公开
  $STATION add --help
  $STATION sync
  $HUB station list --dir $DEMO/hub
停止集镇中心 (stop the hub):  kill \$(cat $DEMO/hub.pid)
TXT
