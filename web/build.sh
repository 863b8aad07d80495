#!/usr/bin/env bash
# Builds the podplay web playground into build/web/ and (unless --build-only) serves it.
#
#   web/build.sh [--build-only] [--port N]
#
# Steps (each is skipped when already done; see /work/shared/TOOLCHAIN.md for why they look like this):
#   1. apt: emscripten, chromium, libsdl2-dev, nlohmann-json3-dev, dpkg-dev (+ a deb-src entry).
#   2. Debian sources of imgui, libsdl2 and yaml-cpp, unpacked into ~/.cache/podplay/src.
#   3. SDL2 and yaml-cpp built for wasm with -fexceptions, installed under
#      ~/.cache/podplay/wasm/<emscripten version>/ keyed by library version (never in the repo).
#   4. The app (core + ui + web/main.cpp) built with emcmake into build/web-cmake, then
#      build/web/ assembled: index.html (from shell.html), podplay.js/.wasm, embed example, scenarios/.
#   5. python3 -m http.server on 127.0.0.1.
#
# Exit codes: 0 ok, 1 build failure, 3 the web toolchain could not be installed (web/test.sh skips).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JOBS=$(nproc 2>/dev/null || echo 2)

BUILD_ONLY=0
PORT=8080
while [ $# -gt 0 ]; do
  case "$1" in
    --build-only) BUILD_ONLY=1 ;;
    --port) PORT=$2; shift ;;
    --port=*) PORT=${1#--port=} ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "web/build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

CACHE=${PODPLAY_CACHE:-$HOME/.cache/podplay}
SRC=$CACHE/src
mkdir -p "$SRC"
log() { echo "== web: $*"; }
toolchain_fail() { echo "web/build.sh: the web toolchain cannot be installed: $*" >&2; exit 3; }

# ---- 1. packages -------------------------------------------------------------------------------
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
APT_UPDATED=0
apt_update() {
  if [ $APT_UPDATED = 0 ]; then
    $SUDO apt-get update -qq || return 1
    APT_UPDATED=1
  fi
}
need_pkgs() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} = 0 ] && return 0
  log "installing ${missing[*]}"
  apt_update || return 1
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null || return 1
}
command -v apt-get >/dev/null || toolchain_fail "no apt-get on this machine"
need_pkgs emscripten nlohmann-json3-dev dpkg-dev python3 cmake make g++ xz-utils ||
  toolchain_fail "apt-get install emscripten failed"

export NODE_PATH=/usr/share/nodejs   # TOOLCHAIN.md pitfall 3: emcc's optimizer needs acorn
EM_VERSION=$(dpkg-query -W -f='${Version}' emscripten | sed 's/[^A-Za-z0-9.+-]/_/g')
WASM=$CACHE/wasm/em-$EM_VERSION
mkdir -p "$WASM"

