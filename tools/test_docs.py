"""The built docs site in a real browser: every page loads, every image loads, no internal link is broken,
and screenshots of the home page and the ALiBi chapter are saved to docs_screenshots/.
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

def internal(base, href):
    url = urllib.parse.urljoin(base, href)
    return url.split('#')[0] if url.startswith(base.split('/', 3)[0] + '//' + base.split('/', 3)[2]) else None

def test_site(server, browser):
    page = browser.new_page(viewport={'width': 1280, 'height': 900})
    todo, seen, pages, images = [server + 'index.html'], set(), 0, 0
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
        broken = page.eval_on_selector_all('img', 'imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)')
        assert not broken, f'{url}: images that did not load: {broken}'
        images += page.eval_on_selector_all('img', 'imgs => imgs.length')
        for href in page.eval_on_selector_all('a[href]', 'as => as.map(a => a.getAttribute("href"))'):
            target = internal(url, href)
            if target and target not in seen:
                try: urllib.request.urlopen(target)
                except Exception as e: pytest.fail(f'{url}: broken link {href} ({e})')
                todo.append(target)
    chapters = [u for u in seen if u.rsplit('/', 1)[-1][:2].isdigit() and u.endswith('.html')]
    assert pages >= 7 and len(chapters) == 6, sorted(seen)
    assert images >= 5, f'only {images} images on the whole site: plots are missing'
    shots = root/'docs_screenshots'; shots.mkdir(exist_ok=True)
    page.goto(server + 'index.html'); page.screenshot(path=str(shots/'home.png'))
    page.goto(server + '02_attention.html'); assert 'ALiBi' in page.content(); page.screenshot(path=str(shots/'alibi.png'), full_page=False)
    print(f'{pages} pages, {images} images, {len(seen)} internal URLs checked; screenshots in {shots}')

def test_search_index(server):
    import json
    index = json.loads(urllib.request.urlopen(server + 'search/search_index.json').read())
    assert any('alibi' in d['text'].lower() for d in index['docs'])
