"""The tutorial in a real JupyterLab: a headless `jupyter lab` on a free loopback port with a token, the tutorial opened
in Chromium through Playwright and run with Run > Run All Cells. It checks that the live view was redrawn more than
once while the first run trained, that the interrupt button of JupyterLab's toolbar stopped that run with a checkpoint
and a normal return, and that no cell shows an error; then it shuts JupyterLab down.
A second test drives a real kernel through jupyter_client, as VS Code and classic Jupyter do, and checks the messages
the live view sends: one display, then updates of it. Run with `python -m pytest tools/test_jupyterlab.py`. The browser
test skips, saying why, where Debian's chromium is not installed."""
import json, os, re, secrets, shutil, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest

from test_docs import CHROMIUM, FLAGS  # the same Chromium, started the same way as for the docs site

root = Path(__file__).resolve().parent.parent

def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]

@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    "A headless JupyterLab serving a copy of the tutorial (the shared data folder beside it, as in the repository)."
    if not CHROMIUM: pytest.skip('Debian chromium is not installed (apt-get install chromium): JupyterLab test skipped')
    pytest.importorskip('jupyterlab', reason='JupyterLab is not installed (pip install -e ".[dev]")')
    pytest.importorskip('playwright', reason='Playwright is not installed (pip install -e ".[dev]")')
    work = tmp_path_factory.mktemp('lab')
    (work/'repo'/'nbs').mkdir(parents=True)
    shutil.copy(root/'nbs'/'tutorial.ipynb', work/'repo'/'nbs'/'tutorial.ipynb')
    if (root.parent/'shared').exists():
        (work/'shared').symlink_to(root.parent/'shared')  # the tutorial's ../../shared offline copy
    port, token = free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if k not in ('IN_TEST', 'MPLBACKEND')}  # as a user's kernel runs
    log = open(work/'jupyter.log', 'w')
    server = subprocess.Popen(
        [sys.executable, '-m', 'jupyter', 'lab', '--no-browser', '--ip=127.0.0.1', f'--port={port}',
         f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={work}', '--LabApp.news_url=',
         '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
         *(['--allow-root'] if os.geteuid() == 0 else [])],  # CI containers run as root
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f'http://127.0.0.1:{port}'
    deadline = time.time() + 120
    while True:
        try:
            urllib.request.urlopen(f'{url}/api/status?token={token}', timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.time() > deadline:
                server.kill()
                pytest.fail(f'JupyterLab did not start: {(work/"jupyter.log").read_text()[-2000:]}')
            time.sleep(0.5)
    yield url, token, work
    server.terminate()  # JupyterLab shuts its kernels down with it
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()

def menu(page, top: str, item: str):
    "Click JupyterLab's menu `top`, then its entry `item`."
    page.click(f'.lm-MenuBar-itemLabel:text-is("{top}")')
    page.click(f'.lm-Menu-itemLabel:text-is("{item}")')

def test_tutorial_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright, TimeoutError as PlaywrightTimeout
    url, token, work = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={'width': 1400, 'height': 1000})
        page.goto(f'{url}/lab/tree/repo/nbs/tutorial.ipynb?token={token}')
        page.wait_for_selector('.jp-Notebook .jp-CodeCell', timeout=120_000)
        try:  # JupyterLab may ask which kernel to start: the default one
            page.click('.jp-Dialog button.jp-mod-accept', timeout=20_000)
        except PlaywrightTimeout:
            pass
        page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=120_000)
        menu(page, 'Run', 'Run All Cells')

        # the live view of the first run: redrawn in place while it trains
        seen, deadline = [], time.time() + 180
        while len(set(seen)) < 3:
            if time.time() > deadline:
                page.screenshot(path=str(work/'no-live-view.png'))
                pytest.fail(f'the live view did not update: {seen} (screenshot: {work}/no-live-view.png)')
            views = page.query_selector_all('.nanogpt-live')
            if views and (it := views[0].get_attribute('data-iter')) not in (None, *seen[-1:]):
                seen.append(it)
            time.sleep(0.2)
        assert len(page.query_selector_all('.nanogpt-live')) == 1, 'the view grew instead of redrawing in place'

        # the toolbar's interrupt button: the run saves and returns
        page.click('.jp-NotebookPanel-toolbar [data-command="notebook:interrupt-kernel"]')
        deadline = time.time() + 300
        while page.query_selector_all('.jp-InputPrompt:has-text("[*]")') or \
                page.query_selector_all('.jp-Notebook-ExecutionIndicator[data-status="busy"]'):
            assert time.time() < deadline, 'the tutorial did not finish'
            time.sleep(0.5)
        page.keyboard.press('Control+s')
        time.sleep(2)
        browser.close()

    nb = json.loads((work/'repo'/'nbs'/'tutorial.ipynb').read_text())
    cells = [c for c in nb['cells'] if c['cell_type'] == 'code']
    errors = [o for c in cells for o in c['outputs'] if o['output_type'] == 'error']
    assert not errors, '\n'.join(f"{o['ename']}: {o['evalue']}" for o in errors)
    assert all(c['execution_count'] for c in cells), 'some cells did not run'
    first = next(c for c in cells if 'with unattended_interrupt' in ''.join(c['source']))
    text = '\n'.join(''.join(o.get('data', {}).get('text/plain', '')) + ''.join(o.get('data', {}).get('text/html', ''))
                     for o in first['outputs'])
    assert 'stopped by signal at iteration' in text, text[-2000:]
    stopped = re.search(r"TrainResult\(iter=(\d+), max_iters=(\d+).*?out_dir='([^']+)'", text)
    assert stopped and int(stopped[1]) < int(stopped[2]), text[-2000:]
    # the next cell resumed from the checkpoint the interrupt wrote: a resume at that iteration, each iteration once
    rows = [json.loads(line) for line in open(Path(stopped[3])/'log.jsonl')]
    assert [r['iter'] for r in rows if r['kind'] == 'resume'] == [int(stopped[1])], rows[-3:]
    assert sorted(r['iter'] for r in rows if r['kind'] == 'train') == list(range(int(stopped[2])))
    print(f'live view seen at iterations {seen}; interrupted at {stopped[1]} of {stopped[2]}, resumed from there')

