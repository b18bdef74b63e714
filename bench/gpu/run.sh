#!/usr/bin/env bash
# netspec on a GPU through WebGPU, against PyTorch on the same GPU. For a bare machine with no
# network and no Node: everything comes from bench/gpu/bundle/netspec-gpu-bench.tar.gz, which
# bench/gpu/make-bundle.sh builds elsewhere. Needs the GPU driver's Vulkan ICD (NVIDIA's ships
# with the driver); PyTorch is optional (skipped if absent). About ten minutes at most.
#   bash bench/gpu/run.sh
# Output goes to stdout and, with everything else, to $OUT (if set) or a temporary folder.
# Settings (environment):
#   NETSPEC_GPU_BENCH_MODELS   default alexnet,alexnet-torchvision (also: alexnet-fashion)
#   NETSPEC_GPU_BENCH_BATCH    default 128
#   NETSPEC_GPU_BENCH_STEPS    timed steps, default 30 (after NETSPEC_GPU_BENCH_WARMUP, default 3)
#   NETSPEC_GPU_BENCH_BUDGET_S seconds per model on WebGPU before the timed steps stop, default 110
#   NETSPEC_GPU_BENCH_COMPARE  models rerun with tfjs-backend-webgpu's own slow kernels, default
#                              alexnet (empty: none), NETSPEC_GPU_BENCH_COMPARE_BUDGET_S default 60
#   NETSPEC_GPU_BENCH_ALLOW_SOFTWARE=1   benchmark a software adapter (lavapipe) instead of refusing
#   NETSPEC_GPU_BENCH_TORCH_DEVICE      cuda (default when PyTorch sees one) or cpu; none skips PyTorch
#   NETSPEC_GPU_BENCH_BUNDLED_VULKAN=1  use the bundle's libvulkan1 even if the system has a loader
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=${NETSPEC_GPU_BUNDLE:-$here/bundle/netspec-gpu-bench.tar.gz}
models=${NETSPEC_GPU_BENCH_MODELS:-alexnet,alexnet-torchvision}
batch=${NETSPEC_GPU_BENCH_BATCH:-128}
steps=${NETSPEC_GPU_BENCH_STEPS:-30}
warmup=${NETSPEC_GPU_BENCH_WARMUP:-3}
work=$(mktemp -d /tmp/netspec-gpu.XXXXXX)
results=${OUT:-$work/out}
mkdir -p "$results"
exec > >(tee -a "$results/gpu-bench.log") 2>&1

say() { echo "run.sh: $*"; }
started=$(date +%s)
say "$(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname); $(uname -sr); glibc $(ldd --version 2>/dev/null | head -1 | grep -o '[0-9.]*$')"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | sed 's/^/run.sh: GPU: /'

if [ ! -s "$bundle" ]; then
  say "no bundle at $bundle: run bash bench/gpu/make-bundle.sh first (and carry bench/gpu/bundle)"
  exit 1
fi
tar -xzf "$bundle" -C "$work" || { say "cannot unpack $bundle"; exit 1; }
sed 's/^/run.sh: bundle: /' "$work/MANIFEST.txt"
glibc=$(ldd --version 2>/dev/null | head -1 | grep -o '[0-9.]*$')
if [ -n "$glibc" ] && [ "$(printf '%s\n2.34\n' "$glibc" | sort -V | head -1)" != 2.34 ]; then
  say "warning: glibc $glibc is older than the 2.34 that the webgpu package's dawn.node needs: WebGPU will not load"
fi
node=$work/node/bin/node
app=$work/app

# --- The Vulkan loader: the system's, else Debian's libvulkan1 from the bundle.
if [ "${NETSPEC_GPU_BENCH_BUNDLED_VULKAN:-0}" != 1 ] && ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1 '; then
  say "Vulkan loader: the system's"
else
  deb=$(ls "$work"/debs/libvulkan1_*.deb 2>/dev/null | head -1)
  if [ -z "$deb" ]; then
    say "no Vulkan loader here and none in the bundle: WebGPU will find no adapter"
  else
    mkdir -p "$work/vulkan"
    if command -v dpkg-deb >/dev/null; then
      dpkg-deb -x "$deb" "$work/vulkan"
    else
      # No dpkg: a .deb is an ar archive holding data.tar.*; Python reads both.
      python3 - "$deb" "$work/vulkan" <<'PY'
import io, sys, tarfile
deb, dest = sys.argv[1], sys.argv[2]
data = open(deb, 'rb').read()
pos = 8
while pos < len(data):
    name, size = data[pos:pos + 16].decode().strip().rstrip('/'), int(data[pos + 48:pos + 58])
    body = data[pos + 60:pos + 60 + size]
    if name.startswith('data.tar'):
        tarfile.open(fileobj=io.BytesIO(body)).extractall(dest)
    pos += 60 + size + (size % 2)
PY
    fi
    lib=$(dirname "$(find "$work/vulkan" -name 'libvulkan.so.1' | head -1)")
    export LD_LIBRARY_PATH=$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    say "Vulkan loader: $(basename "$deb") unpacked to $lib"
  fi
fi

