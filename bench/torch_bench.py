#!/usr/bin/python3
"""The PyTorch peer of `npm run bench`: builds the same network as netspec from its IR (the JSON
that bench/ir-json.ts prints) and measures it the way bench/tfjs-measure.ts measures ours.

    python3 torch_bench.py --ir IR.json --batch 32 --warmup 2 --steps 5 --threads 2
    python3 torch_bench.py --ir IR.json --check [--weights DIR]   # build and verify only
    python3 torch_bench.py --ir IR.json ... --bf16   # also under torch.autocast('cpu', dtype=torch.bfloat16)

The network is ours layer for layer, in NCHW: grouped convolutions, explicit [t, b, l, r] padding
(nn.ZeroPad2d when asymmetric), LRN in torch's alpha/n convention, pooling with ceil mode, and a
flatten in HWC order so that a dense layer's weights mean what they mean in tfjs. A final softmax
is left out of the module: training uses CrossEntropyLoss on the logits, as PyTorch code does, and
the forward measurement applies softmax to the output. Before measuring, every layer's output
shape and the parameter count are checked against the IR; a mismatch is an error, not a figure.

Prints one JSON object as the last line of stdout; {"error": ...} with exit status 2 on failure.
"""
import argparse
import json
import math
import os
import resource
import sys
import time


def fail(msg):
    print(json.dumps({"error": msg}))
    sys.exit(2)


try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as e:  # run.ts checks first; this is for direct use
    fail(f"PyTorch not importable: {e}")


def activation(name, alpha=None):
    """A module for one of spec.ts's activations, or None for linear."""
    if name == "linear":
        return None
    if name == "relu":
        return nn.ReLU()
    if name == "relu6":
        return nn.ReLU6()
    if name == "leaky_relu":
        return nn.LeakyReLU(0.01 if alpha is None else alpha)
    if name == "elu":
        return nn.ELU(1.0 if alpha is None else alpha)
    if name == "tanh":
        return nn.Tanh()
    if name == "sigmoid":
        return nn.Sigmoid()
    if name == "softmax":
        return nn.Softmax(dim=1)
    if name == "gelu":
        return nn.GELU()  # exact erf form, as ours
    if name == "silu":
        return nn.SiLU()
    if name == "hard_swish":
        return nn.Hardswish()
    raise ValueError(f"unknown activation {name}")


def seq(*mods):
    mods = [m for m in mods if m is not None]
    return mods[0] if len(mods) == 1 else nn.Sequential(*mods)


