// DIR/train.py: the spec's train: block as a PyTorch training script that runs on one process or
// under torchrun with DistributedDataParallel. The recipe is a Python literal (pyLiteral: no text
// of the spec reaches the source unescaped); the rest is the fixed body in train-template.ts.
import type { ModelIR } from '../../model/ir.ts';
import type { OptimizerSpec, TrainSpec } from '../../model/spec.ts';
import { pyComment, pyLiteral } from './python.ts';
import { TRAIN_BODY } from './train-template.ts';
import { TRAIN_DEFAULTS } from '../../model/recipe.ts';

/** netspec's defaults where the spec says nothing (the paper's recipe, src/model/recipe.ts). */
export const RECIPE_DEFAULTS = TRAIN_DEFAULTS;

/** The spec's train: block with every default filled in, as train.py reads it. */
export function recipe(train: TrainSpec): Record<string, unknown> {
  const o = train.optimizer ?? RECIPE_DEFAULTS.optimizer;
  const optimizer = o.type === 'sgd'
    ? { type: 'sgd', lr: o.lr, momentum: o.momentum ?? 0.9, weightDecay: o.weightDecay ?? 0, nesterov: o.nesterov ?? false }
    : { type: 'adam', lr: o.lr, beta1: o.beta1 ?? 0.9, beta2: o.beta2 ?? 0.999, epsilon: o.epsilon ?? 1e-8, weightDecay: o.weightDecay ?? 0 };
  return {
    dataset: train.dataset ?? { kind: 'fashion-mnist' },
    batchSize: train.batchSize ?? RECIPE_DEFAULTS.batchSize,
    epochs: train.epochs ?? RECIPE_DEFAULTS.epochs,
    ...(train.stepsPerEpoch !== undefined ? { stepsPerEpoch: train.stepsPerEpoch } : {}),
    optimizer,
    schedule: train.schedule ?? RECIPE_DEFAULTS.schedule,
    augment: train.augment ?? {},
    normalize: train.normalize ?? 'dataset',
    seed: train.seed ?? RECIPE_DEFAULTS.seed,
    checkpointEvery: train.checkpointEvery ?? RECIPE_DEFAULTS.checkpointEvery,
  };
}

export function trainPy(ir: ModelIR, source: string): string {
  const header = `#!/usr/bin/env python3
# Training script: generated from ${pyComment(source)} by netspec; do not edit (re-export instead).
r"""Trains model.py's network with the spec's recipe (RECIPE below), on one process or many.

    python3 train.py --out runs/torch                               # one process
    torchrun --standalone --nproc_per_node 2 train.py --out runs/torch   # two processes here (gloo
                                                   # on CPUs, nccl on GPUs; a free port, not 29500)
    # two machines (run on each, NODE = 0 on the first, 1 on the second):
    torchrun --nnodes 2 --node_rank NODE --nproc_per_node 2 --rdzv_backend c10d \\
             --rdzv_endpoint FIRST_HOST:29400 --rdzv_id run1 train.py --out runs/torch

--batch is the global batch: N processes take batch/N each, and together see exactly the batches
one process would (one shuffled order and one set of augmentations per epoch, shared). Gradients
are averaged over the processes (DistributedDataParallel), so the update is the global batch's.
Writes OUT/metrics.jsonl (netspec train's fields, one line per epoch: netspec report draws it),
OUT/checkpoints/ (--resume continues from the newest) and OUT/model.safetensors with the
preprocessing in its metadata (back to netspec: netspec export --to netspec).
The learning rate is set per epoch by netspec's schedules; weight decay applies to kernels only.
Data: MNIST, Fashion-MNIST (IDX) and CIFAR-10/100 (binary batches), held in memory; an ImageFolder
tree (train/<class>/*, val/<class>/*) through torchvision, decoded by --workers processes.
On Debian 12 (torch 1.13, Python 3.11) give torchrun --redirects 1 --tee 1: its default "0"
fails there ('NoneType' object has no attribute 'get').
"""`;
  return `${header}\n${TRAIN_BODY.replace('__RECIPE__', `MODEL = ${pyLiteral(ir.name)}\n# The spec's train: block, netspec's defaults filled in.\nRECIPE = ${pyLiteral(recipe(ir.train))}`)}`;
}
