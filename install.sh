#!/usr/bin/env bash
# Installs nanogpt_nb (editable) with a torch that fits this machine.
#   bash install.sh        runtime only
#   bash install.sh dev    plus nbdev, JupyterLab and ipywidgets
# A plain `pip install torch` on a CPU-only Linux machine pulls several GB of CUDA libraries,
# so without a GPU driver we take the CPU build first; the package's own `torch>=2.1` is then satisfied.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
pip() { "$PY" -m pip "$@"; }

if "$PY" -c "import torch" 2>/dev/null; then
  echo "install.sh: keeping the installed torch $("$PY" -c 'import torch; print(torch.__version__)')"
elif command -v nvidia-smi >/dev/null 2>&1; then
  pip install torch                       # the default wheels are the CUDA build
else
  # the official CPU-only index; --isolated so no other configured index can slip a CUDA build in.
  # Where that index cannot be reached (offline mirrors), the pinned CPU build the mirror carries.
  pip install --isolated --retries 1 --timeout 20 --index-url https://download.pytorch.org/whl/cpu torch 2>/dev/null \
    || pip install "torch==2.13.0"
fi
if [ "${1:-}" = dev ]; then pip install -e ".[dev]"; else pip install -e .; fi
