#!/usr/bin/python3
"""An independent reference for netspec's model zoo: torchvision's own model (Debian's
python3-torchvision), with every Conv2d and Linear in the order forward() runs them: output shape
(HWC, no batch), parameters and mult-adds (one multiply-accumulate counts as one), and the model's
totals. Nothing here reads netspec's IR.

    python3 torchvision_ref.py vgg16 [--size 224]

Prints one JSON object; {"error": ...} with exit status 2 on failure.
"""
import argparse
import json
import sys


def fail(msg):
    print(json.dumps({"error": msg}))
    sys.exit(2)


try:
    import torch
    import torch.nn as nn
    import torchvision
except ImportError as e:
    fail(f"torchvision not importable: {e}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--size", type=int, default=224)
    a = ap.parse_args()
    builder = getattr(torchvision.models, a.model, None)
    if builder is None:
        fail(f"torchvision has no model {a.model}")
    kwargs = {"aux_logits": False, "init_weights": False} if a.model == "googlenet" else {}
    model = builder(**kwargs).eval()
    rows = []

    def hook(module, inputs, output):
        shape = list(output.shape[1:])
        hwc = [shape[1], shape[2], shape[0]] if len(shape) == 3 else shape
        params = sum(p.numel() for p in module.parameters(recurse=False))
        if isinstance(module, nn.Conv2d):
            k = module.kernel_size[0] * module.kernel_size[1] * module.in_channels // module.groups
            macs = output.numel() // output.shape[0] * k
        else:
            macs = module.in_features * module.out_features
        rows.append({"name": module._netspec_name, "kind": "conv2d" if isinstance(module, nn.Conv2d) else "dense",
                     "outputShape": hwc, "params": params, "multAdds": macs})

    for name, m in model.named_modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            m._netspec_name = name
            m.register_forward_hook(hook)
    with torch.no_grad():
        model(torch.zeros(1, 3, a.size, a.size))
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    buffers = sum(b.numel() for n, b in model.named_buffers() if n.endswith(("running_mean", "running_var")))
    print(json.dumps({"model": a.model, "torchvision": torchvision.__version__, "trainableParams": trainable,
                      "runningStats": buffers, "multAdds": sum(r["multAdds"] for r in rows), "layers": rows}))


main()
