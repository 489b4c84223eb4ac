#!/usr/bin/env bash
# The .deb packages, end to end (issue #8, "Must show"; docs/packaging.md).
#
#   bash tests/packaging/deb_test.sh BUILD_DIR
#
# Builds gongkai-hub and gongkai-station with `cpack -G DEB` from BUILD_DIR,
# installs them INTO THIS MACHINE with dpkg -i (run it as root on a machine
# you can spare: CI's, a VM, a container), and shows:
#   1. each package holds its programs, unit, conffile, copyright, changelog;
#      Depends comes from dpkg-shlibdeps;
#   2. first install: the system user gongkai and /var/lib/gongkai/{hub,station}
#      (0750); a station.conf written beforehand with id/unit makes postinst
#      create the station; the plain hub.conf makes it print what to run;
#   3. `--version` of every installed program;
#   4. `gongkai-hub init` run as gongkai; key files 0600, owned by gongkai;
#   5. reinstall (the upgrade path) keeps keys and the edited conffile;
#   6. `dpkg -r`: programs gone, keys, data and conffiles kept; reinstalling
#      after it finds the same hub;
#   7. `dpkg -P`: data kept unless DELETE-ON-PURGE exists; a later first
#      install never overwrites a hub it finds;
#   8. lintian: no error (E:) on either package.
# It refuses to run where gongkai packages or data already exist, and purges
# everything it installed when it ends, however it ends; it removes the user
# gongkai only if it created it.
set -euo pipefail

BUILD=${1:?usage: deb_test.sh BUILD_DIR}
BUILD=$(cd "$BUILD" && pwd)
HUB_DIR=/var/lib/gongkai/hub
STATION_DIR=/var/lib/gongkai/station
WITNESS_DIR=/var/lib/gongkai/witness
UNIT_DIR=/lib/systemd/system