def test_live_view_messages(tmp_path):
    """What every front end draws from (JupyterLab, classic Jupyter, VS Code): from a real kernel, one display_data
    and then update_display_data messages with its display id, and no wall of printed lines."""
    from jupyter_client.manager import start_new_kernel
    text = root.parent/'shared'/'data'/'tinyshakespeare'/'input.txt'
    if not text.exists(): pytest.skip(f'{text} is not here: the kernel test needs tiny Shakespeare offline')
    env = {k: v for k, v in os.environ.items() if k not in ('IN_TEST', 'MPLBACKEND')}
    km, kc = start_new_kernel(kernel_name='python3', cwd=str(tmp_path), env=env)
    try:
        msg_id = kc.execute(
            'from nanogpt_nb.prepare import prepare\nfrom nanogpt_nb.config import TrainConfig\n'
            'from nanogpt_nb.train import train\nfrom nanogpt_nb.notebook import front_end\n'
            f"prepare('shakespeare_char', out='data', input={str(text)!r})\n"
            "assert front_end(), 'no front end seen'\n"
            "r = train(TrainConfig.preset('train_shakespeare_char_cpu', dataset='data', out_dir='run', n_layer=2, "
            "n_embd=64, max_iters=300, eval_interval=100, log_interval=10))")
        msgs, deadline = [], time.time() + 300
        while time.time() < deadline:
            m = kc.get_iopub_msg(timeout=300)
            if m['parent_header'].get('msg_id') != msg_id: continue
            msgs.append(m)
            if m['msg_type'] == 'status' and m['content']['execution_state'] == 'idle': break
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    kinds = [m['msg_type'] for m in msgs]
    assert 'error' not in kinds, [m['content'] for m in msgs if m['msg_type'] == 'error']
    views = [m for m in msgs if m['msg_type'] in ('display_data', 'update_display_data')
             and m['content'].get('transient', {}).get('display_id')]
    assert [m['msg_type'] for m in views] == ['display_data'] + ['update_display_data'] * (len(views) - 1), kinds
    assert len(views) >= 4 and all('nanogpt-live' in m['content']['data']['text/html'] for m in views[1:]), kinds
    assert len({m['content']['transient']['display_id'] for m in views}) == 1  # one output, redrawn in place
    printed = ''.join(m['content']['text'] for m in msgs if m['msg_type'] == 'stream')
    assert 'iter 10:' not in printed, printed[-500:]  # the lines went into the view
    assert 'data-iter="300"' in views[-1]['content']['data']['text/html']
