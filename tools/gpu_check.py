"""Everything only a GPU can show, in one run, as one markdown table (see tools/gpu_check.sh)."""
import importlib.util, json, os, re, signal, subprocess, sys, tempfile, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
rows = []  # (check, setting, result)

def sh(cmd, timeout=900):
    "Run `cmd` from the repository root; returns (exit status, output)."
    env = {**os.environ, 'PYTHONPATH': str(root)}
    env.pop('IN_TEST', None)
    try:
        r = subprocess.run(cmd, shell=True, capture_output=True, text=True, cwd=root, env=env, timeout=timeout)
        return r.returncode, r.stdout + r.stderr
    except subprocess.TimeoutExpired:
        return 124, f'timed out after {timeout} s'

def last_line(out, pattern):
    lines = [l for l in out.splitlines() if re.search(pattern, l)]
    return lines[-1].strip() if lines else out.strip().splitlines()[-1][:200] if out.strip() else ''

def bench(label, args):
    "GPT-2 124M training steps through nanogpt-bench: ms/iter, tokens/s, MFU."
    code = f'from nanogpt_nb.bench import bench_main; bench_main({args.split()!r})'
    rc, out = sh(f'{sys.executable} -c "{code}"')
    result = last_line(out, r'ms/iter') if rc == 0 else f'FAILED: {last_line(out, "Error")}'
    rows.append(('GPT-2 124M step', label, result))

def corpus(tmp: Path) -> Path:
    "Tiny Shakespeare where it was carried, else a generated text (the checks need characters, not literature)."
    for p in (root/'shared', root.parent/'shared'):
        if (p/'data/tinyshakespeare/input.txt').exists(): return p/'data/tinyshakespeare/input.txt'
    text = ''.join(f'line {i}: to be or not to be, that is the question.\n' for i in range(40000))
    (tmp/'input.txt').write_text(text)
    return tmp/'input.txt'

def losses(out_dir) -> dict:
    "Iteration -> training loss, from a run's log.jsonl."
    rows = [json.loads(line) for line in open(f'{out_dir}/log.jsonl')]
    return {r['iter']: r['loss'] for r in rows if r['kind'] == 'train'}