# --- The driver (ICD): NVIDIA's JSON manifest, wherever the container runtime put it.
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ]; then
  for f in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json \
           /usr/share/vulkan/icd.d/nvidia_icd.json /usr/local/share/vulkan/icd.d/nvidia_icd.json; do
    if [ -s "$f" ]; then export VK_DRIVER_FILES=$f; break; fi
  done
  if [ -z "${VK_DRIVER_FILES:-}" ]; then
    # The manifest may be missing while the driver library (which holds the ICD) is present.
    for d in /usr/local/nvidia/lib64 /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib; do
      if [ -e "$d/libGLX_nvidia.so.0" ]; then
        printf '{"file_format_version":"1.0.1","ICD":{"library_path":"%s","api_version":"1.3.0"}}\n' "$d/libGLX_nvidia.so.0" >"$work/nvidia_icd.json"
        export VK_DRIVER_FILES=$work/nvidia_icd.json
        say "no nvidia_icd.json found; wrote one for $d/libGLX_nvidia.so.0"
        break
      fi
    done
  fi
fi
say "Vulkan driver manifest: ${VK_DRIVER_FILES:-${VK_ICD_FILENAMES:-none set, so the default search}}"

vulkan_report() {
  say "Vulkan diagnostics:"
  for d in /usr/local/nvidia/share/vulkan/icd.d /etc/vulkan/icd.d /usr/share/vulkan/icd.d; do
    [ -d "$d" ] && ls -l "$d" | sed "s|^|run.sh:   $d: |"
  done
  ls /usr/local/nvidia/lib64 /usr/lib/x86_64-linux-gnu 2>/dev/null | grep -E 'libGLX_nvidia|libnvidia-(glcore|gpucomp)|libvulkan' | sed 's/^/run.sh:   lib: /'
  echo "run.sh:   NVIDIA_DRIVER_CAPABILITIES=${NVIDIA_DRIVER_CAPABILITIES:-unset} (the Vulkan ICD needs 'graphics')"
}

# --- netspec on WebGPU.
require=--require-gpu
[ "${NETSPEC_GPU_BENCH_ALLOW_SOFTWARE:-0}" = 1 ] && require=
budget=${NETSPEC_GPU_BENCH_BUDGET_S:-110}
webgpu_bench() { # <models> <budget s> <json> [extra flags]: the bundled bench, under a hard timeout
  local n=$(( $(tr -cd , <<<"$1" | wc -c) + 1 ))
  (cd "$app" && timeout $(( n * ($2 + 30) + 30 )) "$node" webgpu-bench.mjs --models "$1" --batch "$batch" --steps "$steps" \
    --warmup "$warmup" --budget-s "$2" --json "$3" $require "${@:4}")
}
say "netspec (WebGPU): $models, batch $batch, $warmup warm-up + $steps timed steps, at most $budget s per model"
webgpu_bench "$models" "$budget" "$results/netspec-webgpu.json"
rc=$?
if [ $rc -ne 0 ]; then
  say "netspec WebGPU bench exited with $rc$([ $rc = 124 ] && echo ' (timed out)')"
  [ $rc = 2 ] && vulkan_report
fi

# --- PyTorch on the same GPU.
torch_json=
py=${PYTHON:-python3}
tdev=${NETSPEC_GPU_BENCH_TORCH_DEVICE:-}
if [ "$tdev" = none ]; then
  say "PyTorch: skipped (NETSPEC_GPU_BENCH_TORCH_DEVICE=none)"
elif ! "$py" -c 'import torch' 2>/dev/null; then
  say "PyTorch: not installed for $py; skipped"
else
  if [ -z "$tdev" ]; then tdev=$("$py" -c 'import torch; print("cuda" if torch.cuda.is_available() else "")'); fi
  if [ -z "$tdev" ]; then
    say "PyTorch: sees no CUDA device; skipped (NETSPEC_GPU_BENCH_TORCH_DEVICE=cpu runs it on the CPU)"
  else
    nets=()
    for m in ${models//,/ }; do nets+=("$app/nets/$m.json"); done
    timeout "${NETSPEC_GPU_BENCH_TORCH_TIMEOUT:-120}" "$py" "$app/torch_alexnet.py" "${nets[@]}" --batch "$batch" --steps "$steps" \
      --warmup "$warmup" --device "$tdev" --json "$results/torch.json" ${NETSPEC_GPU_BENCH_TORCH_VARIANTS:+--variants "$NETSPEC_GPU_BENCH_TORCH_VARIANTS"}
    trc=$?
    if [ $trc -eq 0 ]; then torch_json="--torch $results/torch.json"; else say "PyTorch bench exited with $trc$([ $trc = 124 ] && echo ' (timed out)')"; fi
  fi
fi

# --- What netspec's two replacement kernels buy: the same bench with the package's own, if time allows.
compare=${NETSPEC_GPU_BENCH_COMPARE-alexnet}
compare_budget=${NETSPEC_GPU_BENCH_COMPARE_BUDGET_S:-60}
package_json=
if [ -n "$compare" ] && [ $rc -eq 0 ]; then
  left=$(( ${NETSPEC_GPU_BENCH_TOTAL_S:-570} - ($(date +%s) - started) ))
  if [ $left -lt $(( compare_budget + 90 )) ]; then
    say "skipping the package-kernel comparison: ${left} s left"
  else
    say "netspec (WebGPU) with tfjs-backend-webgpu's own LRNGrad and Conv2DBackpropFilter: $compare, at most $compare_budget s"
    webgpu_bench "$compare" "$compare_budget" "$results/netspec-webgpu-package.json" --package-kernels \
      && package_json=$results/netspec-webgpu-package.json || say "the package-kernel run exited with $?"
  fi
fi

echo
if [ -s "$results/netspec-webgpu.json" ]; then
  "$node" "$app/summarize.mjs" "$results/netspec-webgpu.json" $package_json $torch_json | tee "$results/summary.txt"
fi
say "done in $(( $(date +%s) - started )) s; files in $results"
sleep 1 # let tee write the last lines of gpu-bench.log
exit $rc
