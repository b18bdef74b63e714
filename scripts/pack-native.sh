#!/usr/bin/env bash
# `npm pack` (prepack): puts the netspec-cpu addon into prebuilds/linux-x64/, the binary the package
# ships (src/runtime/backends/native-addon.ts loads it when there is no local build). It links
# only to the system's libdnnl.so.2 and libopenblas.so.0 and uses Node-API 8, so one binary serves
# every Node >= 20 on x64 Linux. Rebuilds the addon first when native/ is newer than the build.
# Where it cannot build, the tarball has no addon (netspec then falls back) and this says so.
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf prebuilds
platform="$(node -p 'process.platform + "-" + process.arch')"
if [[ "$platform" != linux-x64 ]]; then
  echo "pack-native: $platform is not linux-x64: the tarball has no native addon (netspec-cpu falls back)" >&2
  exit 0
fi
built=native/build/Release/netspec_native.node
if [[ ! -f "$built" ]] || [[ -n "$(find native/src native/binding.gyp -newer "$built" -print -quit)" ]]; then
  bash scripts/build-native.sh || {
    echo "pack-native: the native addon did not build (above): the tarball has no native addon (netspec-cpu falls back)" >&2
    exit 0
  }
fi
mkdir -p prebuilds/linux-x64
cp "$built" prebuilds/linux-x64/
echo "pack-native: prebuilds/linux-x64/netspec_native.node ($(du -k "$built" | cut -f1) KiB)" >&2
