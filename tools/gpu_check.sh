#!/usr/bin/env bash
# Everything only a GPU can show, with one command, on a machine with PyTorch preinstalled and no network:
#   bash tools/gpu_check.sh
# It runs the `#| gpu` notebook cells, a GPT-2 124M training-step benchmark (sdpa, flex and flash_attn where
# importable; ALiBi on and off; compile on and off; bf16; ms/iter, tokens/s, MFU), a 1-GPU NCCL torchrun run, an
# elastic restart of an NCCL group (kill -9 of a worker under --max-restarts=1, --resume=auto), and fp16
# with GradScaler, and prints one markdown table. On a machine without a GPU it says what it skipped and exits 0.
#
# The package needs fastcore at run time, and the notebook cells need nbdev; both are pure Python. For a machine
# without a network, download their wheels where there is one and carry them in wheels/ (the folder is git-ignored;
# pass it in the device tool's carry list):
#   pip download --only-binary=:all: -d wheels "nbdev==2.4.14" "fastcore<2" "execnb<0.2" "ghapi<2" \
#       asttokens astunparse watchdog packaging pyyaml
# This script installs whatever it finds there, offline, before it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
if ls wheels/*.whl >/dev/null 2>&1; then
  python -m pip install -q --no-index --find-links wheels --no-deps wheels/*.whl || echo "gpu_check: could not install wheels/"
fi
python -c "import fastcore" 2>/dev/null || { echo "gpu_check: fastcore is missing: carry its wheel in wheels/ (see this script's header)"; exit 1; }
export TIKTOKEN_CACHE_DIR=${TIKTOKEN_CACHE_DIR:-$(pwd)/../shared/tiktoken-cache}
python tools/gpu_check.py
