"""Build the documentation site into site/ without Quarto or a network.
    python tools/docs.py
1. nbdev's processor turns nbs/*.ipynb into _proc/*.ipynb: directives stripped, hidden cells removed,
   and `show_doc` cells added and run for every exported name (the API reference).
2. Those notebooks and README.md (the home page) go into _mkdocs/, made fit for a static site: links stay inside it,
   "source" links point at the package files copied into the site, long logs fold, widgets give way to their static
   fallback; then mkdocs-material with mkdocs-jupyter renders them, with navigation and search, into site/."""
import os, re, shutil, subprocess, sys
import markdown, nbformat
from pathlib import Path

root = Path(__file__).resolve().parent.parent
PAGES = {'core': '00_core', 'data': '00_data', 'prepare': '00a_prepare', 'shards': '00b_shards',
         'stream': '00c_stream', 'embmatrix': '01_embmatrix',
         'attention': '02_attention', 'model': '03_model', 'config': '03a_config', 'optim': '03b_optim',
         'checkpoint': '03c_checkpoint', 'parallel': '03d_parallel', 'train': '04_train', 'notebook': '04b_notebook',
         'eval': '05_eval', 'tasks': '05a_tasks', 'lm_eval': '05b_lm_eval', 'export': '06_export', 'archs': '06a_archs',
         'bench': '07_bench'}  # module -> chapter page
LOG_LINES = 12  # a longer printed log folds under its last line

def slug(anchor: str) -> str:
    "mkdocs' id for a heading: lower case, dots and other punctuation dropped."
    return re.sub(r'[^\w\- ]', '', anchor.lower()).replace(' ', '-')

def local_links(text: str) -> str:
    "Cross-references to the published docs host and source links to GitHub, as links inside this site."
    text = re.sub(r'\{target=[^{}]*\}', '', text)  # Quarto link attributes
    text = re.sub(r'https://[\w.-]+\.github\.io/nanogpt_nb/(\w+)\.html(?:#([\w.\-]+))?',
                  lambda m: f"{PAGES.get(m[1], m[1])}.html" + (f'#{slug(m[2])}' if m[2] else ''), text)
    return re.sub(r'https://github\.com/[\w.-]+/nanogpt_nb/blob/\w+/nanogpt_nb/(\w+\.py)(?:#L\d+)?', r'source/\1', text)

def plain_types(text: str) -> str:
    "nbdev writes the type of a parameter whose default is None as NoneType: leave it out."
    return re.sub(r':NoneType=', '=', text).replace('| NoneType |', '|  |')

def as_terminal_shows(text: str) -> str:
    "Progress bars redraw a line with carriage returns: keep what a terminal would show, the last redraw."
    return '\n'.join(line.rsplit('\r', 1)[-1] for line in text.split('\n'))

def folded(text: str) -> str:
    "A long log as a <details> block whose summary is its line count and last line."
    import html
    lines = text.rstrip('\n').splitlines()
    summary = f'{len(lines)} lines of output; the last: {lines[-1].strip()[:120]}'
    return f'<details><summary>{html.escape(summary)}</summary><pre>{html.escape(text)}</pre></details>'

def for_mkdocs(nb):
    "Turn what nbdev prepares for Quarto into what mkdocs-jupyter renders well."
    import yaml
    for cell in nb.cells:
        # Quarto front matter: the page's title and summary
        if cell.cell_type == 'raw' and cell.source.startswith('---'):
            fm = yaml.safe_load(cell.source.strip().strip('-'))
            cell.cell_type, cell.source = 'markdown', f"# {fm.get('title', '')}\n\n> {fm.get('description', '')}"
            cell.pop('attachments', None)
        if cell.cell_type == 'markdown':
            cell.source = local_links(cell.source)
        if cell.cell_type != 'code': continue
        if re.search(r'^#\|\s*echo:\s*false', cell.source, re.M):  # show_doc cells: the API reference, without its call
            cell.metadata.setdefault('tags', []).append('remove_input')
        cell.source = re.sub(r'^#\|.*\n?', '', cell.source, flags=re.M)
        outputs = []
        for out in cell.get('outputs', []):
            data = out.get('data', {})
            if 'application/vnd.jupyter.widget-view+json' in data:
                continue  # a live widget has no static form: the notebook shows its output next to it
            if data.get('text/markdown'):  # as HTML: mkdocs-jupyter renders markdown outputs without their tables
                md = plain_types(local_links(data.pop('text/markdown')))
                data['text/html'] = markdown.markdown(md, extensions=['tables', 'fenced_code'])
                data.pop('text/plain', None)
            if out.get('output_type') == 'stream':
                out['text'] = as_terminal_shows(out['text'])
                if len(out['text'].rstrip('\n').split('\n')) > LOG_LINES:
                    out = nbformat.v4.new_output('display_data', data={'text/html': folded(out['text'])})
            outputs.append(out)
        if 'outputs' in cell: cell.outputs = outputs
    return nb

def main():
    os.chdir(root)
    from nbdev.serve import proc_nbs
    proc_nbs(path='nbs', n_workers=0, force=True)
    docs = root/'_mkdocs'
    shutil.rmtree(docs, ignore_errors=True); docs.mkdir()
    pages = sorted((root/'_proc').glob('[0-9]*.ipynb'))
    pages += [root/'_proc'/f'{n}.ipynb' for n in ('tutorial', 'benchmarks', 'coming_from_nanogpt')]
    for nb in pages:
        nbformat.write(for_mkdocs(nbformat.read(nb, 4)), docs/nb.name)
    (docs/'source').mkdir()
    for py in (root/'nanogpt_nb').glob('*.py'): shutil.copy(py, docs/'source'/py.name)
    shutil.copy(root/'tools'/'site.css', docs/'site.css')
    # the README is the home page; its links to notebooks point at their pages
    home = local_links((root/'README.md').read_text()).replace('](nbs/', '](')  # GitHub's links, from the root
    home = re.sub(r'`(\d\d[a-z]?_\w+|benchmarks|coming_from_nanogpt)`', r'[`\1`](\1.ipynb)', home)
    (docs/'index.md').write_text(home)
    env = {**os.environ, 'NO_MKDOCS_2_WARNING': '1'}
    build = [sys.executable, '-m', 'mkdocs', 'build', '--clean', '-q', '-f', str(root/'mkdocs.yml')]
    subprocess.run(build, check=True, env=env)
    print(f'site built in {root/"site"}: open site/index.html or serve it with `python -m http.server -d site`')

if __name__ == '__main__': main()