def restart_case(tmp: Path, small: str, torchrun: str, backend: str, nproc: int) -> tuple[str, str]:
    "kill -9 of a worker after a checkpoint under torchrun --max-restarts=1: the group restarts, resume=auto goes on."
    args = (f'nanogpt_nb/train.py {small} --ddp_backend={backend} --resume=auto --max_iters=120 --eval_interval=40 '
            f'--gradient_accumulation_steps={nproc}')
    rc, out = sh(f'{torchrun} --standalone --nproc_per_node={nproc} {args} --out_dir={tmp}/whole-{backend}')
    if rc: return 'FAILED', f'the uninterrupted run: {last_line(out, "rror")}'
    env = {**os.environ, 'PYTHONPATH': str(root)}; env.pop('IN_TEST', None)
    agent = subprocess.Popen(f'exec {torchrun} --standalone --nproc_per_node={nproc} --max-restarts=1 {args} '
                             f'--out_dir={tmp}/restarted-{backend}', shell=True, cwd=root, env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = tmp/f'restarted-{backend}'/'log.jsonl'
    while agent.poll() is None and not (log.exists() and max(losses(log.parent), default=0) >= 50):
        time.sleep(0.1)   # past the checkpoint of iteration 40
    workers = [int(d.name) for d in Path('/proc').iterdir() if d.name.isdigit() and (d/'stat').exists()
               and (d/'stat').read_text().rsplit(') ', 1)[1].split()[1] == str(agent.pid)]
    if workers: os.kill(max(workers), signal.SIGKILL)
    out = agent.communicate(timeout=900)[0]
    restarts = [r for r in map(json.loads, open(log)) if r['kind'] == 'resume']
    if agent.returncode or not workers or not restarts:
        return 'FAILED', f'status {agent.returncode}, {len(restarts)} restarts: {last_line(out, "rror")}'
    one, two = losses(tmp/f'whole-{backend}'), losses(log.parent)
    worst = max(abs(one[i] - two[i]) for i in one)
    result = 'passed' if sorted(two) == sorted(one) and worst < 1e-2 else 'FAILED'
    return result, (f'{nproc} process(es): killed one after iteration 50, resumed at {restarts[0]["iter"]}, status 0; '
                    f'losses off the uninterrupted run\'s by at most {worst:.1e}')

def main():
    import torch
    if not torch.cuda.is_available():
        print('gpu_check: no CUDA GPU here; skipped: the #| gpu notebook cells, the GPT-2 124M step benchmark '
              '(sdpa/flex/flash_attn, ALiBi on and off, compile on and off, bf16), the 1-GPU NCCL torchrun run, its '
              'elastic restart and '
              'fp16 with GradScaler. Run it on a GPU machine.')
        return 0
    name = torch.cuda.get_device_name()
    print(f'gpu_check on {name}, torch {torch.__version__}', flush=True)
    tmp = Path(tempfile.mkdtemp())

    # the #| gpu cells of the notebooks (needs nbdev, which a bare GPU machine may lack: see gpu_check.sh)
    if importlib.util.find_spec('nbdev'):
        for nb in ('02_attention',):
            rc, out = sh(f'nbdev_test --flags gpu --path nbs/{nb}.ipynb --do_print', timeout=1200)
            rows.append(('#| gpu cells', nb, 'passed' if rc == 0 else f'FAILED: {last_line(out, "Error")}'))
    else:
        rows.append(('#| gpu cells', 'all', 'skipped: nbdev is not installed (carry its wheels, see gpu_check.sh)'))

    # GPT-2 124M training steps: batch 12 x 1024, bf16
    base = '--device=cuda --dtype=bfloat16 --batch_size=12 --block_size=1024 --iters=10 --warmup=3 --dataset=none'
    backends = ['sdpa', 'flex'] + (['flash_attn'] if importlib.util.find_spec('flash_attn') else [])
    for backend in backends:
        for alibi in (False, True):
            for compile in (False, True):
                if backend == 'flex' and not compile: continue  # FlexAttention is compiled in any case
                bench(f'{backend}, alibi={alibi}, compile={compile}, bf16',
                      f'{base} --attn_backend={backend} --alibi={alibi} --compile={compile}')
    if 'flash_attn' not in backends: rows.append(('GPT-2 124M step', 'flash_attn', 'skipped: flash-attn is not '
                                                                                   'installed'))

    # a 1-GPU NCCL run under torchrun, and fp16 with a gradient scaler
    src = corpus(tmp)
    rc, out = sh(f'{sys.executable} -c "from nanogpt_nb.prepare import prepare; '
                 f"prepare('shakespeare_char', out='{tmp}/data', input='{src}')\"")
    small = (f'train_shakespeare_char --dataset={tmp}/data --max_iters=50 --eval_interval=50 --eval_iters=5 '
             '--log_interval=10 --device=cuda --compile=False')
    torchrun = f'{sys.executable} -m torch.distributed.run'
    rc, out = sh(f'{torchrun} --standalone --nproc_per_node=1 nanogpt_nb/train.py {small} --ddp_backend=nccl '
                 f'--out_dir={tmp}/nccl')
    rows.append(('torchrun, NCCL', '1 GPU, shakespeare_char, 50 iterations',
                 last_line(out, r'^step 50') if rc == 0 else f'FAILED: {last_line(out, "rror")}'))
    # an elastic restart of an NCCL group (one process per GPU: NCCL refuses two on one GPU)
    result, detail = restart_case(tmp, f'{small} --dtype=float32', torchrun, 'nccl', min(torch.cuda.device_count(), 2))
    rows.append(('torchrun --max-restarts=1, NCCL', 'kill -9 of a worker, --resume=auto',
                 detail if result == 'passed' else f'FAILED: {detail}'))
    # parallel=fsdp on one GPU trains unsharded (NCCL refuses two processes on one GPU) but writes sharded checkpoints
    # from GPU tensors, and activation checkpointing recomputes under bf16 autocast; then the run resumes
    rc, out = sh(f'{torchrun} --standalone --nproc_per_node=1 nanogpt_nb/train.py {small} --parallel=fsdp '
                 f'--activation_checkpointing=True --dtype=bfloat16 --out_dir={tmp}/fsdp')
    if rc == 0:
        rc, out = sh(f'{torchrun} --standalone --nproc_per_node=1 nanogpt_nb/train.py {small} --parallel=fsdp '
                     f'--activation_checkpointing=True --dtype=bfloat16 --out_dir={tmp}/fsdp --init_from=resume '
                     '--max_iters=60 --eval_interval=10')
    rows.append(('FSDP, activation checkpointing, bf16', '1 GPU, 50 iterations, then resumed to 60',
                 last_line(out, r'^step 60') if rc == 0 else f'FAILED: {last_line(out, "rror")}'))
    for alibi in (False, True):
        rc, out = sh(f'{sys.executable} nanogpt_nb/train.py {small} --dtype=float16 --alibi={alibi} '
                     f'--out_dir={tmp}/fp16-{alibi}')
        rows.append(('fp16 + GradScaler', f'alibi={alibi}, 50 iterations',
                     last_line(out, r'^step 50') if rc == 0 else f'FAILED: {last_line(out, "rror")}'))

    print(f'\n### GPU checks: {name}, torch {torch.__version__}\n')
    print('| check | setting | result |\n|---|---|---|')
    for check, setting, result in rows: print(f'| {check} | {setting} | {result} |')
    return 1 if any(r[2].startswith('FAILED') for r in rows) else 0

if __name__ == '__main__': sys.exit(main())
