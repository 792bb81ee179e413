"""Build the documentation site into site/ without Quarto or a network.
    python tools/docs.py
1. nbdev's processor turns nbs/*.ipynb into _proc/*.ipynb: directives stripped, hidden cells removed,
   and `show_doc` cells added and run for every exported name (the API reference).
2. Those notebooks and README.md (the home page) go into _mkdocs/, and mkdocs-material with
   mkdocs-jupyter renders them, with navigation and search, into site/."""
import os, re, shutil, subprocess, sys
import nbformat
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def for_mkdocs(nb):
    "Turn what nbdev prepares for Quarto into what mkdocs-jupyter renders well."
    import yaml
    for cell in nb.cells:
        if cell.cell_type == 'raw' and cell.source.startswith('---'):  # Quarto front matter: the page's title and summary
            fm = yaml.safe_load(cell.source.strip().strip('-'))
            cell.cell_type, cell.source = 'markdown', f"# {fm.get('title', '')}\n\n> {fm.get('description', '')}"
            cell.pop('attachments', None)
        if cell.cell_type != 'code': continue
        if re.search(r'^#\|\s*echo:\s*false', cell.source, re.M):  # show_doc cells: the API reference, without its call
            cell.metadata.setdefault('tags', []).append('remove_input')
        cell.source = re.sub(r'^#\|.*\n?', '', cell.source, flags=re.M)
        for out in cell.get('outputs', []):
            md = out.get('data', {}).get('text/markdown')
            if md: out['data']['text/markdown'] = re.sub(r'\{target=[^{}]*\}', '', md)  # Quarto link attributes
    return nb

def main():
    os.chdir(root)
    from nbdev.serve import proc_nbs
    proc_nbs(path='nbs', n_workers=0, force=True)
    docs = root/'_mkdocs'
    shutil.rmtree(docs, ignore_errors=True); docs.mkdir()
    for nb in sorted((root/'_proc').glob('[0-9]*.ipynb')): nbformat.write(for_mkdocs(nbformat.read(nb, 4)), docs/nb.name)
    # the README is the home page; its links to notebooks point at their pages
    home = (root/'README.md').read_text()
    home = re.sub(r'`(\d\d_\w+)`', r'[`\1`](\1.ipynb)', home)
    (docs/'index.md').write_text(home)
    env = {**os.environ, 'NO_MKDOCS_2_WARNING': '1'}
    subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '--clean', '-q', '-f', str(root/'mkdocs.yml')], check=True, env=env)
    print(f'site built in {root/"site"}: open site/index.html or serve it with `python -m http.server -d site`')

if __name__ == '__main__': main()
