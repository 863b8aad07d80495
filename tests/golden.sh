#!/usr/bin/env bash
# Runs one golden script through the CLI and compares its output byte for byte with NAME.out.
# Usage: tests/golden.sh PODPLAY SCRIPT.sh [EXPECTED.out]   (UPDATE_GOLDEN=1 rewrites the .out file)
set -u
podplay=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
script=$2
expected=${3:-${script%.sh}.out}
seed=1
if head -n 5 "$script" | grep -q '^# seed: '; then
  seed=$(head -n 5 "$script" | sed -n 's/^# seed: //p' | head -n 1)
fi
actual=$(cd "$(dirname "$script")" && "$podplay" run --echo --seed "$seed" "$(basename "$script")" 2>&1; echo "[exit $?]")
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  printf '%s\n' "$actual" >"$expected"
  echo "updated $expected"
  exit 0
fi
if [ ! -f "$expected" ]; then
  echo "missing $expected; actual output:"
  printf '%s\n' "$actual"
  exit 1
fi
if diff -u "$expected" <(printf '%s\n' "$actual"); then
  exit 0
fi
echo "golden mismatch: $script (UPDATE_GOLDEN=1 to accept)"
exit 1
