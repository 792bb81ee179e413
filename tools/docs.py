"""Build the documentation site into site/ without Quarto or a network.
    python tools/docs.py
1. nbdev's processor turns nbs/*.ipynb into _proc/*.ipynb: directives stripped, hidden cells removed,
   and `show_doc` cells added and run for every exported name (the API reference).
2. Those notebooks and README.md (the home page) go into _mkdocs/, and mkdocs-material with
   mkdocs-jupyter renders them, with navigation and search, into site/."""
import os, re, shutil, subprocess, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def main():
    os.chdir(root)
    from nbdev.serve import proc_nbs
    proc_nbs(path='nbs', n_workers=0, force=True)
    docs = root/'_mkdocs'
    shutil.rmtree(docs, ignore_errors=True); docs.mkdir()
    for nb in sorted((root/'_proc').glob('[0-9]*.ipynb')): shutil.copy(nb, docs/nb.name)
    # the README is the home page; its links to notebooks point at their pages
    home = (root/'README.md').read_text()
    home = re.sub(r'`(\d\d_\w+)`', r'[`\1`](\1.ipynb)', home)
    (docs/'index.md').write_text(home)
    env = {**os.environ, 'NO_MKDOCS_2_WARNING': '1'}
    subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '--clean', '-q', '-f', str(root/'mkdocs.yml')], check=True, env=env)
    print(f'site built in {root/"site"}: open site/index.html or serve it with `python -m http.server -d site`')

if __name__ == '__main__': main()
