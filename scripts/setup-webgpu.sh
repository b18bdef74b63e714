#!/usr/bin/env bash
# A Vulkan software adapter (Mesa's lavapipe) for testing netspec's WebGPU path without a GPU.
# Debian bookworm's Mesa 22 lavapipe gives Dawn no adapter; Mesa 25 from bookworm-backports does.
# Idempotent. Never fails: when backports are unreachable it says why and exits 0, and the WebGPU
# tests then report the missing adapter (and fail under CI=true).
set -uo pipefail

list=/etc/apt/sources.list.d/netspec-bookworm-backports.list
line='deb http://deb.debian.org/debian bookworm-backports main'

say() { echo "setup-webgpu: $*"; }

if ! grep -qs '^VERSION_CODENAME=bookworm' /etc/os-release; then
  say "not Debian bookworm; install a Vulkan driver with a WebGPU-capable lavapipe (Mesa >= 23) yourself"
  exit 0
fi
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  say "not root and no sudo: cannot install mesa-vulkan-drivers from bookworm-backports"
  exit 0
fi

installed=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || true)
if [[ "$installed" == *bpo* ]] && dpkg -s libvulkan1 >/dev/null 2>&1; then
  say "mesa-vulkan-drivers $installed (bookworm-backports) already installed"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "$line" | $sudo tee "$list" >/dev/null || { say "cannot write $list"; exit 0; }
fi
if ! $sudo apt-get update -qq >/tmp/setup-webgpu.apt.log 2>&1; then
  say "apt-get update failed (see /tmp/setup-webgpu.apt.log); WebGPU tests will find no adapter"
  exit 0
fi
if ! $sudo apt-get install -y -qq --no-install-recommends mesa-vulkan-drivers/bookworm-backports libvulkan1 >>/tmp/setup-webgpu.apt.log 2>&1; then
  say "installing mesa-vulkan-drivers from bookworm-backports failed (see /tmp/setup-webgpu.apt.log); WebGPU tests will find no adapter"
  exit 0
fi
say "mesa-vulkan-drivers $(dpkg-query -W -f='${Version}' mesa-vulkan-drivers) installed (lavapipe)"