step() { printf '\n==== %s\n' "$*"; }
ok() { printf '  ok: %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

# ---- Preconditions -------------------------------------------------------------
[ "$(id -u)" = 0 ] || fail "needs root: it installs packages with dpkg (run it on a machine you can spare)"
command -v dpkg >/dev/null || fail "needs dpkg (a Debian machine)"
[ -f "$BUILD/CPackConfig.cmake" ] || fail "$BUILD/CPackConfig.cmake missing: configure the build with packaging/"
for p in gongkai-hub gongkai-station gongkai-witness; do
  if [ -n "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -v '^not-installed$' || true)" ]; then
    fail "$p is already on this machine; this test installs and purges it. On a throwaway machine: dpkg -P $p"
  fi
done
for d in "$HUB_DIR" "$STATION_DIR" "$WITNESS_DIR" /etc/gongkai; do
  [ ! -e "$d" ] || fail "$d exists; this test would mix its data with it. On a throwaway machine: rm -rf $d"
done
if getent passwd gongkai >/dev/null; then USER_EXISTED=1; else USER_EXISTED=0; fi
if ! command -v lintian >/dev/null; then
  echo "installing lintian (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends lintian >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends lintian >/dev/null; } ||
    fail "cannot install lintian: apt-get install lintian"
fi

WORK=$(mktemp -d /tmp/gongkai-deb-test.XXXXXX)
cleanup() {
  local rc=$?
  set +e
  step "Cleaning up (purging what this test installed)"
  for d in "$HUB_DIR" "$STATION_DIR"; do
    [ -d "$d" ] && touch "$d/DELETE-ON-PURGE"
  done
  dpkg -P gongkai-hub gongkai-station gongkai-witness >"$WORK/purge.log" 2>&1
  rm -rf "$HUB_DIR" "$STATION_DIR" "$WITNESS_DIR" /etc/gongkai
  rmdir /var/lib/gongkai 2>/dev/null
  if [ "$USER_EXISTED" = 0 ] && getent passwd gongkai >/dev/null; then
    userdel gongkai
    getent group gongkai >/dev/null && groupdel gongkai
  fi
  rm -rf "$WORK"
  if [ $rc = 0 ] && [ -n "${GONGKAI_DEB_TEST_ALLOW_MISSING:-}" ]; then
    echo "PASS, INCOMPLETE: allowed to lack ${GONGKAI_DEB_TEST_ALLOW_MISSING}"
  elif [ $rc = 0 ]; then echo "PASS: .deb packages"; else echo "FAIL (exit $rc); the machine is cleaned up"; fi
}
trap cleanup EXIT
trap 'exit 143' INT TERM  # cleanup runs on the way out

# mode_owner PATH MODE OWNER: PATH has exactly that octal mode and user:group.
mode_owner() {
  local got
  got=$(stat -c '%a %U:%G' "$1") || fail "$1 missing"
  [ "$got" = "$2 $3" ] || fail "$1 is $got, expected $2 $3"
  ok "$1 $got"
}

# ---- 1. Build the packages -------------------------------------------------------
step "cmake --build --target gongkai_package_files, then cpack -G DEB"
cmake --build "$BUILD" --target gongkai_package_files >"$WORK/build.log" 2>&1 ||
  { tail -n 40 "$WORK/build.log"; fail "building the packaged programs failed"; }
(cd "$WORK" && cpack --config "$BUILD/CPackConfig.cmake" -G DEB -B "$WORK/out") >"$WORK/cpack.log" 2>&1 ||
  { cat "$WORK/cpack.log"; fail "cpack failed"; }
HUB_DEB=$(ls "$WORK"/out/gongkai-hub_*.deb)
STATION_DEB=$(ls "$WORK"/out/gongkai-station_*.deb)
WITNESS_DEB=$(ls "$WORK"/out/gongkai-witness_*.deb)
ok "$(basename "$HUB_DEB") $(basename "$STATION_DEB") $(basename "$WITNESS_DEB")"

step "What the packages hold"
VERSION=$(dpkg-deb -f "$HUB_DEB" Version)
missing=""
check_file() {  # check_file DEB PATH [waiting-for-target]
  if ! dpkg-deb -c "$1" | awk '{print $6}' | grep -qx ".$2"; then
    if [ -n "${3:-}" ]; then
      missing="$missing $3"
      echo "  WAITING: $(basename "$1") has no $2 — target $3 is not in this build yet"
    else
      fail "$(basename "$1") has no $2"
    fi
  else
    ok "$(basename "$1"): $2"
  fi
}
check_file "$HUB_DEB" /usr/bin/gongkai-hub gongkai-hub
check_file "$STATION_DEB" /usr/bin/gongkai-station gongkai-station
check_file "$STATION_DEB" /usr/bin/gongkai-audit gongkai-audit
check_file "$WITNESS_DEB" /usr/bin/gongkai-witness gongkai-witness
check_file "$WITNESS_DEB" "$UNIT_DIR/gongkai-witness.service"
check_file "$WITNESS_DEB" /usr/share/doc/gongkai-witness/copyright
check_file "$WITNESS_DEB" /usr/share/doc/gongkai-witness/changelog.gz
check_file "$WITNESS_DEB" /usr/share/man/man1/gongkai-witness.1.gz
# GONGKAI_DEB_TEST_ALLOW_MISSING="gongkai-audit …" lets a developer run the
# rest of the test before every program exists; CI never sets it, and the
# result then says INCOMPLETE.
for t in ${GONGKAI_DEB_TEST_ALLOW_MISSING:-}; do missing=${missing// $t/}; done
[ -z "$missing" ] || fail "the packages lack programs whose targets do not exist yet:$missing (the test passes only once they do)"
for pair in "$HUB_DEB gongkai-hub hub gongkai-hub.service" \
            "$STATION_DEB gongkai-station station gongkai-station-sync.service"; do
  read -r -a fields <<<"$pair"
  set -- "${fields[@]}"
  check_file "$1" "$UNIT_DIR/$4"
  check_file "$1" "/etc/gongkai/$3.conf"
  check_file "$1" "/usr/share/doc/$2/copyright"
  check_file "$1" "/usr/share/doc/$2/changelog.gz"
  [ "$(dpkg-deb -I "$1" conffiles)" = "/etc/gongkai/$3.conf" ] || fail "$2: conffiles is not /etc/gongkai/$3.conf"
  ok "$2: conffiles = /etc/gongkai/$3.conf"
  depends=$(dpkg-deb -f "$1" Depends)
  for dep in adduser libssl3 libsqlite3-0 libboost-json1.81.0 libc6; do
    grep -q "\b$dep\b" <<<"$depends" || fail "$2: Depends lacks $dep: $depends"
  done
  ok "$2: Depends: $depends"
  mkdir -p "$WORK/x/$2"
  dpkg-deb -x "$1" "$WORK/x/$2"
  top=$(zcat "$WORK/x/$2/usr/share/doc/$2/changelog.gz" | head -n 1)
  grep -q "($VERSION)" <<<"$top" || fail "$2: changelog's latest entry is not $VERSION: $top (edit packaging/deb/changelog)"
  ok "$2: changelog starts at $VERSION"
done

# ---- 2. First install ------------------------------------------------------------
step "First install of gongkai-station with station.conf written beforehand (id, unit)"
mkdir -p /etc/gongkai
sed -e 's/^id =$/id = deb-test-01/' -e 's/^unit =$/unit = 测试村/' \
  "$WORK/x/gongkai-station/etc/gongkai/station.conf" >/etc/gongkai/station.conf
grep -q '^unit = 测试村$' /etc/gongkai/station.conf || fail "could not fill in station.conf"
dpkg -i --force-confdef --force-confold "$STATION_DEB" 2>&1 | tee "$WORK/station-install.log"
grep -q '正在新建站点' "$WORK/station-install.log" || fail "postinst did not create the station"
getent passwd gongkai >/dev/null || fail "no user gongkai after install"
shell=$(getent passwd gongkai | cut -d: -f7)
case "$shell" in */nologin | */false) ok "user gongkai, shell $shell" ;; *) fail "gongkai has a login shell: $shell" ;; esac
[ "$(id -u gongkai)" -lt 1000 ] || fail "gongkai is not a system user (uid $(id -u gongkai))"
mode_owner "$STATION_DIR" 750 gongkai:gongkai
mode_owner "$STATION_DIR/station.key" 600 gongkai:gongkai
[ "$(stat -c %U "$STATION_DIR/station.db")" = gongkai ] || fail "station.db not owned by gongkai"
ok "station.db owned by gongkai"

