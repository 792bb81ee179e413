#!/usr/bin/env bash
# The whole test suite: the package is exactly what the notebooks export, the notebooks are clean, the house rules and
# ruff hold, and every notebook's tests pass (nbdev_test); then the docs site is built and checked in Chromium.
#   bash test.sh                      everything (CI runs this)
#   bash test.sh --flags slow         extra arguments go to nbdev_test
#   bash test.sh --fast [NB ...]      the edit-test loop: the checks, then only the named notebooks (default: those
#                                     changed since the last commit), no docs site
#   bash test.sh --fast all           the checks and every chapter but the process-level ones and the tutorial; no
#                                     browser tests (under 2 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")"
# machines without a network use the offline copies in ../shared (see its README)
if [ -d ../shared/tiktoken-cache ] && [ -z "${TIKTOKEN_CACHE_DIR:-}" ]; then
  export TIKTOKEN_CACHE_DIR=$(cd ../shared/tiktoken-cache && pwd)
fi
export PYTHONUNBUFFERED=1 MPLBACKEND=Agg
# notebooks run side by side, one per core (up to 4); each then gets its share of the cores for torch's threads, since
# two notebooks each running OpenMP on every core wait on each other (on 2 cores: 8 minutes instead of 14)
cores=$(nproc 2>/dev/null || echo 1)
workers=${NBDEV_WORKERS:-$(( cores < 4 ? cores : 4 ))}
threads=${OMP_NUM_THREADS:-$(( cores / workers > 0 ? cores / workers : 1 ))}

fail() { echo "test.sh: $*" >&2; exit 1; }
fast=0
if [ "${1:-}" = --fast ]; then fast=1; shift; fi

nbdev_export
nbdev_clean
if [ $fast = 0 ]; then  # the edit-test loop exports and cleans for you; the full run insists they were committed so
  [ -z "$(git status --porcelain -- nanogpt_nb)" ] || { git status --short -- nanogpt_nb; fail "nanogpt_nb/ differs from what nbdev_export makes of the notebooks: edit the notebooks, export, commit both"; }
  [ -z "$(git status --porcelain -- nbs)" ] || { git status --short -- nbs; fail "nbdev_clean changed notebooks: run nbdev_clean and commit"; }
fi
python tools/readme.py --check || fail "README.md is out of date: run python tools/readme.py"
python -m ruff check nbs nanogpt_nb tools || fail "ruff found problems: fix them (python -m ruff check --fix fixes some)"
python tools/house.py || fail "a house rule is broken (see above): split the function, cell or module"

if [ $fast = 1 ] && [ "${1:-}" = all ]; then
  # whole runs as processes (torchrun, kill -9, strace, the command-line tools) live in these chapters
  start=$SECONDS
  OMP_NUM_THREADS=$threads nbdev_test --n_workers "$workers" --skip_file_re '^([_.]|tutorial|00a_prepare|04a_processes|05_eval|05b_lm_eval|06_export)' \
    || fail "nbdev_test failed"
  echo "test.sh --fast all: passed in $((SECONDS - start)) s; not run: 00a_prepare, 04a_processes, 05_eval, 05b_lm_eval," \
       "06_export, the tutorial and the browser tests (bash test.sh runs everything)"
  exit 0
fi
if [ $fast = 1 ]; then
  notebooks=("$@")
  if [ ${#notebooks[@]} = 0 ]; then
    mapfile -t notebooks < <(git diff --name-only HEAD -- 'nbs/*.ipynb'; git ls-files --others --exclude-standard -- 'nbs/*.ipynb')
  fi
  [ ${#notebooks[@]} -gt 0 ] || { echo "test.sh --fast: no notebook changed since the last commit; name some"; exit 0; }
  for nb in "${notebooks[@]}"; do
    [ -f "$nb" ] || nb="nbs/${nb%.ipynb}.ipynb"  # a chapter's name is enough
    [ -f "$nb" ] || fail "no notebook $nb: name one of nbs/*.ipynb"
    start=$SECONDS
    nbdev_test --path "$nb" || fail "nbdev_test failed on $nb"
    echo "$nb passed in $((SECONDS - start)) s"
  done
  exit 0
fi

# the tutorial runs in a real JupyterLab below, where Chromium is here to drive it; elsewhere nbdev_test runs it
skip='^[_.]'
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then skip='^([_.]|tutorial)'; fi
n=$(ls nbs/*.ipynb | grep -cvE "/(${skip#^})") || true
start=$SECONDS
OMP_NUM_THREADS=$threads nbdev_test --n_workers "$workers" --timing --skip_file_re "$skip" "$@" || fail "nbdev_test failed"
echo "nbdev_test: $n notebooks passed in $((SECONDS - start)) s ($workers at a time, $threads torch threads each)"

# the docs site, built offline and checked in headless Chromium, and the tutorial in a real JupyterLab (both skip,
# saying why, where chromium is absent)
python tools/docs.py
python -m pytest tools/test_docs.py tools/test_jupyterlab.py -q -rs -p no:cacheprovider
