#!/usr/bin/env python3
"""PyTorch baseline for bench/gpu: the same networks as netspec's, trained the same way.

Builds each network from the layer list netspec's compiler resolved (dump-ir.ts writes it), checks
every layer's output shape against netspec's, then times training steps on one fixed batch of
random images: SGD (lr 0.01, momentum 0.9, weight decay 5e-4), cross-entropy, batch 128. The last
layer's softmax is folded into the loss (CrossEntropyLoss on logits), as PyTorch users train.

  python3 torch_alexnet.py nets/alexnet.json nets/alexnet-torchvision.json [--batch 128]
      [--steps 30] [--warmup 3] [--device cuda] [--variants fp32,tf32,tf32-cl] [--json FILE]

Variants: fp32 = strict float32 (TF32 off everywhere, as WebGPU computes); tf32 = PyTorch's
defaults (TF32 convolutions on Ampere and later); tf32-cl = defaults plus channels_last.
"""
import argparse
import json
import statistics
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F


class Pad(nn.Module):
    """Explicit [top, bottom, left, right] padding with a fill value (-inf for max pooling)."""

    def __init__(self, pad, value=0.0):
        super().__init__()
        t, b, l, r = pad
        self.pad, self.value = (l, r, t, b), value

    def forward(self, x):
        return F.pad(x, self.pad, value=self.value)


def activation(name, last):
    if name == 'linear' or (name == 'softmax' and last):
        return []  # the final softmax is part of CrossEntropyLoss
    table = {'relu': nn.ReLU, 'relu6': nn.ReLU6, 'elu': nn.ELU, 'tanh': nn.Tanh, 'sigmoid': nn.Sigmoid, 'gelu': nn.GELU,
             'leaky_relu': lambda: nn.LeakyReLU(0.2), 'softmax': lambda: nn.Softmax(dim=1)}
    return [table[name]()]


def padding_for(pad):
    """Symmetric padding goes into the layer; anything else is a separate Pad."""
    t, b, l, r = pad
    return ((t, l), []) if t == b and l == r else ((0, 0), [pad])


def pool(layer, cls):
    (ph, pw), extra = padding_for(layer['pad'])
    kh, kw = layer['size']
    if ph * 2 > kh or pw * 2 > kw:  # torch allows at most half the window
        (ph, pw), extra = (0, 0), [layer['pad']]
    fill = float('-inf') if cls is nn.MaxPool2d else 0.0
    mods = [Pad(p, fill) for p in extra]
    kwargs = {'count_include_pad': True} if cls is nn.AvgPool2d else {}
    return mods + [cls(layer['size'], layer['stride'], (ph, pw), ceil_mode=layer['rounding'] == 'ceil', **kwargs)]