def pool_out(size, k, s, before, after, ceil):
    """src/runtime/layers/arithmetic.ts poolOutputSize: Caffe/PyTorch ceil rule."""
    span = size + before + after - k
    if not ceil:
        return span // s + 1
    out = -(-span // s) + 1
    if (out - 1) * s >= size + before:
        out -= 1
    return out


class Pool(nn.Module):
    """Max/avg pooling with our [t, b, l, r] padding. Symmetric padding within torch's limit (k/2)
    is torch's own pooling; otherwise the padding is explicit (-inf for max, zeros for avg, which
    count, as count_include_pad) and the output is cut to our rounding's size."""

    def __init__(self, kind, size, stride, pad, ceil, in_hw):
        super().__init__()
        t, b, l, r = pad
        self.out_hw = (pool_out(in_hw[0], size[0], stride[0], t, b, ceil), pool_out(in_hw[1], size[1], stride[1], l, r, ceil))
        native = t == b and l == r and t <= size[0] // 2 and l <= size[1] // 2
        self.pad = None if native or pad == [0, 0, 0, 0] else (l, r, t, b)
        self.fill = -math.inf if kind == "maxpool" else 0.0
        p = (t, l) if native else 0
        self.pool = (nn.MaxPool2d(size, stride, p, ceil_mode=ceil) if kind == "maxpool"
                     else nn.AvgPool2d(size, stride, p, ceil_mode=ceil, count_include_pad=True))

    def forward(self, x):
        if self.pad is not None:
            x = F.pad(x, self.pad, value=self.fill)
        y = self.pool(x)
        return y[:, :, : self.out_hw[0], : self.out_hw[1]]


class FlattenHWC(nn.Module):
    """Flatten in netspec's (HWC) element order, so dense weights carry over unchanged."""

    def forward(self, x):
        return (x.permute(0, 2, 3, 1) if x.dim() == 4 else x).flatten(1)


class Add(nn.Module):
    def forward(self, *xs):
        y = xs[0]
        for x in xs[1:]:
            y = y + x
        return y


class Concat(nn.Module):
    def __init__(self, axis, rank):
        super().__init__()
        # IR axes are HWC without batch; NCHW puts C at 1, H at 2, W at 3.
        self.dim = {0: 2, 1: 3, 2: 1}[axis] if rank == 3 else axis + 1

    def forward(self, *xs):
        return torch.cat(xs, self.dim)


class BatchNorm(nn.Module):
    """Ours with only one of center/scale: torch's BatchNorm without affine, then the one learned
    vector (PyTorch's affine has both or neither)."""

    def __init__(self, bn, c, center, scale):
        super().__init__()
        self.bn = bn
        self.weight = nn.Parameter(torch.ones(c)) if scale else None
        self.bias = nn.Parameter(torch.zeros(c)) if center else None

    def forward(self, x):
        y = self.bn(x)
        shape = [1, -1] + [1] * (x.dim() - 2)
        if self.weight is not None:
            y = y * self.weight.view(shape)
        return y + self.bias.view(shape) if self.bias is not None else y


def batchnorm(L, ins):
    """nn.BatchNorm2d over NCHW channels (BatchNorm1d for flat vectors); torch's momentum means ours."""
    affine = L["center"] and L["scale"]
    cls = nn.BatchNorm2d if len(ins) == 3 else nn.BatchNorm1d
    bn = cls(ins[-1], eps=L["epsilon"], momentum=L["momentum"], affine=affine)
    return bn if affine or not (L["center"] or L["scale"]) else BatchNorm(bn, ins[-1], L["center"], L["scale"])


# Our weight names -> the torch module's attribute, for batchnorm.
BN_PARTS = {"gamma": "weight", "beta": "bias", "moving_mean": "running_mean", "moving_variance": "running_var"}


def layer_module(node, final):
    """The torch module for one IR node. `final`: the output node, whose softmax is left out."""
    L = node["layer"]
    kind = L["kind"]
    ins = node["inputShapes"]
    act = lambda name, alpha=None: None if final and name == "softmax" else activation(name, alpha)
    if kind == "conv2d":
        t, b, l, r = L["pad"]
        sym = t == b and l == r
        conv = nn.Conv2d(ins[0][2], L["filters"], tuple(L["kernel"]), tuple(L["stride"]),
                         padding=(t, l) if sym else 0, dilation=tuple(L["dilation"]), groups=L["groups"], bias=L["bias"])
        return seq(None if sym else nn.ZeroPad2d((l, r, t, b)), conv, act(L["activation"]))
    if kind == "dense":
        return seq(nn.Linear(ins[0][0], L["units"], bias=L["bias"]), act(L["activation"]))
    if kind == "lrn":
        # torch divides alpha by n (Caffe's convention); the paper's alpha multiplies the plain sum.
        alpha = L["alpha"] * L["size"] if L["convention"] == "paper" else L["alpha"]
        return nn.LocalResponseNorm(L["size"], alpha, L["beta"], L["k"])
    if kind in ("maxpool", "avgpool"):
        return Pool(kind, L["size"], L["stride"], L["pad"], L["rounding"] == "ceil", ins[0][:2])
    if kind == "dropout":
        return nn.Dropout(L["rate"])
    if kind == "flatten":
        return FlattenHWC()
    if kind == "zeropad":
        t, b, l, r = L["pad"]
        return nn.ZeroPad2d((l, r, t, b))
    if kind == "globalavgpool":
        return nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())
    if kind == "adaptiveavgpool":
        return nn.AdaptiveAvgPool2d(tuple(L["output"]))
    if kind == "activation":
        m = act(L["activation"], L.get("alpha"))
        return m if m is not None else nn.Identity()
    if kind == "add":
        return Add()
    if kind == "concat":
        return Concat(L["axis"], len(ins[0]))
    if kind == "batchnorm":
        return batchnorm(L, ins[0])
    raise ValueError(f"layer kind {kind} has no PyTorch translation")


def final_softmax(ir):
    node = next(n for n in ir["nodes"] if n["name"] == ir["output"])
    return node["layer"].get("activation") == "softmax"