step "First install of gongkai-hub with the shipped hub.conf (no origin/admin)"
dpkg -i "$HUB_DEB" 2>&1 | tee "$WORK/hub-install.log"
grep -q 'gongkai-hub init --dir /var/lib/gongkai/hub' "$WORK/hub-install.log" ||
  fail "postinst did not say how to create the hub"
mode_owner /var/lib/gongkai 750 gongkai:gongkai
mode_owner "$HUB_DIR" 750 gongkai:gongkai
[ -z "$(ls -A "$HUB_DIR")" ] || fail "$HUB_DIR is not empty before init"
[ -L /etc/systemd/system/timers.target.wants/gongkai-hub-check.timer ] ||
  fail "gongkai-hub-check.timer not enabled"
ok "gongkai-hub-check.timer enabled (daily full self-check)"
for unit in gongkai-hub-check.service gongkai-hub-check.timer; do
  if command -v systemd-analyze >/dev/null; then
    if systemd-analyze verify "$UNIT_DIR/$unit" 2>&1 | grep "^$unit"; then
      fail "systemd-analyze verify complains about $unit"
    fi
    ok "systemd-analyze verify $unit"
  fi
done
for unit in gongkai-hub.service gongkai-station-sync.service; do
  [ -L "/etc/systemd/system/multi-user.target.wants/$unit" ] || fail "$unit not enabled"
  ok "$unit enabled"
  if command -v systemd-analyze >/dev/null; then
    # Only the unit's own lines: a machine without systemd running adds noise.
    if systemd-analyze verify "$UNIT_DIR/$unit" 2>&1 | grep "^$unit"; then
      fail "systemd-analyze verify complains about $unit"
    fi
    ok "systemd-analyze verify $unit"
  fi
done

# ---- 3. --version ----------------------------------------------------------------
step "--version of every program"
for prog in gongkai-hub gongkai-station gongkai-audit; do
  if [ ! -e "/usr/bin/$prog" ] && grep -qw "$prog" <<<"${GONGKAI_DEB_TEST_ALLOW_MISSING:-}"; then
    echo "  INCOMPLETE: no $prog to ask (GONGKAI_DEB_TEST_ALLOW_MISSING)"
    continue
  fi
  out=$("/usr/bin/$prog" --version) || fail "$prog --version failed"
  grep -q "$VERSION" <<<"$out" || fail "$prog --version says '$out', the package is $VERSION"
  ok "$out"
done

