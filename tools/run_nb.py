"""Execute notebooks and keep their outputs (they become the docs), without Jupyter.
    python tools/run_nb.py nbs/02_attention.ipynb [...] [--slow | --slow=CELL_ID,CELL_ID]
Cells flagged `#| slow` or `#| gpu` keep their recorded outputs unless --slow (or, for gpu cells, a GPU) is given;
--slow=IDS reruns only the slow cells with those ids (a notebook's cell ids are in its JSON);
every other code cell is run in order in one kernel, from nbs/, as nbdev_test runs it. Stops at the first error."""
import os, re, sys, time
from pathlib import Path

def flags(source):
    return set(re.findall(r'^#\|\s*(slow|gpu)\s*$', source, re.M))

def run(path, slow=False):
    "Run notebook `path`; `slow` is False, True (every slow cell) or a set of the slow cells' ids to run."
    from execnb.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell, _dict2obj
    import torch
    path = Path(path).resolve()
    nb = read_nb(path)
    os.chdir(path.parent)
    shell = CaptureShell()
    for cell in nb.cells:
        if cell.cell_type != 'code': continue
        f = flags(cell.source)
        run_slow = slow is True or (slow and cell.get('id') in slow)
        if ('slow' in f and not run_slow) or ('gpu' in f and not torch.cuda.is_available()): continue
        start = time.perf_counter()
        outputs = shell.run(cell.source)
        if (took := time.perf_counter() - start) > 5:  # where a notebook's time goes
            print(f'  {took:5.1f} s  cell {cell.get("id")}: {cell.source.splitlines()[0][:70]}')
        if shell.exc: raise SystemExit(f'{path.name}: cell failed:\n{cell.source[:300]}\n{shell.exc!r}')
        hidden = re.search(r'^#\|\s*hide\s*$', cell.source, re.M)  # setup: its output is no documentation
        cell.outputs = _dict2obj(outputs) if outputs and not hidden else []
    write_nb(nb, path)
    print(f'{path.name}: executed, outputs written')

if __name__ == '__main__':
    os.environ.setdefault('MPLBACKEND', 'module://matplotlib_inline.backend_inline')
    slow_args = [a for a in sys.argv if a.startswith('--slow')]
    slow = next((True if a == '--slow' else set(a.split('=', 1)[1].split(',')) for a in slow_args), False)
    for p in [a for a in sys.argv[1:] if not a.startswith('--')]: run(p, slow=slow)
