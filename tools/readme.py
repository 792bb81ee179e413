"""Generate README.md from nbs/index.ipynb without Quarto (nbconvert's Markdown exporter).
python tools/readme.py          write README.md
python tools/readme.py --check  exit 1 if README.md is not what the notebook gives"""
import re, sys
from pathlib import Path
import nbformat
from nbconvert import MarkdownExporter

root = Path(__file__).resolve().parent.parent

def render() -> str:
    nb = nbformat.read(root/'nbs'/'index.ipynb', as_version=4)
    keep = []
    for cell in nb.cells:
        src = cell.source.lstrip()
        if cell.cell_type == 'code' and re.search(r'^#\|\s*(hide|include:\s*false)', src, re.M): continue
        cell.source = re.sub(r'^#\|.*\n?', '', cell.source, flags=re.M)
        if cell.cell_type == 'code': cell.outputs = [o for o in cell.outputs if o.get('output_type') == 'stream']
        keep.append(cell)
    nb.cells = keep
    body, _ = MarkdownExporter().from_notebook_node(nb)
    return '<!-- generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file -->\n\n' + \
        re.sub(r'\n{3,}', '\n\n', body).strip() + '\n'

if __name__ == '__main__':
    text = render()
    if '--check' in sys.argv: sys.exit(0 if (root/'README.md').read_text() == text else 1)
    (root/'README.md').write_text(text)