class Net(nn.Module):
    """The IR's graph: nodes in topological order, each fed by the named outputs."""

    def __init__(self, ir):
        super().__init__()
        self.output = ir["output"]
        self.order = [(n["name"], n["inputs"]) for n in ir["nodes"]]
        self.key = {n["name"]: f"n{i}" for i, n in enumerate(ir["nodes"])}  # ModuleDict keys may not hold '.'
        self.mods = nn.ModuleDict({self.key[n["name"]]: layer_module(n, n["name"] == ir["output"]) for n in ir["nodes"]})
        self.record = None  # name -> output, when set

    def forward(self, x):
        vals = {"input": x}
        for name, inputs in self.order:
            vals[name] = self.mods[self.key[name]](*[vals[i] for i in inputs])
            if self.record is not None:
                self.record[name] = vals[name]
        return vals[self.output]


def nchw(shape):
    return [shape[2], shape[0], shape[1]] if len(shape) == 3 else list(shape)


def verify(net, ir):
    """Problems with the translation: parameter count and every node's output shape vs the IR."""
    problems = []
    ours = sum(n["params"] for n in ir["nodes"])
    # Running statistics count as (non-trainable) parameters, as Keras counts them.
    theirs = sum(p.numel() for p in net.parameters()) + sum(
        b.numel() for name, b in net.named_buffers() if name.endswith(("running_mean", "running_var")))
    if ours != theirs:
        problems.append(f"parameters: netspec {ours}, PyTorch {theirs}")
    net.eval()
    net.record = {}
    with torch.no_grad():
        net(torch.zeros([1] + nchw(ir["input"])))
    for n in ir["nodes"]:
        got = list(net.record[n["name"]].shape[1:])
        if got != nchw(n["outputShape"]):
            problems.append(f"{n['name']}: output {got} (NCHW), IR says {nchw(n['outputShape'])}")
    net.record = None
    return ours, theirs, problems


def load_weights(net, ir, wdir):
    """Copies tfjs weights (manifest.json + raw float32 files) in: HWIO kernels → OIHW, dense [in, out] → [out, in]."""
    manifest = json.load(open(os.path.join(wdir, "manifest.json")))
    for n in ir["nodes"]:
        if n["name"] not in manifest["weights"]:
            continue
        mod = net.mods[net.key[n["name"]]]
        if n["layer"]["kind"] == "batchnorm":
            for part, w in manifest["weights"][n["name"]].items():
                t = torch.from_numpy(_read(wdir, w)).reshape(w["shape"])
                owner = mod.bn if isinstance(mod, BatchNorm) and part.startswith("moving") else mod
                getattr(owner, BN_PARTS[part]).data.copy_(t)
            continue
        core = next(m for m in ([mod] if not isinstance(mod, nn.Sequential) else mod) if isinstance(m, (nn.Conv2d, nn.Linear)))
        for part, w in manifest["weights"][n["name"]].items():
            t = torch.from_numpy(_read(wdir, w)).reshape(w["shape"])
            if part == "kernel":
                t = t.permute(3, 2, 0, 1) if t.dim() == 4 else t.t()
                core.weight.data.copy_(t)
            else:
                core.bias.data.copy_(t)
    return manifest


def _read(wdir, entry):
    import numpy
    return numpy.fromfile(os.path.join(wdir, entry["file"]), dtype="<f4")


def train_forward(net, ir, x):
    """One training-mode forward: its output, every batchnorm's running statistics after it, and
    the gradients of sum(output · sin(1..n)) for the input (NHWC order) and each parameter."""
    net.train()
    x = x.clone().requires_grad_(True)
    y = net(x)
    probe = torch.sin(torch.arange(1, y.numel() + 1, dtype=torch.float32)).reshape(y.shape)
    (y * probe).sum().backward()
    out = {"output": y.detach().flatten().tolist(), "inputGrad": x.grad.permute(0, 2, 3, 1).flatten().tolist(), "running": {}, "grads": {}}
    for n in ir["nodes"]:
        mod = net.mods[net.key[n["name"]]]
        if n["layer"]["kind"] == "batchnorm":
            bn = mod.bn if isinstance(mod, BatchNorm) else mod
            out["running"][n["name"]] = {"moving_mean": bn.running_mean.tolist(), "moving_variance": bn.running_var.tolist()}
            out["grads"][n["name"]] = {part: getattr(mod, attr).grad.tolist() for part, attr in (("gamma", "weight"), ("beta", "bias"))
                                       if getattr(mod, attr, None) is not None and getattr(mod, attr).grad is not None}
    return out


