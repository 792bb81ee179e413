# Fine-tune GPT-2 XL (1.5B) on tiny Shakespeare (BPE), sharded over the GPUs of one machine with FSDP:
#   nanogpt-prepare shakespeare
#   torchrun --standalone --nproc_per_node=8 nanogpt_nb/train.py finetune_gpt2_xl_fsdp
# Under DDP every GPU would hold 1.5B x 16 bytes = 24 GB of weights, gradients and AdamW state before activations.
# FSDP divides that by the number of GPUs, and activation checkpointing keeps only each block's input: about 4 GB
# per GPU over 8 (see the memory table in 04_train). Checkpoints are folders of shards (out-shakespeare-xl/ckpt.pt/),
# which resume on any number of GPUs and which nanogpt-sample, nanogpt-eval and nanogpt-export read directly.

out_dir = 'out-shakespeare-xl'
eval_interval = 5
eval_iters = 40
always_save_checkpoint = False  # only save when val improves

dataset = 'shakespeare'
init_from = 'gpt2-xl'

parallel = 'fsdp'
activation_checkpointing = True
dtype = 'bfloat16'  # bf16 compute, fp32 shards, optimizer and gradient reduction

# 1 sequence x 32 micro-steps x 1024 tokens = 32,768 tokens per iteration, over all GPUs
# (gradient_accumulation_steps must be a multiple of the number of GPUs)
batch_size = 1
gradient_accumulation_steps = 32
max_iters = 20

# fine-tune at a constant, small learning rate
learning_rate = 3e-5
decay_lr = False
