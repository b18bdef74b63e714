#!/usr/bin/env bash
# Installs everything netspec and its test suite need on a fresh Debian 12 machine: the system
# packages (real Fashion-MNIST data, a C++ toolchain, oneDNN and OpenBLAS for the native CPU
# backend; PyTorch, torchvision and onnx as the tests' independent references), the npm packages
# from the lock file, and the native addon. Safe to run again. Any step that fails stops it with
# exit 1 and says which: nothing is silently left out (the tests would then only skip).
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "setup: FAILED: $*" >&2; exit 1; }
apt_packages=(dataset-fashion-mnist g++ make python3 libdnnl-dev libopenblas-dev
  python3-torch python3-torchvision python3-onnx libjemalloc2)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    fail "not root and no sudo: cannot install ${missing[*]}"
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || fail "apt-get update"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]}"
fi
# The references must import, not just be installed (a broken or hung import would make the
# PyTorch cross-checks skip). 300 s: torch's first import on a cold, loaded machine is slow.
for m in torch torchvision onnx; do
  timeout 300 /usr/bin/python3 -c "import $m" || {
    rc=$?
    if [ "$rc" = 124 ]; then fail "/usr/bin/python3 -c 'import $m' timed out after 300 s"; fi
    fail "/usr/bin/python3 -c 'import $m' failed (exit $rc, above)"
  }
done
# onnxruntime-node ships its CPU binaries; skip its optional CUDA download (no network here).
export ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip
npm ci --no-audit --no-fund || fail "npm ci"
bash scripts/build-native.sh || fail "the native CPU backend did not build (why: above)"
node -e "require('./native/build/Release/netspec_native.node')" \
  || fail "the native addon built but does not load (above)"
echo "setup: done (native addon built and loads; torch, torchvision and onnx import)"
