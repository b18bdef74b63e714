#!/usr/bin/env bash
# Installs everything netspec needs on a fresh Debian 12 machine: the system packages (real
# Fashion-MNIST data, a C++ toolchain, oneDNN and OpenBLAS for the native CPU backend), the npm
# packages from the lock file, and the native addon. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
apt_packages=(dataset-fashion-mnist g++ make python3 libdnnl-dev libopenblas-dev)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# onnxruntime-node ships its CPU binaries; skip its optional CUDA download (no network here).
export ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip
npm ci --no-audit --no-fund
if grep -q '"build:native"' package.json; then
  npm run -s build:native || echo "setup: the native CPU backend did not build; netspec will fall back to a slower backend and say why"
fi
