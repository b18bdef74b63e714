#!/usr/bin/env bash
# A Vulkan software adapter (Mesa's lavapipe) for testing netspec's WebGPU path without a GPU.
# Debian bookworm's Mesa 22 lavapipe gives Dawn no adapter; Mesa 25 from bookworm-backports does.
# Idempotent. Fails (exit 1, saying why) when it cannot install lavapipe, or when WebGPU still
# gives no adapter afterwards: CI runs it, and CI must not go on to skip the WebGPU tests.
set -uo pipefail
cd "$(dirname "$0")/.."

list=/etc/apt/sources.list.d/netspec-bookworm-backports.list
line='deb http://deb.debian.org/debian bookworm-backports main'

say() { echo "setup-webgpu: $*"; }
fail() { echo "setup-webgpu: FAILED: $*" >&2; exit 1; }

# The proof: Dawn, through the webgpu package, gives an adapter (needs npm ci first).
check_adapter() {
  if [[ ! -d node_modules/webgpu ]]; then
    fail "node_modules/webgpu is missing, so the adapter cannot be checked: run npm ci (scripts/setup.sh) first"
  fi
  npx tsx scripts/check-webgpu.ts 2>&1 | grep -v 'artificially reduced' || fail "lavapipe is installed but WebGPU gives no adapter (above)"
}

if ! grep -qs '^VERSION_CODENAME=bookworm' /etc/os-release; then
  say "not Debian bookworm: checking for an adapter from what is installed (Mesa >= 23 lavapipe, or a GPU)"
  check_adapter
  exit 0
fi
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  fail "not root and no sudo: cannot install mesa-vulkan-drivers from bookworm-backports"
fi

installed=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || true)
if [[ "$installed" == *bpo* ]] && dpkg -s libvulkan1 >/dev/null 2>&1; then
  say "mesa-vulkan-drivers $installed (bookworm-backports) already installed"
  check_adapter
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "$line" | $sudo tee "$list" >/dev/null || fail "cannot write $list"
fi
if ! $sudo apt-get update -qq >/tmp/setup-webgpu.apt.log 2>&1; then
  tail -n 20 /tmp/setup-webgpu.apt.log >&2
  fail "apt-get update failed (log above, in full in /tmp/setup-webgpu.apt.log)"
fi
if ! $sudo apt-get install -y -qq --no-install-recommends mesa-vulkan-drivers/bookworm-backports libvulkan1 >>/tmp/setup-webgpu.apt.log 2>&1; then
  tail -n 20 /tmp/setup-webgpu.apt.log >&2
  fail "installing mesa-vulkan-drivers from bookworm-backports failed (log above, in full in /tmp/setup-webgpu.apt.log)"
fi
say "mesa-vulkan-drivers $(dpkg-query -W -f='${Version}' mesa-vulkan-drivers) installed (lavapipe)"
check_adapter