def blas_in_use():
    """What this process really mapped (the build says only BLAS_INFO=generic): BLAS and allocator."""
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))  # make sure the BLAS is loaded
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            p = line.split()[-1]
            base = os.path.basename(p)
            if base.startswith(("libblas", "libopenblas", "libmkl", "libjemalloc", "libtcmalloc", "libdnnl", "libcblas")):
                libs.add(os.path.realpath(p))
    libs = sorted(libs)
    blas = [p for p in libs if "blas" in os.path.basename(p) or "mkl" in os.path.basename(p)]
    kind = ("openblas" if any("openblas" in p for p in blas) else "mkl" if any("mkl" in p for p in blas)
            else "reference" if blas else "none")
    alloc = "jemalloc" if any("jemalloc" in p for p in libs) else "tcmalloc" if any("tcmalloc" in p for p in libs) else "glibc"
    return {"blas": kind, "allocator": alloc, "libraries": libs}


def time_steps(warmup, steps, step):
    for _ in range(warmup):
        step()
    ms = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        ms.append((time.perf_counter() - t0) * 1000)
    return ms


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def check_one(ir_file, weights):
    """Builds and verifies one IR; with weights, also runs it. (report, net, ir); the report is
    {"error": ...} and net None where the translation fails or differs from the IR."""
    ir = json.load(open(ir_file))
    try:
        net = Net(ir)
    except ValueError as e:
        return {"error": str(e)}, None, ir
    ours, theirs, problems = verify(net, ir)
    head = {"torch": torch.__version__, "threads": torch.get_num_threads(), "mkldnn": torch.backends.mkldnn.is_available(),
            "params": theirs, "irParams": ours, "finalSoftmax": final_softmax(ir)}
    if problems:
        return {"error": "PyTorch network differs from the IR: " + "; ".join(problems)}, None, ir
    if weights:
        manifest = load_weights(net, ir, weights)
        x = torch.from_numpy(_read(weights, manifest["input"])).reshape(manifest["input"]["shape"]).permute(0, 3, 1, 2)
        net.eval()
        with torch.no_grad():
            y = net(x)
            if head["finalSoftmax"]:
                y = y.softmax(1)
        head["output"] = y.flatten().tolist()
        if manifest.get("train"):
            head["train"] = train_forward(net, ir, x)
    return head, net, ir


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ir", required=True, action="append", help="IR JSON file; with --check, may be repeated")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check", action="store_true", help="build, verify, and stop (no timing)")
    ap.add_argument("--weights", help="with --check: load tfjs weights from DIR and print the outputs for its input")
    ap.add_argument("--bf16", action="store_true",
                    help="after fp32, time forward and training again under torch.autocast('cpu', dtype=torch.bfloat16)")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    if a.check:
        # One object per IR, a list when several were given (one Python start for many checks).
        results = [check_one(f, a.weights)[0] for f in a.ir]
        print(json.dumps(results[0] if len(results) == 1 else results))
        return
    if len(a.ir) != 1:
        fail("measuring takes one --ir")
    base_rss = rss_mb()
    head, net, ir = check_one(a.ir[0], None)
    if net is None:
        fail(head["error"])
    head.update(blas_in_use())

    x = torch.rand([a.batch] + nchw(ir["input"]))
    y = torch.randint(0, ir["classes"], (a.batch,))
    soft = head["finalSoftmax"]

    def forward():
        with torch.no_grad():
            out = net(x)
            if soft:
                out = out.softmax(1)
            out.sum().item()

    net.eval()
    fwd = time_steps(a.warmup, a.steps, forward)

    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()

    def train():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        loss.item()

    net.train()
    trn = time_steps(a.warmup, a.steps, train)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    out = {**head, "batch": a.batch, "forwardMs": fwd, "trainMs": trn, "peakRssMB": peak, "baseRssMB": base_rss}
    if a.bf16:
        out.update(time_bf16(net, x, y, soft, opt, loss_fn, a.warmup, a.steps))
    print(json.dumps(out))


def time_bf16(net, x, y, soft, opt, loss_fn, warmup, steps):
    """Forward and training steps under autocast, as PyTorch code runs mixed precision on the CPU:
    convolutions and linear layers in bf16, weights, optimizer state and the loss in fp32. Runs after
    fp32, so its peak RSS (ru_maxrss never falls) is the larger of the two phases."""
    def forward():
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
            out = net(x)
            if soft:
                out = out.float().softmax(1)
            out.float().sum().item()

    def train():
        opt.zero_grad(set_to_none=True)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        loss.item()

    net.eval()
    fwd = time_steps(warmup, steps, forward)
    net.train()
    trn = time_steps(warmup, steps, train)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"forwardBf16Ms": fwd, "trainBf16Ms": trn, "peakRssBf16MB": peak}


if __name__ == "__main__":
    main()
