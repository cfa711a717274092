#!/usr/bin/env bash
# Build the self-contained GPU check into .dev/gpu-check/ (ignored; carry ".dev" to the GPU machine):
#   gpu-check.cjs        scripts/gpu-check.ts + the engine + TensorFlow.js, bundled by esbuild
#   wasm/                tfjs-backend-wasm's .wasm binaries (RLAB_WASM_DIR)
#   node_modules/webgpu  index.js, package.json and the linux-x64 Dawn addon (xz-compressed: dawn.node.xz)
# Run from the repo root:  bash server/scripts/gpu-check-build.sh
set -euo pipefail
root=$(pwd)
out="$root/.dev/gpu-check"
rm -rf "$out" && mkdir -p "$out/wasm" "$out/node_modules/webgpu/dist/linux-x64"
cd "$root/server"
esbuild=$(node -e "const r=require('module').createRequire(require.resolve('tsx/package.json'));console.log(require('path').join(require('path').dirname(r.resolve('esbuild/package.json')),'bin','esbuild'))")
"$esbuild" scripts/gpu-check.ts --bundle --platform=node --format=cjs --target=node20 --minify \
  --external:webgpu --external:@tensorflow/tfjs-node --external:@tensorflow/tfjs-node-gpu \
  --define:import.meta.url=__rlab_import_meta_url \
  --banner:js="const __rlab_import_meta_url = require('url').pathToFileURL(__filename).href;" \
  --log-level=warning --outfile="$out/gpu-check.cjs"
wasm=$(node -e "console.log(require('path').dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')))")/dist
cp "$wasm"/*.wasm "$out/wasm/"
webgpu=$(cd "$root/server/node_modules/webgpu" && pwd -P)
cp "$webgpu/index.js" "$webgpu/package.json" "$out/node_modules/webgpu/"
xz -T2 -6 -c "$webgpu/dist/linux-x64/dawn.node" > "$out/node_modules/webgpu/dist/linux-x64/dawn.node.xz"
du -sh "$out" "$out"/* "$out/node_modules/webgpu/dist/linux-x64/dawn.node.xz"
