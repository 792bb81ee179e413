# Fine-tune GPT-2 XL on tiny Shakespeare (BPE):
#   nanogpt-prepare shakespeare
#   nanogpt-train finetune_shakespeare

out_dir = 'out-shakespeare'
eval_interval = 5
eval_iters = 40
wandb_log = False
wandb_project = 'shakespeare'
wandb_run_name = 'ft'

dataset = 'shakespeare'
init_from = 'gpt2-xl'  # the largest GPT-2

always_save_checkpoint = False  # only save when val improves

# 1 batch * 32 micro-steps * 1024 tokens = 32,768 tokens per iteration;
# tiny Shakespeare has 301,966 training tokens, so one epoch is about 9.2 iterations
batch_size = 1
gradient_accumulation_steps = 32
max_iters = 20

# fine-tune at a constant, small learning rate
learning_rate = 3e-5
decay_lr = False
