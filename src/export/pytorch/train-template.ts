// The fixed part of every train.py (Python source, nothing from a spec): data, augmentation,
// DistributedDataParallel, netspec's schedules and metrics. train-py.ts puts the header and the
// spec's recipe (RECIPE, a Python literal) in front of it.
export const TRAIN_BODY = String.raw`
import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

try:
    import torch
    import torch.distributed as dist
    import torch.nn.functional as F
    from torch.nn.parallel import DistributedDataParallel
except ImportError as e:
    sys.exit(f"PyTorch is not installed ({e}): apt-get install python3-torch (Debian/Ubuntu), or pip install torch")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model as netspec_model  # noqa: E402  (model.py beside this file)

IMAGENET_EIGEN = {"values": [0.2175, 0.0188, 0.0045],
                  "vectors": [[-0.5675, -0.5808, -0.5836], [0.7192, -0.0045, -0.6948], [0.4009, -0.814, 0.4203]]}
FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

__RECIPE__


# ---- processes ---------------------------------------------------------------------------------

# Every reduced tensor, kept to the end of the process. torch 1.13's gloo thread drops its reference
# after wait() has returned; when that is the last one, it needs the GIL, which the main thread holds
# while it joins that thread in the process group's destructor (when the DDP model goes): a hang at
# exit. A module-level list outlives the model, so that drop never needs the GIL.
REDUCED = []


class World:
    """This process's place among torchrun's: rank, size, and the sums that make metrics global."""

    def __init__(self, backend):
        self.distributed = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
        self.cuda = torch.cuda.is_available()
        if self.distributed:
            dist.init_process_group(backend or ("nccl" if self.cuda else "gloo"))
            self.rank, self.size = dist.get_rank(), dist.get_world_size()
            self.local_rank = int(os.environ.get("LOCAL_RANK", 0))
            self.local_size = int(os.environ.get("LOCAL_WORLD_SIZE", 1))
        else:
            self.rank, self.size, self.local_rank, self.local_size = 0, 1, 0, 1
        self.device = torch.device(f"cuda:{self.local_rank}") if self.cuda else torch.device("cpu")
        if self.cuda:
            torch.cuda.set_device(self.device)

    def sum(self, values):
        """Element-wise sums over every process (float64)."""
        t = torch.tensor(values, dtype=torch.float64, device=self.device)
        if self.distributed:
            dist.all_reduce(t)
            REDUCED.append(t)
        return t.tolist()

    def close(self):
        if self.distributed:
            dist.destroy_process_group()


def say(world, text):
    if world.rank == 0:
        print(text, flush=True)


# ---- data ----------------------------------------------------------------------------------------

def search_paths(kind):
    home = os.path.expanduser("~")
    if kind in ("mnist", "fashion-mnist"):
        return [f"/usr/share/datasets/{kind}", os.path.join(home, ".netspec", "datasets", kind), os.path.join("data", kind)]
    sub = {"cifar10": "cifar-10-batches-bin", "cifar100": "cifar-100-binary"}.get(kind)
    if sub:
        return [os.path.join("data", sub), os.path.join("data", kind), os.path.join(home, ".netspec", "datasets", sub),
                os.path.join(home, ".netspec", "datasets", kind)]
    return [os.path.join("data", "imagenet"), os.path.join(home, ".netspec", "datasets", "imagenet")]


def idx_file(root, base):
    for name in (base + ".gz", base, base.replace("-idx", ".idx") + ".gz", base.replace("-idx", ".idx")):
        if os.path.exists(os.path.join(root, name)):
            return os.path.join(root, name)
    return None


def read_idx(path):
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4 : 4 + 4 * ndim])
    return torch.frombuffer(bytearray(data[4 + 4 * ndim :]), dtype=torch.uint8).reshape(dims)


def find_root(kind, given):
    roots = [given] if given else search_paths(kind)
    for root in roots:
        if root and os.path.isdir(root):
            if kind in ("mnist", "fashion-mnist") and idx_file(root, "train-images-idx3-ubyte"):
                return root
            if kind == "cifar10" and os.path.exists(os.path.join(root, "data_batch_1.bin")):
                return root
            if kind == "cifar100" and os.path.exists(os.path.join(root, "train.bin")):
                return root
            if kind == "imagefolder" and os.path.isdir(os.path.join(root, "train")):
                return root
    how = ("apt-get install dataset-fashion-mnist (Debian/Ubuntu)" if kind == "fashion-mnist" else "see netspec's README (Training)")
    sys.exit(f"{kind} not found; looked in {', '.join(r for r in roots if r)}: pass --data DIR ({how})")


def load_memory(kind, root):
    """(train images uint8 [N, C, H, W], labels, test images, labels, class names) for the in-memory kinds."""
    if kind in ("mnist", "fashion-mnist"):
        parts = [read_idx(idx_file(root, b)) for b in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                                       "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")]
        names = FASHION_CLASSES if kind == "fashion-mnist" else [str(i) for i in range(10)]
        return parts[0][:, None], parts[1].long(), parts[2][:, None], parts[3].long(), names
    files = ([f"data_batch_{i}.bin" for i in range(1, 6)], ["test_batch.bin"]) if kind == "cifar10" else (["train.bin"], ["test.bin"])
    label_bytes = 1 if kind == "cifar10" else 2  # CIFAR-100: coarse, then fine (the label used)

    def read(names):
        raw = b"".join(open(os.path.join(root, n), "rb").read() for n in names)
        rows = torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(-1, label_bytes + 3072)
        return rows[:, label_bytes:].reshape(-1, 3, 32, 32), rows[:, label_bytes - 1].long()

    (xa, ya), (xb, yb) = read(files[0]), read(files[1])
    return xa, ya, xb, yb, [str(i) for i in range(10 if kind == "cifar10" else 100)]


class MemoryData:
    """Images held as uint8; a batch is made by index, with netspec's augmentation order: zero
    padding, crop (random for training, centre otherwise), flip, PCA colour shift, normalisation.
    The random choices are drawn once per epoch for every image (draw), so every process, whatever
    its share, augments an image the same way."""

    def __init__(self, images, labels, shape, padding, crop, flip):
        self.images, self.labels = images, labels
        self.c, self.h, self.w = shape
        self.padding, self.crop, self.flip = padding, crop, flip
        self.offsets = self.flips = self.alphas = None
        self.pca = self.norm = None

    def __len__(self):
        return len(self.labels)

    def finish(self, pca, norm):
        self.pca, self.norm = pca, norm

    def draw(self, g):
        n = len(self)
        span = (2 * self.padding + self.images.shape[2] - self.h, 2 * self.padding + self.images.shape[3] - self.w)
        self.offsets = (torch.stack([torch.randint(0, span[0] + 1, (n,), generator=g), torch.randint(0, span[1] + 1, (n,), generator=g)], 1)
                        if self.crop else None)
        self.flips = torch.rand(n, generator=g) < 0.5 if self.flip else None
        self.alphas = torch.randn(n, 3, generator=g) * self.pca["std"] if self.pca else None

    def batch(self, idx, offsets=None, flips=None, alphas=None, pca=None, norm=None):
        x = self.images[idx].float() / 255
        if x.shape[1] != self.c:
            x = x.expand(-1, self.c, -1, -1)  # grey images for a colour model: repeated
        p = self.padding
        if p:
            x = F.pad(x, (p, p, p, p))
        H, W = x.shape[2], x.shape[3]
        if H < self.h or W < self.w:
            sys.exit(f"the images are {H}x{W}, smaller than the model input {self.h}x{self.w}: set train.augment.crop.padding")
        if offsets is None:
            top, left = (H - self.h) // 2, (W - self.w) // 2
            x = x[:, :, top : top + self.h, left : left + self.w]
        else:
            x = torch.stack([img[:, t : t + self.h, l : l + self.w] for img, (t, l) in zip(x, offsets.tolist())])
        if flips is not None:
            x = torch.where(flips[:, None, None, None], x.flip(3), x)
        if pca is not None and alphas is not None:
            shift = (alphas * torch.tensor(pca["values"])) @ torch.tensor(pca["vectors"])  # sum_i alpha_i lambda_i p_i
            x = x + shift[:, :, None, None]
        if norm is not None:
            x = (x - torch.tensor(norm["mean"]).reshape(1, -1, 1, 1)) / torch.tensor(norm["std"]).reshape(1, -1, 1, 1)
        return x, self.labels[idx]

    def batches(self, positions, workers=0):
        for pos in positions:
            yield self.batch(pos, *(None if a is None else a[pos] for a in (self.offsets, self.flips, self.alphas)), self.pca, self.norm)

class Lighting:
    """PCA colour augmentation (Krizhevsky et al. 2012, 4.1) on a [C, H, W] tensor in [0, 1]."""

    def __init__(self, pca):
        self.values, self.vectors, self.std = torch.tensor(pca["values"]), torch.tensor(pca["vectors"]), pca["std"]

    def __call__(self, x):
        alphas = torch.randn(3) * self.std
        return x + ((alphas * self.values) @ self.vectors)[:, None, None]


class FolderData:
    """An ImageFolder tree (train/<class>/*, val/<class>/*) through torchvision, decoded by DataLoader
    workers: resize, crop (random with padding for training, centre otherwise), flip, PCA colour,
    normalisation. Each process draws its own random augmentations."""

    def __init__(self, root, shape, resize, padding, flip, train):
        from torchvision import datasets, transforms as T
        self.T = T
        c, h, w = shape
        self.head = ([T.Resize(resize)] if resize else []) + ([T.Grayscale()] if c == 1 else [])
        if train and padding is not None:
            self.head.append(T.RandomCrop((h, w), padding=padding, pad_if_needed=True))
        else:
            self.head.append(T.CenterCrop((h, w)))
        if train and flip:
            self.head.append(T.RandomHorizontalFlip())
        self.head.append(T.ToTensor())
        self.ds = datasets.ImageFolder(root, transform=T.Compose(self.head))
        self.train = train

    def __len__(self):
        return len(self.ds)

    def finish(self, pca, norm):
        tail = ([Lighting(pca)] if pca and self.train else []) + ([self.T.Normalize(norm["mean"], norm["std"])] if norm else [])
        self.ds.transform = self.T.Compose(self.head + tail)

    def draw(self, g):
        pass

    def batch(self, idx):
        """Un-normalised images (for the dataset's statistics)."""
        items = [self.ds[i] for i in idx.tolist()]
        return torch.stack([x for x, _ in items]), torch.tensor([y for _, y in items])

    def batches(self, positions, workers=2):
        loader = torch.utils.data.DataLoader(self.ds, batch_sampler=[p.tolist() for p in positions], num_workers=workers)
        yield from loader


def load_folders(root, shape, resize, padding, flip):
    try:
        import torchvision  # noqa: F401
    except ImportError:
        sys.exit("ImageFolder data needs torchvision: apt-get install python3-torchvision (Debian/Ubuntu), or pip install torchvision")
    val = os.path.join(root, "val") if os.path.isdir(os.path.join(root, "val")) else os.path.join(root, "test")
    train = FolderData(os.path.join(root, "train"), shape, resize, padding, flip, True)
    test = FolderData(val, shape, resize, None, False, False) if os.path.isdir(val) else None
    if test is None:
        sys.exit(f"{root} has no val/ (or test/) folder to validate on")
    return train, test, train.ds.classes


def dataset_moments(data, sample, seed):
    """Per-channel mean and std of a seeded sample of training images, on [0, 1], as netspec's 'dataset' normalisation."""
    g = torch.Generator().manual_seed(seed)
    idx = torch.randperm(len(data), generator=g)[:sample]
    x, _ = data.batch(idx)
    std = [s if s >= 1e-6 else 1.0 for s in x.std(dim=(0, 2, 3), unbiased=False).tolist()]  # a constant channel: divided by 1
    return {"mean": x.mean(dim=(0, 2, 3)).tolist(), "std": std}, x


def pca_eigen(x):
    """Eigenvalues and eigenvectors (rows) of the RGB covariance of a sample, largest first."""
    flat = x.permute(1, 0, 2, 3).reshape(3, -1)
    vals, vecs = torch.linalg.eigh(torch.cov(flat))
    order = vals.argsort(descending=True)
    return {"values": vals[order].tolist(), "vectors": vecs[:, order].t().tolist()}


# ---- schedule (netspec's, per epoch) -------------------------------------------------------------

def learning_rate(schedule, base, epoch, epochs, state):
    kind = schedule["type"]
    if kind == "constant":
        return base
    if kind == "step":
        return base * schedule.get("gamma", 0.1) ** (epoch // schedule["stepSize"])
    if kind == "plateau":
        return state.get("lr", base)
    low, warm = schedule.get("minLr", 0), schedule.get("warmupEpochs", 0)
    if epoch < warm:
        return base * (epoch + 1) / warm
    span = max(1, epochs - warm)
    return low + (base - low) * (1 + math.cos(math.pi * (epoch - warm) / span)) / 2


def after_epoch(schedule, state, error):
    """Plateau: after more than patience epochs without a new best, multiply by factor (not below minLr)."""
    if schedule["type"] != "plateau":
        return state
    if error < state["best"]:
        return {**state, "best": error, "bad": 0}
    bad = state["bad"] + 1
    if bad <= schedule.get("patience", 1):
        return {**state, "bad": bad}
    return {**state, "lr": max(state["lr"] * schedule.get("factor", 0.1), schedule.get("minLr", 0)), "bad": 0}


def make_optimizer(net, spec):
    """netspec's optimizers: weight decay on kernels only (rank >= 2). SGD's decay in PyTorch's form
    (v = mu*v + g + wd*w; w -= lr*v) equals the paper's update for a constant rate; Adam's decay is
    decoupled (AdamW), as netspec's."""
    decay = [p for p in net.parameters() if p.dim() >= 2]
    rest = [p for p in net.parameters() if p.dim() < 2]
    groups = [{"params": decay, "weight_decay": spec.get("weightDecay", 0)}, {"params": rest, "weight_decay": 0}]
    if spec["type"] == "sgd":
        return torch.optim.SGD(groups, lr=spec["lr"], momentum=spec.get("momentum", 0.9), nesterov=spec.get("nesterov", False))
    return torch.optim.AdamW(groups, lr=spec["lr"], betas=(spec.get("beta1", 0.9), spec.get("beta2", 0.999)), eps=spec.get("epsilon", 1e-8))


# ---- checkpoints -----------------------------------------------------------------------------------

def checkpoints(out):
    d = os.path.join(out, "checkpoints")
    return sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".pt")) if os.path.isdir(d) else []


def save_checkpoint(out, state, keep=2):
    d = os.path.join(out, "checkpoints")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, f"ckpt-{state['globalStep']:09d}.pt")
    torch.save(state, path + ".tmp")
    os.replace(path + ".tmp", path)
    for old in checkpoints(out)[:-keep]:
        os.remove(old)
    return path


def spec_files(here):
    """spec.yaml and spec-parents/* beside train.py, as paths relative to it."""
    files = ["spec.yaml"] if os.path.exists(os.path.join(here, "spec.yaml")) else []
    parents = os.path.join(here, "spec-parents")
    if os.path.isdir(parents):
        files += [os.path.join("spec-parents", n) for n in sorted(os.listdir(parents))]
    return files


def topk_errors(logits, labels, classes):
    k = min(5, classes)
    top = logits.topk(k, dim=1).indices
    top1 = (top[:, 0] != labels).sum().item()
    top5 = (~(top == labels[:, None]).any(dim=1)).sum().item()
    return top1, top5


def loss_of(out, labels, final_softmax):
    if final_softmax:
        return F.cross_entropy(out, labels, reduction="sum")
    # A model that does not end in softmax outputs probabilities itself (netspec's loss clips them).
    return F.nll_loss(torch.log(out.clamp(1e-7, 1)), labels, reduction="sum")


# ---- training ------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=None, help="run folder (default runs/<model>-torch-<time>)")
    ap.add_argument("--epochs", type=int, default=RECIPE["epochs"])
    ap.add_argument("--steps-per-epoch", type=int, default=RECIPE.get("stepsPerEpoch"), help="cap on the batches per epoch")
    ap.add_argument("--batch", type=int, default=RECIPE["batchSize"], help="global batch: each of N processes takes batch/N")
    ap.add_argument("--lr", type=float, default=None, help="base learning rate (default: the spec's)")
    ap.add_argument("--seed", type=int, default=RECIPE["seed"])
    ap.add_argument("--data", default=RECIPE["dataset"].get("path"), help="dataset folder")
    ap.add_argument("--val-steps", type=int, default=None, help="validate on the first N global batches only")
    ap.add_argument("--weights", default=None, help="start from these weights (safetensors, e.g. netspec export --checkpoint)")
    ap.add_argument("--resume", action="store_true", help="continue from the newest checkpoint in --out")
    ap.add_argument("--backend", choices=["gloo", "nccl"], default=None, help="default: nccl on GPUs, gloo on CPUs")
    ap.add_argument("--threads", type=int, default=None, help="CPU threads per process (default: cores / local processes)")
    ap.add_argument("--workers", type=int, default=2, help="image decoding processes per training process (ImageFolder)")
    args = ap.parse_args()

    world = World(args.backend)
    if not world.cuda:
        torch.set_num_threads(args.threads or max(1, (os.cpu_count() or 1) // world.local_size))
    if args.batch % world.size:
        sys.exit(f"--batch {args.batch} does not divide among {world.size} processes")
    local_batch = args.batch // world.size
    out = args.out or os.path.join("runs", f"{MODEL}-torch-{time.strftime('%Y%m%d-%H%M%S')}")
    if world.rank == 0:
        os.makedirs(out, exist_ok=True)
        if not args.resume and os.path.exists(os.path.join(out, "metrics.jsonl")):
            sys.exit(f"{out} already holds a run: choose another --out, or pass --resume")

    torch.manual_seed(args.seed)  # the same initial weights everywhere (DDP also broadcasts rank 0's)
    net = netspec_model.build(args.weights)
    # Data: every process reads it all and takes its share of each global batch.
    c, h, w = net.input_shape
    kind = RECIPE["dataset"]["kind"]
    root = find_root(kind, args.data)
    crop = RECIPE["augment"].get("crop", False)
    padding = crop.get("padding", 0) if isinstance(crop, dict) else 0
    flip = bool(RECIPE["augment"].get("flip"))
    if kind == "imagefolder":
        train, test, class_names = load_folders(root, (c, h, w), RECIPE["dataset"].get("resize"), padding if crop else None, flip)
    else:
        xa, ya, xb, yb, class_names = load_memory(kind, root)
        train = MemoryData(xa, ya, (c, h, w), padding, crop, flip)
        test = MemoryData(xb, yb, (c, h, w), padding, False, False)
    norm_spec = RECIPE["normalize"]
    pca_spec = RECIPE["augment"].get("pcaColor")
    moments, sample = dataset_moments(train, 10000 if kind != "imagefolder" else 500, args.seed)
    norm = moments if norm_spec == "dataset" else None if norm_spec == "none" else norm_spec
    pca = None
    if pca_spec and c == 3:
        pca_spec = pca_spec if isinstance(pca_spec, dict) else {}
        pca = {**(pca_eigen(sample) if pca_spec.get("eigen") == "dataset" else IMAGENET_EIGEN), "std": pca_spec.get("std", 0.1)}
    train.finish(pca, norm)
    test.finish(None, norm)
    say(world, f"{MODEL}: {kind} from {root}: {len(train)} training, {len(test)} test images; {world.size} process(es) x batch {local_batch} "
               f"= {args.batch}; device {world.device}")

    net = net.to(world.device)
    if world.distributed and world.cuda:
        # Batch statistics over the global batch, as one process computes them. (SyncBatchNorm needs
        # GPUs: on CPUs each process normalises with its own share's statistics.)
        net = torch.nn.SyncBatchNorm.convert_sync_batchnorm(net)
    model = DistributedDataParallel(net) if world.distributed else net
    spec = dict(RECIPE["optimizer"])
    if args.lr is not None:
        spec["lr"] = args.lr
    opt = make_optimizer(net, spec)
    schedule = RECIPE["schedule"]
    state = {"lr": spec["lr"], "best": math.inf, "bad": 0} if schedule["type"] == "plateau" else {}
    start_epoch, start_step, global_step, running = 0, 0, 0, [0.0, 0.0, 0.0, 0.0]
    if args.resume and checkpoints(out):
        ck = torch.load(checkpoints(out)[-1], map_location=world.device)
        net.load_state_dict(ck["model"])
        opt.load_state_dict(ck["optimizer"])
        start_epoch, start_step, global_step, state, running = ck["epoch"], ck["step"], ck["globalStep"], ck["schedule"], ck["running"]
        say(world, f"resuming {out} at epoch {start_epoch + 1}, step {start_step + 1}")
    torch.manual_seed(args.seed * 1000 + world.rank)  # dropout: its own stream per process

    steps = len(train) // args.batch
    if args.steps_per_epoch:
        steps = min(steps, args.steps_per_epoch)
    final_softmax = netspec_model.Net.final_softmax
    classes = net.classes
    meta = {"normalize": json.dumps(norm or {"mean": [0], "std": [1]}), "classNames": json.dumps(class_names), "model": MODEL, "format": "pt"}
    if world.rank == 0:
        # The spec beside this file (export writes it) goes into the run folder: netspec report draws it.
        here = os.path.dirname(os.path.abspath(__file__))
        for rel in spec_files(here):
            os.makedirs(os.path.dirname(os.path.join(out, rel)), exist_ok=True)
            with open(os.path.join(here, rel), "rb") as src, open(os.path.join(out, rel), "wb") as dst:
                dst.write(src.read())
        with open(os.path.join(out, "config.json"), "w") as f:
            json.dump({"recipe": RECIPE, "args": vars(args), "worldSize": world.size, "localBatch": local_batch,
                       "normalize": norm, "pca": pca}, f, indent=2)

    for epoch in range(start_epoch, args.epochs):
        lr = learning_rate(schedule, spec["lr"], epoch, args.epochs, state)
        for group in opt.param_groups:
            group["lr"] = lr
        # One order and one set of random augmentations per epoch, the same in every process:
        # process r of n takes positions [r*b, (r+1)*b) of each global batch, so n processes see
        # exactly the batches one process would.
        g = torch.Generator().manual_seed(args.seed * 100003 + epoch)
        order = torch.randperm(len(train), generator=g)
        train.draw(g)
        model.train()
        t0 = time.perf_counter()
        if epoch != start_epoch or start_step == 0:
            running = [0.0, 0.0, 0.0, 0.0]  # loss sum, errors, images, seconds (this process)
        first = start_step if epoch == start_epoch else 0
        positions = [order[step * args.batch + world.rank * local_batch : step * args.batch + (world.rank + 1) * local_batch]
                     for step in range(first, steps)]
        for step, (x, y) in enumerate(train.batches(positions, args.workers), start=first):  # to the end: the loader's workers stop
            t_step = time.perf_counter()
            x, y = x.to(world.device), y.to(world.device)
            if global_step == 0:
                print(f"process {world.rank} of {world.size}: {len(y)} images per step", flush=True)
            out_ = model(x)
            loss = loss_of(out_, y, final_softmax)
            opt.zero_grad(set_to_none=True)
            (loss / len(y)).backward()  # DDP averages gradients over processes: the global batch's mean
            opt.step()
            global_step += 1
            running[0] += loss.item()
            running[1] += (out_.argmax(1) != y).sum().item()
            running[2] += len(y)
            running[3] += time.perf_counter() - t_step
            every = RECIPE.get("checkpointEvery", 0)
            if every and global_step % every == 0 and step + 1 < steps and world.rank == 0:
                save_checkpoint(out, {"model": net.state_dict(), "optimizer": opt.state_dict(), "epoch": epoch, "step": step + 1,
                                      "globalStep": global_step, "schedule": state, "running": running})
        train_seconds = time.perf_counter() - t0
        loss_sum, errors, images, _ = world.sum(running)

        # Validation on the test split, shared among the processes.
        model.eval()
        idx = torch.arange(world.rank, len(test), world.size)
        if args.val_steps:
            idx = idx[: args.val_steps * local_batch]
        sums = [0.0, 0.0, 0.0, 0.0]
        with torch.no_grad():
            for x, y in test.batches([idx[i : i + local_batch] for i in range(0, len(idx), local_batch)], args.workers):
                x, y = x.to(world.device), y.to(world.device)
                out_ = net(x)
                top1, top5 = topk_errors(out_, y, classes)
                sums[0] += loss_of(out_, y, final_softmax).item()
                sums[1] += top1
                sums[2] += top5
                sums[3] += len(y)
        vloss, v1, v5, vn = world.sum(sums)
        metrics = {
            "epoch": epoch + 1, "step": global_step,
            "trainLoss": loss_sum / images, "trainTop1Error": errors / images,
            "valLoss": vloss / vn if vn else None, "valTop1Error": v1 / vn if vn else None, "valTop5Error": v5 / vn if vn else None,
            "lr": lr, "images": int(images), "imagesPerSec": images / train_seconds,
            "seconds": time.perf_counter() - t0,
        }
        state = after_epoch(schedule, state, metrics["valTop1Error"] if vn else metrics["trainTop1Error"])
        if world.rank == 0:
            with open(os.path.join(out, "metrics.jsonl"), "a") as f:
                f.write(json.dumps(metrics) + "\n")
            save_checkpoint(out, {"model": net.state_dict(), "optimizer": opt.state_dict(), "epoch": epoch + 1, "step": 0,
                                  "globalStep": global_step, "schedule": state, "running": [0.0, 0.0, 0.0, 0.0]})
            netspec_model.save_safetensors(net.state_dict(), os.path.join(out, "model.safetensors"),
                                           {**meta, "epoch": epoch + 1, "step": global_step})
        v = f"val loss {metrics['valLoss']:.4f}, top-1 error {100 * metrics['valTop1Error']:.2f}%, top-5 {100 * metrics['valTop5Error']:.2f}%" if vn else "no validation"
        say(world, f"epoch {epoch + 1}/{args.epochs}: train loss {metrics['trainLoss']:.4f}, {v}, lr {lr:.3g}, "
                   f"{metrics['imagesPerSec']:.0f} img/s, {metrics['seconds']:.1f} s")
        start_step = 0
    say(world, f"done: {out}/metrics.jsonl, {out}/model.safetensors (back to netspec: npm run export -- SPEC --to netspec --checkpoint {out}/model.safetensors --out RUN)")
    world.close()


if __name__ == "__main__":
    main()
`;
