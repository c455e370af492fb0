#!/usr/bin/env bash
# Build the Python guest component build/runner.wasm (see docs/sandbox-guest.md).
#
# Idempotent: creates .venv at the repo root if missing, installs componentize-py
# into it if missing, and rebuilds only when runner.py or the WIT file is newer than
# build/runner.wasm (FORCE=1 rebuilds anyway). Works offline once installed.
set -euo pipefail

COMPONENTIZE_PY_VERSION="0.25.1"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
guest="$root/server/guest/python"
wit_dir="$guest/wit"
wit_file="$wit_dir/runner.wit"
app="$guest/runner.py"
venv="$root/.venv"
out_dir="$root/build"
out="$out_dir/runner.wasm"
tool="$venv/bin/componentize-py"

if [ ! -x "$venv/bin/python" ]; then
  echo "build-guest: creating virtualenv $venv"
  python3 -m venv "$venv"
fi

installed="$("$venv/bin/python" -m pip show componentize-py 2>/dev/null | sed -n 's/^Version: //p' || true)"
if [ "$installed" != "$COMPONENTIZE_PY_VERSION" ]; then
  echo "build-guest: installing componentize-py==$COMPONENTIZE_PY_VERSION into $venv"
  "$venv/bin/python" -m pip install --quiet "componentize-py==$COMPONENTIZE_PY_VERSION"
fi

if [ "${FORCE:-0}" != "1" ] && [ -f "$out" ] && [ "$out" -nt "$app" ] && [ "$out" -nt "$wit_file" ]; then
  echo "build-guest: $out is up to date (newer than runner.py and runner.wit); skipping"
  exit 0
fi

mkdir -p "$out_dir"
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
echo "build-guest: componentize-py -d $wit_dir -w runner componentize runner -p $guest -o $out"
start=$(date +%s)
# Run from the guest directory so no stray module of the caller's cwd gets baked in.
(cd "$guest" && "$tool" -d "$wit_dir" -w runner componentize runner -p "$guest" -o "$tmp")
mv -f "$tmp" "$out"
end=$(date +%s)
size=$(wc -c <"$out")
echo "build-guest: built $out ($size bytes) in $((end - start)) s"
