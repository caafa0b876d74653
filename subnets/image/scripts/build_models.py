#!/usr/bin/python3
"""Rebuilds the image subnet's tiny offline classifiers from the validator's own image generator.

  tiny-shapes        ResNet-style CNN (3 stages of residual blocks with batch norm), 32x32 RGB -> 4 shapes; the miner
  tiny-shapes-small  one narrow conv layer and a linear head, briefly trained: the "worse model" of simulations

Training data: images made by src/shapes.ts (the validator's generator, seeded, at the default augmentation strength)
and preprocessed by src/preprocess.ts exactly as a miner does, dumped by scripts/dump_shapes.ts (run here with
`npx tsx`, or pass --data FILE... to reuse dumps). Label-preserving flips and quarter turns are added while training.
Each model is written in the layout transformers.js 4 loads (config.json, preprocessor_config.json, onnx/model.onnx).

Needs Debian's python3-torch python3-onnx python3-numpy libopenblas0-pthread and node with the workspace installed.
Run with Debian's interpreter (/usr/bin/python3): a pyenv python3 does not see Debian's torch. See subnets/image/README.md.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before torch loads OpenBLAS: see torch.set_num_threads below
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

LABELS = ["circle", "square", "triangle", "cross"]
SIZE = 32
HERE = os.path.dirname(os.path.abspath(__file__))


def dump(path, count, seed, strength):
    """Runs the TypeScript generator (the validator's own code) to write `count` preprocessed images."""
    repo = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
    subprocess.run(["npx", "tsx", os.path.join(HERE, "dump_shapes.ts"), path, "--count", str(count), "--seed", str(seed),
                    "--strength", str(strength), "--size", str(SIZE)], cwd=repo, check=True)


def load(paths):
    record = 1 + SIZE * SIZE * 3
    raw = np.concatenate([np.fromfile(p, dtype=np.uint8) for p in paths]).reshape(-1, record)
    labels = torch.from_numpy(raw[:, 0].astype(np.int64))
    pixels = torch.from_numpy(raw[:, 1:].reshape(-1, SIZE, SIZE, 3).transpose(0, 3, 1, 2).copy())
    return pixels, labels


def normalise(pixels):
    """As the ViTImageProcessor of preprocessor_config.json: x/255, then (x - 0.5) / 0.5."""
    return (pixels.float() / 255.0 - 0.5) / 0.5


def augment(x, generator):
    """Flips and quarter turns: every shape keeps its label."""
    if torch.rand(1, generator=generator).item() < 0.5:
        x = x.flip(3)
    if torch.rand(1, generator=generator).item() < 0.5:
        x = x.flip(2)
    return torch.rot90(x, int(torch.randint(0, 4, (1,), generator=generator).item()), (2, 3))


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.skip = None if stride == 1 and cin == cout else nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.b2(self.c2(F.relu(self.b1(self.c1(x)))))
        return F.relu(y + (x if self.skip is None else self.skip(x)))


class ShapesNet(nn.Module):
    """The miner's model: a strided stem (32x32 -> 16x16), three residual stages (16x16 -> 8x8 -> 4x4), global average
    pool, linear head. About 3 M multiply-adds per image: trains in minutes on two busy cores."""

    def __init__(self, width=16):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, width, 3, 2, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU())
        self.stages = nn.Sequential(Block(width, width, 1), Block(width, 2 * width, 2), Block(2 * width, 4 * width, 2))
        self.head = nn.Linear(4 * width, len(LABELS))

    def forward(self, pixel_values):
        return self.head(self.stages(self.stem(pixel_values)).mean((2, 3)))


