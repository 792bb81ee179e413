"""lm-eval items per second: our model class (`NanoGPTLM`, `05b_lm_eval`) against lm-eval's `hf` model on the same
checkpoint exported (`06_export`), same task, batch size and precision, in one process, one after the other.
    python tools/bench_lm_eval.py [--items=400] [--batch=16] [--repeats=3] [--n_layer=6 --n_embd=384 --block_size=256]
The model is a GPT-2 BPE model of the given shape, trained for 2 iterations on tiny Shakespeare (the speed of scoring
does not depend on the weights); the task is HellaSwag-shaped (`task_from_text`: a context and 4 endings per item,
lm-eval's `multiple_choice`). Each repeat times a whole `lm_eval.simple_evaluate` for each model (the models are
built once, outside the timing); the best repeat counts. The accuracies must agree, or the figures are not printed."""
import argparse, io, os, sys, tempfile, time
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent/'shared'


def task_yaml(folder: Path, jsonl: Path):
    "A local lm-eval task `bench_mc` over `jsonl`."
    (folder/'bench_mc.yaml').write_text(f'''task: bench_mc
dataset_path: json
dataset_kwargs:
  data_files:
    test: {jsonl}
test_split: test
output_type: multiple_choice
doc_to_text: "{{{{ctx}}}}"
doc_to_choice: "{{{{endings}}}}"
doc_to_target: "{{{{label}}}}"
metric_list:
  - metric: acc
    aggregation: mean
    higher_is_better: true
''')


def main():
    p = argparse.ArgumentParser()
    for name, default in (('items', 400), ('batch', 16), ('repeats', 3), ('n_layer', 6), ('n_head', 6),
                          ('n_embd', 384), ('block_size', 256)):
        p.add_argument(f'--{name}', type=int, default=default)
    a = p.parse_args()
    os.environ.setdefault('TIKTOKEN_CACHE_DIR', str(SHARED/'tiktoken-cache'))
    import torch, lm_eval
    from lm_eval.tasks import TaskManager
    from lm_eval.models.huggingface import HFLM
    from nanogpt_nb.prepare import prepare
    from nanogpt_nb.train import train, load_config
    from nanogpt_nb.export import export
    from nanogpt_nb.tasks import task_from_text
    from nanogpt_nb.lm_eval import NanoGPTLM
    from nanogpt_nb.bench import machine_line
    tmp = Path(tempfile.mkdtemp())
    text = SHARED/'data/tinyshakespeare/input.txt'
    with redirect_stdout(io.StringIO()):
        prepare('shakespeare', out=tmp/'data', input=text)
        train(load_config([f'--n_layer={a.n_layer}', f'--n_head={a.n_head}', f'--n_embd={a.n_embd}',
                           f'--block_size={a.block_size}', '--batch_size=2', '--gradient_accumulation_steps=1',
                           '--max_iters=2', '--eval_interval=2', '--eval_iters=1', '--device=cpu', '--compile=False',
                           '--dtype=float32', f'--dataset={tmp}/data', f'--out_dir={tmp}/run']))
        export(tmp/'run', tmp/'hf')
    task_from_text(text, tmp/'bench_mc.jsonl', n=a.items)
    task_yaml(tmp, tmp/'bench_mc.jsonl')
    manager = TaskManager(include_path=str(tmp))
    models = {'ours (NanoGPTLM on the checkpoint)': NanoGPTLM(checkpoint=str(tmp/'run'), batch_size=a.batch),
              "lm-eval's hf model on the exported folder": HFLM(pretrained=str(tmp/'hf'), batch_size=a.batch,
                                                                device='cpu', dtype='float32')}
    best, accs = {}, {}
    for _ in range(a.repeats):
        for name, model in models.items():
            start = time.perf_counter()
            r = lm_eval.simple_evaluate(model=model, tasks=['bench_mc'], task_manager=manager, verbosity='ERROR')
            best[name] = min(best.get(name, float('inf')), time.perf_counter() - start)
            accs[name] = r['results']['bench_mc']['acc,none']
    if len(set(accs.values())) != 1: sys.exit(f'the accuracies differ: {accs}')
    print(f'{a.items} items x 4 endings, batch {a.batch}, float32, {torch.get_num_threads()} threads; model '
          f'{a.n_layer} layers x {a.n_embd}, block_size {a.block_size}, GPT-2 vocabulary; best of {a.repeats}')
    for name, seconds in best.items():
        print(f'  {name}: {a.items / seconds:.1f} items/s ({seconds:.2f} s), acc {accs[name]:.4f}')
    ours, theirs = best.values()
    print(f'  ours / hf: {theirs / ours:.2f}x the items per second')
    print(f'command: python tools/bench_lm_eval.py --items={a.items} --batch={a.batch} --repeats={a.repeats}')
    print(f'machine: {machine_line()}')


if __name__ == '__main__':
    main()
