// The fixed part of every model.py: containers for block instances, pooling with netspec's
// padding and rounding, batch norm with one of γ/β, and safetensors without the package.
// Python source, written once here; nothing in it comes from a spec.
export const PRELUDE = String.raw`import json
import math
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    """Submodules under the spec's names, read as block["name"]: block instances are named "0", "1", ...
    (torchvision's names), which are not Python identifiers. State-dict keys are the spec's layer
    names: layer1.0.conv1.weight."""

    def __setitem__(self, name, module):
        self._modules[name] = module

    def __getitem__(self, name):
        return self._modules[name]


def pool_out(size, k, s, before, after, ceil):
    """netspec's (and PyTorch's) output size: ceil rounding drops a last window that starts in the padding."""
    span = size + before + after - k
    if not ceil:
        return span // s + 1
    out = -(-span // s) + 1
    if (out - 1) * s >= size + before:
        out -= 1
    return out


class Pool2d(nn.Module):
    """Max or average pooling with netspec's explicit [top, bottom, left, right] padding, used where
    PyTorch's own symmetric padding cannot express it: pad (with -inf for max, zeros for average,
    which count, as count_include_pad=True), pool, and cut to netspec's output size."""

    def __init__(self, kind, size, stride, pad, ceil, in_hw):
        super().__init__()
        t, b, l, r = pad
        self.out_hw = (pool_out(in_hw[0], size[0], stride[0], t, b, ceil), pool_out(in_hw[1], size[1], stride[1], l, r, ceil))
        self.pad = (l, r, t, b)
        self.fill = -math.inf if kind == "max" else 0.0
        self.pool = nn.MaxPool2d(size, stride, ceil_mode=ceil) if kind == "max" else nn.AvgPool2d(size, stride, ceil_mode=ceil)

    def forward(self, x):
        y = self.pool(F.pad(x, self.pad, value=self.fill))
        return y[:, :, : self.out_hw[0], : self.out_hw[1]]


def batch_norm(cls, channels, eps, momentum, center, scale):
    """PyTorch's affine batch norm has both gamma (weight) and beta (bias) or neither; netspec may
    have one. Without affine, torch keeps weight and bias as None and F.batch_norm accepts either."""
    bn = cls(channels, eps=eps, momentum=momentum, affine=False)
    if scale:
        bn.weight = nn.Parameter(torch.ones(channels))
    if center:
        bn.bias = nn.Parameter(torch.zeros(channels))
    return bn


def init_kernel(w, scheme):
    """netspec's initialisers (the spec's init): he and lecun a normal truncated at two standard
    deviations (re-scaled as Keras does), glorot uniform, paper N(0, 0.01). Fans as TensorFlow
    counts them: in/groups x kh x kw and filters x kh x kw (dense: in and out)."""
    receptive = w[0][0].numel()
    fan_in, fan_out = w.shape[1] * receptive, w.shape[0] * receptive
    with torch.no_grad():
        if scheme == "paper":
            return w.normal_(0.0, 0.01)
        if scheme == "glorot":
            limit = math.sqrt(6 / (fan_in + fan_out))
            return w.uniform_(-limit, limit)
        std = math.sqrt((2 if scheme == "he" else 1) / fan_in) / 0.87962566103423978
        return nn.init.trunc_normal_(w, 0.0, std, -2 * std, 2 * std)


def flatten_hwc(x):
    """netspec flattens height, width, channels (TF.js's NHWC order): dense weights then mean the same in both."""
    return x.permute(0, 2, 3, 1).flatten(1) if x.dim() == 4 else x.flatten(1)


_DTYPES = {"F32": (torch.float32, 4), "F64": (torch.float64, 8), "F16": (torch.float16, 2), "BF16": (torch.bfloat16, 2),
           "I64": (torch.int64, 8), "I32": (torch.int32, 4)}


def load_safetensors(path):
    """{name: tensor} from a safetensors file (little-endian), without the safetensors package."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    header.pop("__metadata__", None)
    base = 8 + n
    out = {}
    for name, e in header.items():
        dtype, size = _DTYPES[e["dtype"]]
        begin, end = e["data_offsets"]
        count = (end - begin) // size
        t = torch.frombuffer(bytearray(data[base + begin : base + end]), dtype=dtype, count=count) if count else torch.empty(0, dtype=dtype)
        out[name] = t.reshape(e["shape"])
    return out


def save_safetensors(tensors, path, metadata=None):
    """Writes {name: tensor} as safetensors (float32 and int64 as they are; other floats as float32)."""
    names = {torch.float32: "F32", torch.int64: "I64"}
    header, blobs, at = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name, t in tensors.items():
        t = t.detach().cpu().contiguous()
        if t.dtype not in names:
            t = t.float()
        raw = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [at, at + len(raw)]}
        blobs.append(raw)
        at += len(raw)
    head = json.dumps(header).encode()
    head += b" " * ((8 - (len(head) + 8) % 8) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for b in blobs:
            f.write(b)
    import os
    os.replace(tmp, path)


def load_weights(model, path):
    """Loads safetensors weights (written by netspec export or by save_safetensors) into model;
    a file of another model fails naming every missing, unexpected or misshapen tensor."""
    state = load_safetensors(path)
    own = model.state_dict()
    problems = [f"missing {k} {list(v.shape)}" for k, v in own.items() if k not in state]
    problems += [f"unexpected {k} {list(v.shape)}" for k, v in state.items() if k not in own]
    problems += [f"{k}: shape {list(state[k].shape)}, the model needs {list(v.shape)}" for k, v in own.items()
                 if k in state and state[k].shape != v.shape]
    if problems:
        raise ValueError(f"{path} does not fit {type(model).__name__}:\n  " + "\n  ".join(problems))
    model.load_state_dict(state)
    return model
`;
