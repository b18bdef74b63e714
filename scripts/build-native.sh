#!/usr/bin/env bash
# Builds native/build/Release/netspec_native.node (the netspec-cpu backend's kernels) with node-gyp
# against the system oneDNN and OpenBLAS. Installs nothing: it names what is missing and stops.
#
#   Debian 12:  apt-get install -y g++ make python3 libdnnl-dev libopenblas-dev && npm ci
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing+=("$1 (command) — apt-get install -y $2"); }
need_cmd g++ g++
need_cmd make make
need_cmd python3 python3
need_cmd node nodejs

# Headers the compiler will look for, found the way it finds them.
has_header() { printf '#include <%s>\n' "$1" | g++ -x c++ -E - >/dev/null 2>&1; }
if command -v g++ >/dev/null 2>&1; then
  has_header dnnl.hpp || missing+=("dnnl.hpp (oneDNN headers) — apt-get install -y libdnnl-dev")
  has_header cblas.h || missing+=("cblas.h (OpenBLAS headers) — apt-get install -y libopenblas-dev")
  has_header omp.h || missing+=("omp.h (OpenMP, ships with g++) — apt-get install -y g++")
fi

# Node's own headers, so that node-gyp does not try to download them (no network here).
node_prefix=""
if command -v node >/dev/null 2>&1; then
  node_prefix="$(node -p 'require("path").resolve(process.execPath, "..", "..")')"
  if [[ ! -f "$node_prefix/include/node/node_api.h" ]]; then
    missing+=("Node headers ($node_prefix/include/node/node_api.h) — install Node from a package that ships them (e.g. nodesource's nodejs)")
  fi
fi
[[ -f node_modules/node-addon-api/package.json ]] || missing+=("node-addon-api — npm ci")
[[ -x node_modules/.bin/node-gyp ]] || missing+=("node-gyp — npm ci")

if ((${#missing[@]})); then
  echo "build-native: cannot build the native addon; missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
(cd native && ../node_modules/.bin/node-gyp rebuild --nodedir="$node_prefix" -j 2) >"$log" 2>&1 || {
  echo "build-native: node-gyp failed; its last lines:" >&2
  tail -n 30 "$log" >&2
  exit 1
}
echo "build-native: built native/build/Release/netspec_native.node"
