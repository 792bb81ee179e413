"""The built docs site in a real browser: every page loads, every image loads, no internal link is broken, and it works
as a reference (no placeholder hosts, prompts or NoneType noise, figures at least 400 px wide, long logs folded, the
widget's static fallback, the TrainConfig reference, the benchmarks page); plus the checks that need no browser
(docstrings, LICENSE, the README's machine). Screenshots of the home page and the ALiBi chapter go to docs_screenshots/.
Build first with `python tools/docs.py`; run with `python -m pytest tools/test_docs.py`.
Skips, saying why, where Debian's chromium is not installed (CI installs it)."""
import functools, http.server, shutil, threading, urllib.parse, urllib.request
from pathlib import Path
import pytest

root = Path(__file__).resolve().parent.parent
site = root/'site'
CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync']

@pytest.fixture(scope='module')
def server():
    if not (site/'index.html').exists(): pytest.fail('site/ is not built: run python tools/docs.py first')
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{httpd.server_address[1]}/'
    httpd.shutdown()

@pytest.fixture(scope='module')
def browser():
    if not CHROMIUM: pytest.skip('Debian chromium is not installed (apt-get install chromium): browser checks skipped')
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()

PLACEHOLDER_HOSTS = ('nanogpt-nb.github.io', 'github.com/nanogpt-nb')
LOG_LINES = 13  # an output longer than this must be folded (tools/docs.py folds it)

def page_problems(page, url) -> list:
    "What keeps a page from working as a reference."
    problems = []
    text = page.inner_text('body')
    for marker in ('Out[', 'In [', 'NoneType', 'Call self as a function', 'VBox(', 'Widget('):
        if marker in text: problems.append(f'shows {marker!r}')
    for href in page.eval_on_selector_all('a[href]', 'as => as.map(a => a.getAttribute("href"))'):
        if any(h in href for h in PLACEHOLDER_HOSTS): problems.append(f'links to a placeholder host: {href}')
    narrow = page.eval_on_selector_all('article img', """imgs => imgs
        .filter(i => i.getBoundingClientRect().width < 400)
        .map(i => [i.src.slice(-40), Math.round(i.getBoundingClientRect().width)])""")
    if narrow: problems.append(f'figures narrower than 400 px: {narrow}')
    long_logs = page.eval_on_selector_all('.jp-OutputArea .jp-RenderedText pre', f"""pres => pres
        .filter(p => !p.closest('details'))
        .map(p => p.innerText.trim().split('\\n').length).filter(n => n > {LOG_LINES})""")
    if long_logs: problems.append(f'unfolded logs of {long_logs} lines')
    return problems

def internal(base, href):
    url = urllib.parse.urljoin(base, href)
    return url.split('#')[0] if url.startswith(base.split('/', 3)[0] + '//' + base.split('/', 3)[2]) else None

def test_site(server, browser):
    page = browser.new_page(viewport={'width': 1280, 'height': 900})
    todo, seen, pages, images, problems = [server + 'index.html'], set(), 0, 0, []
    while todo:
        url = todo.pop()
        if url in seen: continue
        seen.add(url)
        if not url.endswith(('.html', '/')):  # assets: must exist
            assert urllib.request.urlopen(url).status == 200, url
            continue
        resp = page.goto(url, wait_until='load')
        assert resp and resp.ok, f'{url}: {resp and resp.status}'
        pages += 1
        broken = page.eval_on_selector_all('img', 'imgs => imgs.filter(i => !(i.complete && i.naturalWidth > '
                                                  '0)).map(i => i.src)')
        assert not broken, f'{url}: images that did not load: {broken}'
        images += page.eval_on_selector_all('img', 'imgs => imgs.length')
        problems += [f'{url}: {p}' for p in page_problems(page, url)]
        for href in page.eval_on_selector_all('a[href]', 'as => as.map(a => a.getAttribute("href"))'):
            target = internal(url, href)
            if target and target not in seen:
                try: urllib.request.urlopen(target)
                except Exception as e: pytest.fail(f'{url}: broken link {href} ({e})')
                todo.append(target)
    assert not problems, '\n'.join(problems)
    chapters = [u for u in seen if u.rsplit('/', 1)[-1][:2].isdigit() and u.endswith('.html')]
    chapter_files = sorted((root/'nbs').glob('[0-9]*.ipynb'))
    assert len(chapters) == len(chapter_files), (sorted(seen), chapter_files)
    assert {server + 'benchmarks.html', server + 'coming_from_nanogpt.html'} <= seen, sorted(seen)
    assert images >= 5, f'only {images} images on the whole site: plots are missing'
    shots = root/'docs_screenshots'; shots.mkdir(exist_ok=True)
    page.goto(server + 'index.html'); page.screenshot(path=str(shots/'home.png'))
    page.goto(server + '02_attention.html'); assert 'ALiBi' in page.content()
    page.screenshot(path=str(shots/'alibi.png'), full_page=False)
    print(f'{pages} pages, {images} images, {len(seen)} internal URLs checked; screenshots in {shots}')

def test_search_index(server):
    import json
    index = json.loads(urllib.request.urlopen(server + 'search/search_index.json').read())
    assert any('alibi' in d['text'].lower() for d in index['docs'])

def test_reference_pages(server, browser):
    "The TrainConfig reference lists every key; the benchmarks page names commands and machines; the widget shows text."
    from dataclasses import fields
    from nanogpt_nb.config import TrainConfig
    page = browser.new_page(viewport={'width': 1280, 'height': 900})
    page.goto(server + '03a_config.html')
    cells = set(page.eval_on_selector_all('table td code', 'cs => cs.map(c => c.innerText)'))
    missing = [f.name for f in fields(TrainConfig) if f.name not in cells]
    assert not missing, f'TrainConfig reference lacks {missing}'
    page.goto(server + 'benchmarks.html')
    text = page.inner_text('body')
    assert 'nanogpt-train' in text and 'Recorded on' in text and 'torch 2.' in text and 'AMX' in text
    page.goto(server + '05_eval.html')
    assert 'ROMEO:' in page.inner_text('body')

def test_docstrings():
    "Every exported function and class, and every method patched onto GPT, says what it is."
    import importlib, inspect
    from nanogpt_nb import _modidx
    missing = []
    for name in sorted(_modidx.d['syms']):
        for sym in _modidx.d['syms'][name]:
            obj = importlib.import_module(name)
            for part in sym[len(name) + 1:].split('.'): obj = getattr(obj, part)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and not sym.split('.')[-1].startswith('_'):
                if not (obj.__doc__ or '').strip() or (inspect.isclass(obj) and obj.__doc__ == obj.__mro__[1].__doc__):
                    missing.append(sym)
    assert not missing, f'no docstring: {missing}'

def test_license_and_readme_machine():
    assert 'Apache License' in (root/'LICENSE').read_text()
    readme = (root/'README.md').read_text()
    assert 'AVX2' in readme and 'fp32' in readme and 'AMX' in readme, 'the README must name the machines of its figures'
