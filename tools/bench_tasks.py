"""Multiple-choice scoring speed: items per second for a GPT-2-124M-shaped model, batched against one item at a time.
    python tools/bench_tasks.py [--items=64] [--device=cpu] [--dtype=float32]
The items are HellaSwag-shaped (a context of about 60 GPT-2 tokens, four endings of about 20) cut from tiny Shakespeare;
the weights are random, which does not change the speed."""
import os, platform, subprocess, sys, time
from pathlib import Path
import torch
from nanogpt_nb.core import autocast_ctx, pick_dtype
from nanogpt_nb.data import GPT2Tokenizer
from nanogpt_nb.model import GPT, GPTConfig
from nanogpt_nb.tasks import score_items

def main(items=64, device='cpu', dtype='float32'):
    root = Path(__file__).resolve().parent.parent
    os.environ.setdefault('TIKTOKEN_CACHE_DIR', str(root.parent/'shared'/'tiktoken-cache'))
    words = (root.parent/'shared'/'data'/'tinyshakespeare'/'input.txt').read_text().split()
    task = [{'context': ' '.join(words[i * 90:i * 90 + 45]),
             'choices': [' '.join(words[i * 90 + 45 + 11 * k:i * 90 + 56 + 11 * k]) for k in range(4)], 'label': 0}
            for i in range(items)]
    torch.manual_seed(0)
    model = GPT(GPTConfig(vocab_size=50304)).to(device).eval()
    tok, ctx = GPT2Tokenizer(), autocast_ctx(device.split(':')[0], pick_dtype(dtype, device.split(':')[0]))
    lscpu = subprocess.run("lscpu | grep 'Model name' | cut -d: -f2", shell=True, capture_output=True, text=True)
    cpu = lscpu.stdout.strip()
    print(f'GPT-2 124M shape, {items} items of 4 endings, {device}, {dtype}, torch {torch.__version__}, '
          f'{os.cpu_count()} cores ({cpu or platform.processor()})')
    score_items(model, tok, task[:2], device, ctx, 2)  # warm-up
    for batch in (1, 4, 8):
        t = time.perf_counter()
        score_items(model, tok, task, device, ctx, batch)
        dt = time.perf_counter() - t
        print(f'task_batch={batch}: {items / dt:.1f} items/s')

if __name__ == '__main__':
    main(**{k: (int(v) if k == 'items' else v) for k, v in (a[2:].split('=', 1) for a in sys.argv[1:])})