# ---- 2. sources --------------------------------------------------------------------------------
DEBSRC=/etc/apt/sources.list.d/debian-src.sources
ensure_debsrc() {
  if ! grep -rqs '^Types: deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    log "adding a deb-src entry ($DEBSRC)"
    $SUDO tee "$DEBSRC" >/dev/null <<'X'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
X
    APT_UPDATED=0
  fi
  apt_update
}
# fetch_src PACKAGE DIRNAME: unpacks the upstream tarball of a Debian source package to $SRC/DIRNAME.
fetch_src() {
  local pkg=$1 dir=$2
  [ -d "$SRC/$dir" ] && return 0
  ensure_debsrc || return 1
  local tmp
  tmp=$(mktemp -d "$SRC/.fetch.XXXXXX")
  log "apt-get source $pkg -> $SRC/$dir"
  (cd "$tmp" && apt-get source --download-only -qq "$pkg" 2>&1 | grep -v unsandboxed; exit "${PIPESTATUS[0]}") || { rm -rf "$tmp"; return 1; }
  local orig
  orig=$(ls "$tmp"/*.orig.tar.* | head -n 1)
  mkdir "$tmp/x"
  tar -xf "$orig" -C "$tmp/x"
  local top
  top=$(ls "$tmp/x")
  if [ "$(echo "$top" | wc -l)" = 1 ] && [ -d "$tmp/x/$top" ]; then
    mv "$tmp/x/$top" "$SRC/$dir"
  else
    mv "$tmp/x" "$SRC/$dir"
  fi
  rm -rf "$tmp"
}
IMGUI_VER=1.86
SDL_VER=2.26.5
YAML_VER=0.7.0
fetch_src imgui "imgui-$IMGUI_VER" || toolchain_fail "apt-get source imgui failed"
fetch_src libsdl2 "SDL2-$SDL_VER" || toolchain_fail "apt-get source libsdl2 failed"
fetch_src yaml-cpp "yaml-cpp-$YAML_VER" || toolchain_fail "apt-get source yaml-cpp failed"
IMGUI_DIR=$SRC/imgui-$IMGUI_VER
[ -f "$IMGUI_DIR/imgui.cpp" ] && [ -f "$IMGUI_DIR/backends/imgui_impl_sdl.cpp" ] ||
  toolchain_fail "$IMGUI_DIR has no imgui.cpp / backends/imgui_impl_sdl.cpp"

# ---- 3. wasm dependencies (cached, keyed by version) -------------------------------------------
SDL_PREFIX=$WASM/sdl2-$SDL_VER
if [ ! -f "$SDL_PREFIX/lib/libSDL2.a" ]; then
  log "building SDL2 $SDL_VER for wasm (once; cached in $SDL_PREFIX)"
  rm -rf "$WASM/sdl2-build"
  emcmake cmake -S "$SRC/SDL2-$SDL_VER" -B "$WASM/sdl2-build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$SDL_PREFIX" -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
    -DSDL_AUDIO=OFF -DSDL_HAPTIC=OFF -DSDL_SENSOR=OFF -DSDL_POWER=OFF -DSDL_LOCALE=OFF \
    -DSDL_HIDAPI=OFF -DSDL_JOYSTICK=OFF -DSDL_PTHREADS=OFF \
    -DCMAKE_C_FLAGS="-fexceptions" >"$WASM/sdl2-build.log" 2>&1 ||
    { tail -30 "$WASM/sdl2-build.log"; exit 1; }
  cmake --build "$WASM/sdl2-build" -j"$JOBS" >>"$WASM/sdl2-build.log" 2>&1 &&
    cmake --install "$WASM/sdl2-build" >>"$WASM/sdl2-build.log" 2>&1 ||
    { tail -30 "$WASM/sdl2-build.log"; exit 1; }
  rm -rf "$WASM/sdl2-build"
fi

YAML_PREFIX=$WASM/yaml-cpp-$YAML_VER-wasm-eh   # built with -fwasm-exceptions, like the app
if [ ! -f "$YAML_PREFIX/lib/libyaml-cpp.a" ]; then
  log "building yaml-cpp $YAML_VER for wasm (once; cached in $YAML_PREFIX)"
  rm -rf "$WASM/yaml-build"
  emcmake cmake -S "$SRC/yaml-cpp-$YAML_VER" -B "$WASM/yaml-build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$YAML_PREFIX" -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF \
    -DYAML_CPP_BUILD_CONTRIB=OFF -DYAML_BUILD_SHARED_LIBS=OFF -DCMAKE_CXX_FLAGS="-fwasm-exceptions" \
    >"$WASM/yaml-build.log" 2>&1 || { tail -30 "$WASM/yaml-build.log"; exit 1; }
  cmake --build "$WASM/yaml-build" -j"$JOBS" >>"$WASM/yaml-build.log" 2>&1 &&
    cmake --install "$WASM/yaml-build" >>"$WASM/yaml-build.log" 2>&1 ||
    { tail -30 "$WASM/yaml-build.log"; exit 1; }
  rm -rf "$WASM/yaml-build"
fi
YAML_LIB=$(ls "$YAML_PREFIX"/lib*/libyaml-cpp.a | head -n 1)

# Private include dir: nlohmann without the rest of /usr/include (TOOLCHAIN.md pitfall 7).
INC=$WASM/include
mkdir -p "$INC"
[ -e "$INC/nlohmann" ] || ln -s /usr/include/nlohmann "$INC/nlohmann"

# ---- 4. the app --------------------------------------------------------------------------------
log "building the app"
emcmake cmake -S web -B build/web-cmake -DCMAKE_BUILD_TYPE=MinSizeRel \
  -DPODPLAY_IMGUI_DIR="$IMGUI_DIR" -DPODPLAY_SDL2_PREFIX="$SDL_PREFIX" \
  "-DPODPLAY_WASM_INCLUDES=$INC;$YAML_PREFIX/include" -DPODPLAY_WASM_YAML_LIB="$YAML_LIB" \
  >build/web-cmake.log 2>&1 || { tail -40 build/web-cmake.log; exit 1; }
if ! cmake --build build/web-cmake -j"$JOBS" >build/web-build.log 2>&1; then
  grep -E -A3 'error|Error' build/web-build.log | head -60
  echo "web/build.sh: the wasm build failed (full log: build/web-build.log)" >&2
  exit 1
fi

OUT=build/web
rm -rf "$OUT"
mkdir -p "$OUT"
cp build/web-cmake/podplay.js build/web-cmake/podplay.wasm "$OUT/"
cp shell.html "$OUT/index.html"
cp web/podplay-api.js web/embed-example.html "$OUT/"
if [ -d scenarios ] && [ -n "$(ls -A scenarios 2>/dev/null)" ]; then
  mkdir -p "$OUT/scenarios"
  cp -r scenarios/. "$OUT/scenarios/"
fi
size=$(($(stat -c %s "$OUT/podplay.js") + $(stat -c %s "$OUT/podplay.wasm")))
log "built $OUT/ (podplay.js + podplay.wasm = $((size / 1024)) KiB)"

# ---- 5. serve ----------------------------------------------------------------------------------
if [ $BUILD_ONLY = 1 ]; then exit 0; fi
echo "podplay is served at http://127.0.0.1:$PORT/  (embed example: http://127.0.0.1:$PORT/embed-example.html; Ctrl-C stops)"
exec python3 -m http.server --bind 127.0.0.1 --directory "$OUT" "$PORT"
