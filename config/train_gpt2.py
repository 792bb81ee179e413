# GPT-2 (124M) on OpenWebText, one node of 8 GPUs, as in nanoGPT:
#   nanogpt-prepare openwebtext
#   torchrun --standalone --nproc_per_node=8 nanogpt_nb/train.py config/train_gpt2.py
# 12 batch * 1024 block * 5 micro-steps * 8 GPUs = 491,520 tokens per iteration

wandb_log = False
wandb_project = 'owt'
wandb_run_name = 'gpt2-124M'

dataset = 'openwebtext'
batch_size = 12
block_size = 1024
gradient_accumulation_steps = 5 * 8

# 600,000 iterations of 491,520 tokens: about 300B tokens
max_iters = 600000
lr_decay_iters = 600000

eval_interval = 1000
eval_iters = 200
log_interval = 10
weight_decay = 1e-1

# This project's three switches.
# attn_backend: the attention kernel: 'sdpa' (F.scaled_dot_product_attention, flash kernels), 'flex' (FlexAttention),
#   'flash_attn' (the flash-attn package) or 'manual' (the written-out reference). Older configs' flash_attn=True/False
#   still work and mean 'sdpa'/'manual'.
attn_backend = 'sdpa'
# alibi: ALiBi biases instead of learned positions. The documented recipe trains at 512 and evaluates at 1024:
#   --alibi=True --block_size=512 --eval_block_size=1024
alibi = False
# pre_trained_embs: start the token embedding from data/openwebtext/embeddings.pt (build it with nanogpt-embmatrix gpt2)
pre_trained_embs = False