def block(layer, in_shape, last):
    """The modules for one netspec layer; in_shape is netspec's (HWC, or [n] when flat)."""
    k = layer['kind']
    if k == 'conv2d':
        (ph, pw), extra = padding_for(layer['pad'])
        conv = nn.Conv2d(in_shape[2], layer['filters'], layer['kernel'], layer['stride'], (ph, pw),
                         layer['dilation'], layer['groups'], bias=layer['bias'])
        return [Pad(p) for p in extra] + [conv] + activation(layer['activation'], last)
    if k == 'dense':
        return [nn.Linear(in_shape[0], layer['units'], bias=layer['bias'])] + activation(layer['activation'], last)
    if k == 'lrn':
        # torch divides alpha by size (Caffe's convention); netspec's 'paper' convention does not.
        alpha = layer['alpha'] * layer['size'] if layer['convention'] == 'paper' else layer['alpha']
        return [nn.LocalResponseNorm(layer['size'], alpha, layer['beta'], layer['k'])]
    if k == 'maxpool':
        return pool(layer, nn.MaxPool2d)
    if k == 'avgpool':
        return pool(layer, nn.AvgPool2d)
    if k == 'adaptiveavgpool':
        return [nn.AdaptiveAvgPool2d(tuple(layer['output']))]
    if k == 'globalavgpool':
        return [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    if k == 'flatten':
        return [nn.Flatten()]  # NCHW order, not netspec's HWC: same cost, different permutation
    if k == 'dropout':
        return [nn.Dropout(layer['rate'])]
    if k == 'zeropad':
        return [Pad(layer['pad'])]
    if k == 'activation':
        return activation(layer['activation'], last)
    raise SystemExit(f"torch_alexnet.py: layer kind {k!r} is not supported (sequential nets only)")


def build(net):
    """nn.Sequential of one block per netspec layer, and netspec's output shape of each."""
    blocks, shapes = [], []
    shape, prev = net['input'], 'input'
    for i, node in enumerate(net['nodes']):
        if node['inputs'] != [prev]:
            raise SystemExit(f"torch_alexnet.py: {net['name']} is not sequential at {node['name']}")
        blocks.append(nn.Sequential(*block(node['layer'], shape, i == len(net['nodes']) - 1)))
        shape, prev = node['outputShape'], node['name']
        shapes.append((node['name'], shape))
    return nn.Sequential(*blocks), shapes


def check_shapes(model, shapes, net, device):
    """Every block's output has netspec's shape (HWC there, CHW here)."""
    h, w, c = net['input']
    x = torch.zeros(2, c, h, w, device=device)
    with torch.no_grad():
        for blk, (name, want) in zip(model, shapes):
            x = blk(x)
            got = list(x.shape[1:])
            expect = [want[2], want[0], want[1]] if len(want) == 3 else want
            if got != expect:
                raise SystemExit(f"torch_alexnet.py: {net['name']} layer {name}: torch gives {got}, netspec {expect}")


def set_variant(variant):
    tf32 = variant != 'fp32'
    torch.backends.cuda.matmul.allow_tf32 = False  # PyTorch's default: matmuls stay fp32
    torch.backends.cudnn.allow_tf32 = tf32
    torch.backends.cudnn.benchmark = True
    return variant.endswith('-cl')


def sync(device):
    if device.startswith('cuda'):
        torch.cuda.synchronize()


def bench(net, variant, args):
    channels_last = set_variant(variant)
    torch.manual_seed(1)
    model, shapes = build(net)
    model = model.to(args.device)
    check_shapes(model, shapes, net, args.device)
    h, w, c = net['input']
    x = torch.randn(args.batch, c, h, w, device=args.device)
    y = torch.randint(0, net['classes'], (args.batch,), device=args.device)
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    loss_fn = nn.CrossEntropyLoss()
    times, losses = [], []
    for i in range(args.warmup + args.steps):
        sync(args.device)
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())  # reads the loss every step, as netspec's loop does
        sync(args.device)
        times.append((time.perf_counter() - t0) * 1000)
    med = statistics.median(times[args.warmup:])
    params = sum(p.numel() for p in model.parameters())
    return {'model': net['name'], 'variant': variant, 'params': params, 'batch': args.batch, 'stepMs': times,
            'warmup': args.warmup, 'medianMs': med, 'imagesPerSec': args.batch * 1000 / med,
            'lossFirst': losses[0], 'lossLast': losses[-1]}


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('nets', nargs='+')
    p.add_argument('--batch', type=int, default=128)
    p.add_argument('--steps', type=int, default=30)
    p.add_argument('--warmup', type=int, default=3)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--variants', default='fp32,tf32,tf32-cl')
    p.add_argument('--json')
    args = p.parse_args(argv)
    dev = torch.cuda.get_device_name(0) if args.device.startswith('cuda') else 'CPU'
    print(f"torch {torch.__version__} on {dev}" + (f" (CUDA {torch.version.cuda}, cuDNN {torch.backends.cudnn.version()})" if args.device.startswith('cuda') else ''))
    results = []
    for path in args.nets:
        with open(path) as f:
            net = json.load(f)
        for variant in args.variants.split(','):
            r = bench(net, variant, args)
            results.append(r)
            print(f"torch {r['model']} [{variant}]: median step {r['medianMs']:.1f} ms -> {r['imagesPerSec']:.1f} images/s "
                  f"(first step {r['stepMs'][0]:.0f} ms; loss {r['lossFirst']:.3f} -> {r['lossLast']:.3f}; {r['params']:,} parameters)", flush=True)
    if args.json:
        with open(args.json, 'w') as f:
            json.dump({'torch': torch.__version__, 'device': dev, 'results': results}, f, indent=1)


if __name__ == '__main__':
    main(sys.argv[1:])
