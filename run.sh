#!/usr/bin/env bash
# podplay's two commands:
#   ./run.sh test   install what is missing, build natively, run every test (ctest)
#   ./run.sh play   install what is missing, build the web playground, serve it on 127.0.0.1
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
JOBS=$(nproc 2>/dev/null || echo 2)

need_pkgs() {
  local missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing: ${missing[*]}"
    local SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

native_build() {
  need_pkgs cmake g++ make libyaml-cpp-dev nlohmann-json3-dev catch2 libbenchmark-dev
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build/native -j"$JOBS"
}

cmd_test() {
  native_build
  (cd build/native && ctest --output-on-failure -j"$JOBS")
  if [ -x web/test.sh ]; then
    web/test.sh
  fi
}

cmd_play() {
  if [ -x web/build.sh ]; then
    web/build.sh "$@"
  else
    echo "The web playground is not built yet; use the CLI: build/native/bin/podplay run SCRIPT"
    exit 1
  fi
}

case "${1:-}" in
  test) shift; cmd_test "$@" ;;
  play) shift; cmd_play "$@" ;;
  build) shift; native_build ;;
  *) echo "usage: ./run.sh test | play [--port N]"; exit 2 ;;
esac
