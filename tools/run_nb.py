"""Execute notebooks and keep their outputs (they become the docs), without Jupyter.
    python tools/run_nb.py nbs/02_attention.ipynb [...] [--slow]
Cells flagged `#| slow` or `#| gpu` keep their recorded outputs unless --slow (or, for gpu cells, a GPU) is given;
every other code cell is run in order in one kernel, from nbs/, as nbdev_test runs it. Stops at the first error."""
import os, re, sys
from pathlib import Path

def flags(source):
    return set(re.findall(r'^#\|\s*(slow|gpu)\s*$', source, re.M))

def run(path, slow=False):
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
        if ('slow' in f and not slow) or ('gpu' in f and not torch.cuda.is_available()): continue
        outputs = shell.run(cell.source)
        if shell.exc: raise SystemExit(f'{path.name}: cell failed:\n{cell.source[:300]}\n{shell.exc!r}')
        hidden = re.search(r'^#\|\s*hide\s*$', cell.source, re.M)  # setup: its output is no documentation
        cell.outputs = _dict2obj(outputs) if outputs and not hidden else []
    write_nb(nb, path)
    print(f'{path.name}: executed, outputs written')

if __name__ == '__main__':
    os.environ.setdefault('MPLBACKEND', 'module://matplotlib_inline.backend_inline')
    for p in [a for a in sys.argv[1:] if not a.startswith('--')]: run(p, slow='--slow' in sys.argv)
