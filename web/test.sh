#!/usr/bin/env bash
# podplay's web tests, run at the end of `./run.sh test` (and so in CI):
#   1. the native headless ImGui smoke test (tests/ui): every panel drawn for a scripted scenario;
#   2. the web build (web/build.sh --build-only);
#   3. the browser tests (web/tests/browser.test.cjs): headless Chromium through playwright-core.
# If the web toolchain cannot be installed here (no apt, no emscripten/chromium package, no npm),
# it says so and exits 0. Screenshots go to ${PODPLAY_SHOTS:-/tmp/podplay-shots}, never the repo.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JOBS=$(nproc 2>/dev/null || echo 2)
CACHE=${PODPLAY_CACHE:-$HOME/.cache/podplay}
skip() { echo "web/test.sh: SKIPPED, $*"; exit 0; }
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

# ---- the web build (installs the toolchain; exit 3 = it cannot be installed) ----------------
rc=0
web/build.sh --build-only "$@" || rc=$?
[ $rc = 3 ] && skip "the web toolchain cannot be installed on this machine"
[ $rc = 0 ] || { echo "web/test.sh: the web build failed"; exit $rc; }

# ---- 1. native smoke test of the panels ----------------------------------------------------
echo "== web: native ImGui smoke test (tests/ui)"
cmake -S tests/ui -B build/ui-native -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPODPLAY_IMGUI_DIR="$CACHE/src/imgui-1.86" >build/ui-native.log 2>&1 || { tail -20 build/ui-native.log; exit 1; }
if ! cmake --build build/ui-native -j"$JOBS" >>build/ui-native.log 2>&1; then
  grep -E -A3 'error' build/ui-native.log | head -40
  exit 1
fi
build/ui-native/podplay_ui_smoke

# ---- 2. browser tests ----------------------------------------------------------------------
if ! dpkg -s chromium >/dev/null 2>&1; then
  echo "== web: installing chromium"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; } ||
    skip "chromium cannot be installed (the web build itself passed)"
fi
command -v node >/dev/null && command -v npm >/dev/null || skip "no node/npm for playwright-core (the web build passed)"
NODE_DIR=$CACHE/node
if [ ! -f "$NODE_DIR/node_modules/playwright-core/package.json" ]; then
  echo "== web: npm install playwright-core into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --silent playwright-core >/dev/null) ||
    skip "npm install playwright-core failed (the web build passed)"
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory build/web "$PORT" >build/web-test-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/index.html')" 2>/dev/null && break
  sleep 0.1
done
echo "== web: browser tests (headless Chromium, http://127.0.0.1:$PORT/)"
export PODPLAY_URL="http://127.0.0.1:$PORT/"
export PODPLAY_SHOTS=${PODPLAY_SHOTS:-/tmp/podplay-shots}
NODE_PATH="$NODE_DIR/node_modules" node --test web/tests/browser.test.cjs
