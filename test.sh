#!/usr/bin/env bash
# The whole test suite: the package is exactly what the notebooks export, the notebooks are clean,
# and every notebook's tests pass (nbdev_test). Extra arguments go to nbdev_test, e.g. `--flags slow`.
set -euo pipefail
cd "$(dirname "$0")"
# machines without a network use the offline copies in ../shared (see its README)
if [ -d ../shared/tiktoken-cache ] && [ -z "${TIKTOKEN_CACHE_DIR:-}" ]; then
  export TIKTOKEN_CACHE_DIR=$(cd ../shared/tiktoken-cache && pwd)
fi
export PYTHONUNBUFFERED=1 MPLBACKEND=Agg

fail() { echo "test.sh: $*" >&2; exit 1; }
nbdev_export
[ -z "$(git status --porcelain -- nanogpt_nb)" ] || { git status --short -- nanogpt_nb; fail "nanogpt_nb/ differs from what nbdev_export makes of the notebooks: edit the notebooks, export, commit both"; }
nbdev_clean
[ -z "$(git status --porcelain -- nbs)" ] || { git status --short -- nbs; fail "nbdev_clean changed notebooks: run nbdev_clean and commit"; }
python tools/readme.py --check || fail "README.md is out of date: run python tools/readme.py"

n=$(ls nbs/[0-9]*.ipynb nbs/index.ipynb | wc -l)
start=$SECONDS
nbdev_test --n_workers 1 --timing "$@" || fail "nbdev_test failed"
echo "nbdev_test: $n notebooks passed in $((SECONDS - start)) s"

# the docs site, built offline and checked in headless Chromium (skips if chromium is absent)
python tools/docs.py
python -m pytest tools/test_docs.py -q -rs -p no:cacheprovider
