#!/usr/bin/env bash
# CLI start-up: wall time (median of N runs, and min/max) of `netspec summary` and `netspec diff`
# from compiled JavaScript, beside plain `node -e 0` and the tsx route (`npm run summary`'s).
# Usage: bench/cli-startup.sh [DIST_DIR] [N]   (DIST_DIR default dist/, built by `npm run build`)
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:-dist}
N=${2:-10}
[ -f "$DIST/cli/main.js" ] || { echo "no $DIST/cli/main.js: run npm run build first" >&2; exit 1; }

measure() { # label, command...
  local label=$1; shift
  local times=() cpus=() rss=0
  for _ in $(seq "$N"); do
    local out tf
    tf=$(mktemp)
    /usr/bin/time -o "$tf" -f '%e %M %U %S' "$@" >/dev/null 2>&1 || true # an invalid spec exits 1
    out=$(tail -1 "$tf"); rm -f "$tf"
    read -r wall kb user sys <<<"$out"
    times+=("$wall"); cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"); rss=$kb
  done
  local cpu
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v rss="$rss" -v cpu="$cpu" '
    { t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
      printf "%-48s wall median %.2f s (min %.2f, max %.2f)  CPU median %.2f s  n=%d  RSS %d MB\n", label, m, t[1], t[NR], cpu, NR, rss / 1024 }'
}

echo "date: $(date -u +%FT%TZ)   node $(node --version)   $(nproc) cores   load before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure 'node -e 0 (Node itself)' node -e 0
measure 'netspec summary models/alexnet.yaml' node "$DIST/cli/main.js" summary models/alexnet.yaml
measure 'netspec summary models/resnet50.yaml' node "$DIST/cli/main.js" summary models/resnet50.yaml
measure 'netspec diff alexnet, single-tower, torchvision' node "$DIST/cli/main.js" diff models/alexnet.yaml models/alexnet-single-tower.yaml models/alexnet-torchvision.yaml
measure 'netspec summary of an invalid spec (ajv loads)' node "$DIST/cli/main.js" summary tests/fixtures/invalid/bad-enum-activation.yaml
measure 'tsx src/cli/main.ts summary models/alexnet.yaml' node_modules/.bin/tsx src/cli/main.ts summary models/alexnet.yaml
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
