# The README's main job: a small character GPT on the CPU, 2,000 iterations in about a minute.
#   nanogpt-prepare shakespeare_char
#   nanogpt-train train_shakespeare_char_cpu
# This is nanoGPT's CPU recipe (4 layers of 128, block 64, batch 12), which reaches val loss about 1.88.

out_dir = 'out-shakespeare-char-cpu'
dataset = 'shakespeare_char'
device = 'cpu'
compile = False

eval_interval = 250
eval_iters = 20
log_interval = 100
always_save_checkpoint = False

gradient_accumulation_steps = 1
batch_size = 12
block_size = 64
n_layer = 4
n_head = 4
n_embd = 128
dropout = 0.0

learning_rate = 1e-3
max_iters = 2000
lr_decay_iters = 2000
min_lr = 1e-4
beta2 = 0.99
warmup_iters = 100