# ---- 4. gongkai-hub init as the service user --------------------------------------
step "runuser -u gongkai -- gongkai-hub init"
runuser -u gongkai -- gongkai-hub init --dir "$HUB_DIR" --origin deb-test.gongkai.example/log \
  --admin deb-test | tee "$WORK/init.log"
mode_owner "$HUB_DIR" 750 gongkai:gongkai
mode_owner "$HUB_DIR/log.key" 600 gongkai:gongkai
mode_owner "$HUB_DIR/tls.key" 600 gongkai:gongkai
mode_owner "$HUB_DIR/admins/deb-test.key" 600 gongkai:gongkai
mode_owner "$HUB_DIR/admins" 700 gongkai:gongkai
[ "$(stat -c %U "$HUB_DIR/hub.db")" = gongkai ] || fail "hub.db not owned by gongkai"
ok "hub.db owned by gongkai"
IDENTITY=$(runuser -u gongkai -- gongkai-hub info --dir "$HUB_DIR" --json)
# What gongkai-hub-check.service runs, as it runs it.
runuser -u gongkai -- gongkai-hub check --dir "$HUB_DIR" --full ||
  fail "the full self-check of a new hub failed"
ok "gongkai-hub check --full passes on the new hub"
keys_sum() { sha256sum "$HUB_DIR/log.key" "$HUB_DIR/tls.key" "$HUB_DIR/admins/deb-test.key" "$STATION_DIR/station.key"; }
KEYS=$(keys_sum)

# ---- 5. Upgrade path ---------------------------------------------------------------
step "Reinstall both packages (the upgrade path) with an edited hub.conf"
echo "# edited by deb_test" >>/etc/gongkai/hub.conf
dpkg -i "$HUB_DEB" "$STATION_DEB" 2>&1 | tee "$WORK/reinstall.log"
! grep -q '正在新建' "$WORK/reinstall.log" || fail "an upgrade ran init"
[ "$(keys_sum)" = "$KEYS" ] || fail "keys changed on upgrade"
ok "keys unchanged"
grep -q '^# edited by deb_test$' /etc/gongkai/hub.conf || fail "the edited hub.conf was replaced"
ok "edited hub.conf kept"

# ---- 6. dpkg -r ------------------------------------------------------------------------
step "dpkg -r gongkai-hub gongkai-station"
dpkg -r gongkai-hub gongkai-station 2>&1 | tee "$WORK/remove.log"
for prog in gongkai-hub gongkai-station gongkai-audit; do
  [ ! -e "/usr/bin/$prog" ] || fail "/usr/bin/$prog still there after dpkg -r"
done
ok "programs removed"
[ "$(keys_sum)" = "$KEYS" ] || fail "keys changed or went away on dpkg -r"
ok "keys kept: $(echo "$KEYS" | awk '{print $2}' | tr '\n' ' ')"
for f in "$HUB_DIR/hub.db" "$STATION_DIR/station.db"; do
  [ -f "$f" ] || fail "$f went away on dpkg -r"
done
ok "data kept: $HUB_DIR/hub.db $STATION_DIR/station.db"
for f in /etc/gongkai/hub.conf /etc/gongkai/station.conf; do
  [ -f "$f" ] || fail "$f went away on dpkg -r"
done
ok "conffiles kept"
getent passwd gongkai >/dev/null || fail "user gongkai went away on dpkg -r"
ok "user gongkai kept"

step "Install again after dpkg -r: the same hub, no new keys"
dpkg -i "$HUB_DEB" "$STATION_DEB" 2>&1 | tee "$WORK/again.log"
! grep -q '正在新建' "$WORK/again.log" || fail "reinstalling after dpkg -r ran init"
[ "$(keys_sum)" = "$KEYS" ] || fail "keys changed on reinstall"
[ "$(runuser -u gongkai -- gongkai-hub info --dir "$HUB_DIR" --json)" = "$IDENTITY" ] ||
  fail "gongkai-hub info differs after reinstall"
ok "gongkai-hub info shows the same hub"

