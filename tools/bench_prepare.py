"""Preparation throughput and peak memory: the streaming prepare (`00c_stream`) against nanoGPT's method, on one corpus.
    python tools/bench_prepare.py [--copies=30] [--num_proc=2] [--scales=1,4] [--shard_tokens=1000000]
The corpus is tiny Shakespeare joined into 3,000-character documents in FineWeb-Edu's parquet schema (4 files),
repeated `copies` times for 1x, 4 times that for 4x. nanoGPT's method, as its data/openwebtext/prepare.py does it:
`datasets` converts the files into its Arrow cache (a fresh cache per run), `train_test_split`, `map` with tiktoken's
`encode_ordinary` in `num_proc` processes, then each split written into one `np.memmap` in 1,024 batches. Ours:
`prepare('fineweb-edu', input=DIR, num_proc=N, shard_tokens=S)`, as `nanogpt-prepare` runs it. Each run is a process
of its own; its memory is the peak, sampled every 20 ms, of the proportional set size (PSS: a page shared by k
processes counts 1/k in each) summed over the process and its workers. Tokens/s counts the tokens written."""
import argparse, json, os, shutil, subprocess, sys, tempfile, threading, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def nanogpt_method(input_dir: str, out: str, num_proc: int):
    "nanoGPT's openwebtext/prepare.py method on local parquet files (written from its description, not its code)."
    import numpy as np, tiktoken, datasets
    files = sorted(str(p) for p in Path(input_dir).glob('*.parquet'))
    ds = datasets.load_dataset('parquet', data_files=files, num_proc=num_proc)
    split = ds['train'].train_test_split(test_size=0.0005, seed=2357, shuffle=True)
    split['val'] = split.pop('test')
    enc = tiktoken.get_encoding('gpt2')
    def process(example):
        ids = enc.encode_ordinary(example['text'])
        ids.append(enc.eot_token)
        return {'ids': ids, 'len': len(ids)}
    tokenized = split.map(process, remove_columns=split['train'].column_names, num_proc=num_proc)
    total = 0
    for name, dset in tokenized.items():
        n = int(np.sum(dset['len'], dtype=np.uint64))
        arr = np.memmap(f'{out}/{name}.bin', dtype=np.uint16, mode='w+', shape=(n,))
        pos, batches = 0, min(1024, len(dset))
        for k in range(batches):
            chunk = np.concatenate(dset.shard(num_shards=batches, index=k, contiguous=True).with_format('numpy')['ids'])
            arr[pos:pos + len(chunk)] = chunk
            pos += len(chunk)
        arr.flush()
        total += n
    return total


def descendants(pid: int) -> list:
    "`pid` and every process below it."
    children = {}
    for stat in Path('/proc').glob('[0-9]*/stat'):
        try: fields = stat.read_text().rsplit(')', 1)[1].split()
        except OSError: continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop(); out.append(p); todo += children.get(p, [])
    return out


def pss_bytes(pids) -> int:
    "The summed proportional set size of `pids`."
    total = 0
    for p in pids:
        try:
            for line in open(f'/proc/{p}/smaps_rollup'):
                if line.startswith('Pss:'): total += int(line.split()[1]) * 1024; break
        except OSError: pass
    return total


def measure(cmd: list, env: dict) -> dict:
    "Run `cmd`, sampling its process tree's PSS; its last stdout line is a JSON object with `tokens`."
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak, done = 0, threading.Event()
    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, pss_bytes(descendants(p.pid))); time.sleep(0.02)
    t = threading.Thread(target=sample); t0 = time.perf_counter(); t.start()
    out, err = p.communicate()
    seconds = time.perf_counter() - t0
    done.set(); t.join()
    if p.returncode: sys.exit(f'{cmd} failed:\n{err[-2000:]}')
    return {**json.loads(out.strip().splitlines()[-1]), 'seconds': seconds, 'peak_mb': peak / 2**20}


def run_one(method: str, input_dir: str, out: str, num_proc: int, shard_tokens: int):
    "One measured run, in this process: prints the tokens written as JSON."
    if method == 'nanogpt':
        tokens = nanogpt_method(input_dir, out, num_proc)
    else:
        from nanogpt_nb.prepare import prepare
        meta = prepare('fineweb-edu', out=out, input=input_dir, num_proc=num_proc, shard_tokens=shard_tokens)
        tokens = meta['train_tokens'] + meta['val_tokens']
    print(json.dumps({'tokens': tokens}))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--copies', type=int, default=30)
    p.add_argument('--num_proc', type=int, default=2)
    p.add_argument('--scales', default='1,4')
    p.add_argument('--shard_tokens', type=int, default=1_000_000)
    p.add_argument('--run', help=argparse.SUPPRESS)
    p.add_argument('--input', help=argparse.SUPPRESS)
    p.add_argument('--out', help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.run: return run_one(a.run, a.input, a.out, a.num_proc, a.shard_tokens)
    sys.path.insert(0, str(ROOT))
    from nanogpt_nb.stream import fineweb_like
    from nanogpt_nb.bench import machine_line
    shared = ROOT.parent/'shared'/'data'/'tinyshakespeare'/'input.txt'
    text = shared.read_text() if shared.exists() else (ROOT/'data'/'shakespeare_char'/'input.txt').read_text()
    work = Path(tempfile.mkdtemp(prefix='bench_prepare_'))
    print(machine_line())
    print(f'command: python tools/bench_prepare.py --copies={a.copies} --num_proc={a.num_proc} --scales={a.scales} '
          f'--shard_tokens={a.shard_tokens}')
    print('\n| corpus | method | tokens | seconds | tokens/s | peak memory (MB) |\n|---|---|---|---|---|---|')
    rows = {}
    try:
        for scale in (int(s) for s in a.scales.split(',')):
            corpus = fineweb_like(work/f'corpus{scale}', text, n_files=4, copies=a.copies * scale, doc_chars=3000)
            mb = sum(f.stat().st_size for f in corpus.glob('*.parquet')) / 2**20
            for method in ('nanogpt', 'ours'):
                out = work/f'{method}{scale}'; out.mkdir()
                env = {**os.environ, 'HF_DATASETS_CACHE': str(work/f'cache-{method}{scale}'), 'PYTHONPATH': str(ROOT)}
                r = measure([sys.executable, __file__, f'--run={method}', f'--input={corpus}', f'--out={out}',
                             f'--num_proc={a.num_proc}', f'--shard_tokens={a.shard_tokens}'], env)
                rows[scale, method] = r
                name = "nanoGPT's method" if method == 'nanogpt' else 'nanogpt-prepare (streaming shards)'
                print(f"| {scale}x ({mb:.0f} MB parquet) | {name} | {r['tokens']:,} | {r['seconds']:.1f} | "
                      f"{r['tokens'] / r['seconds'] / 1e6:.2f}M | {r['peak_mb']:.0f} |", flush=True)
                shutil.rmtree(out); shutil.rmtree(work/f'cache-{method}{scale}', ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    for scale in sorted({s for s, _ in rows}):
        ours, theirs = rows[scale, 'ours'], rows[scale, 'nanogpt']
        speed = (ours['tokens'] / ours['seconds']) / (theirs['tokens'] / theirs['seconds'])
        print(f"{scale}x: streaming prepare {speed:.2f}x nanoGPT's throughput, peak memory {ours['peak_mb']:.0f} MB "
              f"against {theirs['peak_mb']:.0f} MB")


if __name__ == '__main__':
    main()
