#!/bin/bash
# Builds the probe twice (hand-written glue, then leptos-use's hooks) like the app's release build — opt-level z,
# LTO, wasm-bindgen --target web, binaryen 132's wasm-opt -Oz — and prints each variant's gzip -9 size.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
wasm_opt="$root/build-tools/node_modules/.bin/wasm-opt"
cd "$here"
for variant in hand lu; do
  features=(); [ "$variant" = lu ] && features=(--features lu)
  cargo build -q --release --target wasm32-unknown-unknown "${features[@]}"
  out="target/out-$variant"
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" target/wasm32-unknown-unknown/release/lu-probe.wasm
  "$wasm_opt" -Oz "$out/lu-probe_bg.wasm" -o "$out/lu-probe_bg.wasm"
  wasm=$(gzip -9 -c "$out/lu-probe_bg.wasm" | wc -c)
  js=$(gzip -9 -c "$out/lu-probe.js" | wc -c)
  echo "$variant: wasm $wasm B gzip, JS glue $js B gzip, together $((wasm + js)) B"
done