# ---- 7. dpkg -P ------------------------------------------------------------------------
step "dpkg -P without DELETE-ON-PURGE keeps data and keys"
dpkg -P gongkai-hub gongkai-station 2>&1 | tee "$WORK/purge1.log"
grep -q 'KEPT in /var/lib/gongkai/hub' "$WORK/purge1.log" || fail "purge did not say the hub's data is kept"
[ "$(keys_sum)" = "$KEYS" ] || fail "purge without DELETE-ON-PURGE touched the keys"
ok "keys kept"
[ ! -e /etc/gongkai/hub.conf ] || fail "purge left /etc/gongkai/hub.conf"
[ ! -e /etc/systemd/system/multi-user.target.wants/gongkai-hub.service ] || fail "purge left the unit enabled"
ok "conffiles and service links gone"

step "A first install that finds a hub keeps it"
dpkg -i "$HUB_DEB" 2>&1 | tee "$WORK/over.log"
grep -q '已经有集镇中心' "$WORK/over.log" || fail "postinst did not notice the existing hub"
[ "$(keys_sum)" = "$KEYS" ] || fail "a first install over an existing hub changed keys"
ok "existing hub kept"

step "dpkg -P with DELETE-ON-PURGE deletes the data"
touch "$HUB_DIR/DELETE-ON-PURGE"
dpkg -P gongkai-hub 2>&1 | tee "$WORK/purge2.log"
[ ! -e "$HUB_DIR" ] || fail "$HUB_DIR still there after purge with DELETE-ON-PURGE"
ok "$HUB_DIR deleted"

# ---- 8. The county witness's package ---------------------------------------------------
step "gongkai-witness: install, init as gongkai, unit, purge keeps the key"
dpkg -i "$WITNESS_DEB" 2>&1 | tee "$WORK/witness-install.log"
grep -q 'gongkai-witness init --dir /var/lib/gongkai/witness' "$WORK/witness-install.log" ||
  fail "witness postinst did not say what to run"
mode_owner "$WITNESS_DIR" 750 gongkai:gongkai
out=$(/usr/bin/gongkai-witness --version) || fail "gongkai-witness --version failed"
grep -q "$VERSION" <<<"$out" || fail "gongkai-witness --version says '$out', the package is $VERSION"
ok "$out"
runuser -u gongkai -- gongkai-witness init --dir "$WITNESS_DIR" --name deb-test.example/witness |
  tee "$WORK/witness-init.log"
grep -q 'deb-test.example/witness+' "$WORK/witness-init.log" || fail "witness init printed no key"
mode_owner "$WITNESS_DIR/witness.key" 600 gongkai:gongkai
mode_owner "$WITNESS_DIR/tls.key" 600 gongkai:gongkai
LOGKEY=$(sed -n 's/.*"log_key":"\([^"]*\)".*/\1/p' <<<"$IDENTITY")
[ -n "$LOGKEY" ] || fail "no log key in the hub's info: $IDENTITY"
runuser -u gongkai -- gongkai-witness add-log --dir "$WITNESS_DIR" --key "$LOGKEY" ||
  fail "witness add-log of the hub's key failed"
ok "witness watches $LOGKEY"
[ -L /etc/systemd/system/multi-user.target.wants/gongkai-witness.service ] ||
  fail "gongkai-witness.service not enabled"
ok "gongkai-witness.service enabled"
if command -v systemd-analyze >/dev/null; then
  if systemd-analyze verify "$UNIT_DIR/gongkai-witness.service" 2>&1 | grep "^gongkai-witness.service"; then
    fail "systemd-analyze verify complains about gongkai-witness.service"
  fi
  ok "systemd-analyze verify gongkai-witness.service"
fi
WKEY=$(sha256sum "$WITNESS_DIR/witness.key")
dpkg -P gongkai-witness 2>&1 | tee "$WORK/witness-purge.log"
[ ! -e /usr/bin/gongkai-witness ] || fail "/usr/bin/gongkai-witness still there after purge"
[ "$(sha256sum "$WITNESS_DIR/witness.key")" = "$WKEY" ] || fail "purge touched the witness key"
ok "witness key and state kept on purge"

# ---- 9. lintian ----------------------------------------------------------------------
step "lintian"
lintian --display-info --fail-on error "$HUB_DEB" "$STATION_DEB" "$WITNESS_DEB" 2>&1 | tee "$WORK/lintian.log" ||
  fail "lintian reports errors"
! grep -q '^E: ' "$WORK/lintian.log" || fail "lintian reports errors"
ok "lintian: no errors ($(grep -c '^W: ' "$WORK/lintian.log" || true) warnings)"