class SmallNet(nn.Module):
    """The worse model: one conv layer of 4 channels, pooled to 4x4, and a linear head."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 5, 2, 2)
        self.head = nn.Linear(4 * 4 * 4, len(LABELS))

    def forward(self, pixel_values):
        return self.head(F.adaptive_avg_pool2d(F.relu(self.conv(pixel_values)), 4).flatten(1))


def train(model, x, y, steps, batch, lr, seed):
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=max(1, steps))
    model.train()
    for step in range(steps):
        idx = torch.randint(0, len(x), (batch,), generator=g)
        loss = F.cross_entropy(model(augment(normalise(x[idx]), g)), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 100 == 0 or step == steps - 1:
            print(f"  step {step:5d} loss {loss.item():.4f}", flush=True)
    model.eval()
    return model


@torch.no_grad()
def accuracy(model, x, y):
    return (model(normalise(x)).argmax(1) == y).float().mean().item() if len(x) else float("nan")


def export(model, out, name):
    folder = os.path.join(out, name)
    os.makedirs(os.path.join(folder, "onnx"), exist_ok=True)
    torch.onnx.export(model, (torch.zeros(1, 3, SIZE, SIZE),), os.path.join(folder, "onnx", "model.onnx"), opset_version=14,
                      input_names=["pixel_values"], output_names=["logits"],
                      dynamic_axes={"pixel_values": {0: "batch_size"}, "logits": {0: "batch_size"}})
    write_json(os.path.join(folder, "config.json"), {
        "architectures": ["ResNetForImageClassification"], "model_type": "resnet", "num_channels": 3,
        "id2label": {str(i): l for i, l in enumerate(LABELS)}, "label2id": {l: i for i, l in enumerate(LABELS)},
        "transformers.js_config": {"dtype": "fp32"}})
    write_json(os.path.join(folder, "preprocessor_config.json"), {
        "image_processor_type": "ViTImageProcessor", "do_resize": True, "size": {"height": SIZE, "width": SIZE},
        "resample": 2, "do_rescale": True, "rescale_factor": 1 / 255, "do_normalize": True,
        "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5]})


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="directory to write tiny-shapes/ and tiny-shapes-small/ into")
    ap.add_argument("--data", nargs="*", help="dumps from scripts/dump_shapes.ts (default: make --count images)")
    ap.add_argument("--work", help="where dumps are written (default: a temporary directory)")
    ap.add_argument("--count", type=int, default=6000, help="training images made by the generator")
    ap.add_argument("--strength", type=float, default=0.5, help="augmentation strength of the training images")
    ap.add_argument("--holdout", type=int, default=500, help="images kept out of training to report accuracy")
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--small-steps", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    # One thread: on a shared 2-core machine two BLAS threads spin against other work (measured 3.5x slower per step),
    # and a fixed thread count keeps the build reproducible.
    torch.set_num_threads(1)
    started = time.time()

    paths = args.data
    if not paths:
        work = args.work or tempfile.mkdtemp(prefix="subnet-image-build-")
        os.makedirs(work, exist_ok=True)
        half = args.count // 2  # two generator streams (seeds 1000 and 2000), as the committed models were built
        paths = [os.path.join(work, "train-a.bin"), os.path.join(work, "train-b.bin")]
        dump(paths[0], half, 1000, args.strength)
        dump(paths[1], args.count - half, 2000, args.strength)
    x, y = load(paths)
    xt, yt, xh, yh = x[args.holdout:], y[args.holdout:], x[:args.holdout], y[:args.holdout]
    print(f"data: {len(xt)} training, {len(xh)} held-out images ({time.time() - started:.0f} s)", flush=True)

    print("tiny-shapes", flush=True)
    big = train(ShapesNet(), xt, yt, args.steps, 64, 0.01, args.seed)
    print(f"  params {sum(p.numel() for p in big.parameters())}, held-out accuracy {accuracy(big, xh, yh):.4f}", flush=True)
    export(big, args.out, "tiny-shapes")

    print("tiny-shapes-small", flush=True)
    small = train(SmallNet(), xt, yt, args.small_steps, 64, 0.01, args.seed)
    print(f"  params {sum(p.numel() for p in small.parameters())}, held-out accuracy {accuracy(small, xh, yh):.4f}", flush=True)
    export(small, args.out, "tiny-shapes-small")
    print(f"total {time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
