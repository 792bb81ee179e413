"""Peak memory per process and ms/iter: DDP against FSDP, and FSDP with activation checkpointing, over 2 CPU processes.
    python tools/bench_fsdp.py [--shape=gpt2-medium] [--processes=2] [--iters=3] [--batch_size=1] [--block_size=256]
Each setting runs in its own `torchrun` (peak memory is per process lifetime), on random weights and tokens, in fp32,
with AdamW. Memory is the process's peak resident size minus its size before the model was built (allocations over
1 MB are mapped from the OS and returned when freed, so the resident size follows what is live), next to what
`memory_per_process` (04_train) estimates; on a GPU, `torch.cuda.max_memory_allocated` instead of the resident size."""
import json, os, platform, resource, subprocess, sys, time
import torch
import torch.distributed as dist

def resident_bytes() -> int:
    "This process's resident memory now."
    return int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE')

def worker(shape='gpt2-medium', parallel='ddp', ac='False', iters='3', batch_size='1', block_size='256'):
    "One setting, in each torchrun process: prints process 0's figures as one JSON line."
    from torch.nn.parallel import DistributedDataParallel as DDP
    from nanogpt_nb.model import GPT, GPTConfig
    from nanogpt_nb.core import ProcessInfo
    from nanogpt_nb.config import TrainConfig
    from nanogpt_nb.optim import build_optimizer
    from nanogpt_nb.parallel import GPT2_SHAPES, shard_model, gradient_sync, memory_per_process
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    dist.init_process_group('nccl' if device == 'cuda' else 'gloo')
    proc = ProcessInfo(dist.get_rank(), int(os.environ['LOCAL_RANK']), dist.get_world_size())
    if device == 'cuda':
        device = f'cuda:{proc.local_rank}'; torch.cuda.set_device(device)
    n_layer, n_head, n_embd = GPT2_SHAPES[shape]
    B, T, iters, ac = int(batch_size), int(block_size), int(iters), ac == 'True'
    config = GPTConfig(n_layer=n_layer, n_head=n_head, n_embd=n_embd, vocab_size=50304, block_size=T, dropout=0.0)
    before = resident_bytes()
    torch.manual_seed(0)
    model = raw = GPT(config).to(device)
    raw.activation_checkpointing = ac
    if parallel == 'fsdp':
        shard_model(model, 'float32')
    else:
        model = DDP(model)
    optimizer = build_optimizer(raw, TrainConfig(n_layer=n_layer, n_head=n_head, n_embd=n_embd))
    x = torch.randint(0, 50257, (B, T + 1), generator=torch.Generator().manual_seed(proc.rank)).to(device)
    times = []
    for it in range(iters + 1):  # the first one warms up
        t0 = time.perf_counter()
        with gradient_sync(model, raw, True, proc, parallel == 'fsdp'):
            _, loss = model(x[:, :-1], x[:, 1:])
            loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step(); optimizer.zero_grad(set_to_none=True)
        if device.startswith('cuda'): torch.cuda.synchronize()
        times.append(time.perf_counter() - t0)
    if device.startswith('cuda'):
        peak = torch.cuda.max_memory_allocated()
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    est = memory_per_process(config, proc.world_size, parallel, ac, B, T, 'float32')
    if proc.is_main:
        print(json.dumps({'parallel': parallel, 'ac': ac, 'peak': peak, 'estimate': sum(est.values()),
                          'ms': 1e3 * sum(times[1:]) / iters}), flush=True)
    dist.barrier(); dist.destroy_process_group()

def main(shape='gpt2-medium', processes='2', iters='3', batch_size='1', block_size='256'):
    "Run each setting under torchrun and print the table."
    models = (l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name'))
    cpu = next(models, platform.processor())
    print(f'{shape} shape, {processes} processes, batch {batch_size} x {block_size} tokens each, fp32, AdamW, '
          f'torch {torch.__version__}, {os.cpu_count()} cores ({cpu})')
    print(f'command: python tools/bench_fsdp.py --shape={shape} --processes={processes} --iters={iters} '
          f'--batch_size={batch_size} --block_size={block_size}')
    print('| setting | peak memory per process (GB) | estimate (GB) | ms/iter |\n|---|---|---|---|')
    # big blocks straight from the OS and back when freed, so that the resident size follows what is live
    env = {**os.environ, 'OMP_NUM_THREADS': str(max(1, (os.cpu_count() or 2) // int(processes))),
           'MALLOC_MMAP_THRESHOLD_': str(1 << 20)}
    for parallel, ac in (('ddp', False), ('fsdp', False), ('fsdp', True)):
        out = subprocess.run(['torchrun', '--standalone', f'--nproc_per_node={processes}', __file__, '--worker',
                              f'--shape={shape}', f'--parallel={parallel}', f'--ac={ac}', f'--iters={iters}',
                              f'--batch_size={batch_size}', f'--block_size={block_size}'],
                             capture_output=True, text=True, env=env)
        rows = [json.loads(l) for l in out.stdout.splitlines() if l.startswith('{')]
        if out.returncode or not rows:
            sys.exit(f'error: the {parallel} run failed:\n{out.stderr[-2000:]}')
        r = rows[0]
        name = parallel.upper() + (' + activation checkpointing' if ac else '')
        print(f"| {name} | {r['peak'] / 1e9:.2f} | {r['estimate'] / 1e9:.2f} | {r['ms']:.0f} |")

if __name__ == '__main__':
    args = dict(a[2:].split('=', 1) for a in sys.argv[1:] if '=' in a)
    worker(**args) if '--worker' in sys.argv else main(**args)
