#!/usr/bin/env bash
# The main job on a fresh machine: install, compile every model, print AlexNet's summary, and
# train the Fashion-MNIST AlexNet briefly on real data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run -s compile
npm run -s summary -- models/alexnet.yaml
npm run -s train -- models/alexnet-fashion.yaml --epochs 1 --steps-per-epoch 100 --out runs/quickstart
