# Evaluate the released gpt2 weights on OpenWebText val (nanoGPT's reference numbers:
# gpt2 3.12, gpt2-medium 2.84, gpt2-large 2.67, gpt2-xl 2.54).
#   nanogpt-eval eval_gpt2
batch_size = 8
eval_iters = 500  # use more for a more precise number
eval_only = True
wandb_log = False
init_from = 'gpt2'
dataset = 'openwebtext'
out_dir = 'out-eval-gpt2'
