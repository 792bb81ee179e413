"""Generation speed against Hugging Face `transformers`, on the same weights: tokens per second, greedy and top-k
sampling, batch 1 and 8, with the KV cache, for a GPT-2-124M-shaped model with random weights.
    python tools/bench_generate.py [--new_tokens=100] [--dtype=float32] [--threads=N] [--busy=True]
--busy=True keeps one other process spinning on a core while it measures, to see how each holds up on a busy machine.
Both generators run in this process, one after the other, each once to warm up and then timed."""
import os, platform, subprocess, sys, tempfile, time
import torch

def main(new_tokens='100', dtype='float32', threads='0', busy='False'):
    from transformers import GPT2LMHeadModel
    from nanogpt_nb.core import autocast_ctx
    from nanogpt_nb.model import GPT, GPTConfig
    if int(threads): torch.set_num_threads(int(threads))
    n = int(new_tokens)
    torch.manual_seed(0)
    ours = GPT(GPTConfig(vocab_size=50257, block_size=1024, bias=True, gelu='tanh')).eval()
    with tempfile.TemporaryDirectory() as d:  # the same weights, through this package's own export
        ours.save_pretrained(d)
        hf = GPT2LMHeadModel.from_pretrained(d).eval()
    ctx = autocast_ctx('cpu', dtype)
    spinner = subprocess.Popen([sys.executable, '-c', 'while True: pass']) if busy == 'True' else None
    cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), platform.processor())
    print(f'GPT-2 124M shape, {n} new tokens after 16, {dtype}, {torch.get_num_threads()} threads, '
          f'{"one other core kept busy, " if spinner else ""}torch {torch.__version__}, {os.cpu_count()} cores ({cpu})')
    print(f'command: python tools/bench_generate.py --new_tokens={n} --dtype={dtype} --threads={threads} --busy={busy}')
    print('| decoding | batch | ours (tok/s) | transformers (tok/s) | ratio |\n|---|---|---|---|---|')
    try:
        for decoding in ('greedy', 'top-k 200'):
            for batch in (1, 8):
                x = torch.randint(0, 50257, (batch, 16), generator=torch.Generator().manual_seed(batch))
                sample = dict(temperature=0.0) if decoding == 'greedy' else dict(temperature=1.0, top_k=200)
                hf_args = dict(do_sample=False) if decoding == 'greedy' else dict(do_sample=True, top_k=200, top_p=1.0)
                runs = {'ours': lambda: ours.generate(x, n, **sample),
                        'hf': lambda: hf.generate(x, max_new_tokens=n, min_new_tokens=n, pad_token_id=0, **hf_args)}
                speed = {}
                for name, run in runs.items():
                    with torch.no_grad(), ctx:
                        run()
                        t = time.perf_counter(); run(); speed[name] = n * batch / (time.perf_counter() - t)
                print(f"| {decoding} | {batch} | {speed['ours']:.1f} | {speed['hf']:.1f} | {speed['ours'] / speed['hf']:.2f} |")
    finally:
        if spinner: spinner.kill()

if __name__ == '__main__':
    main(**dict(a[2:].split('=', 1) for a in sys.argv[1:]))
