#!/usr/bin/python3
"""Rebuilds the text subnet's tiny offline models from a public-domain corpus (the King James Bible).

  tiny-gpt2         GPT-2 architecture (2 layers, 4 heads, d=128, ctx 128), byte-level BPE of 1024 tokens, trained
  tiny-gpt2-random  a smaller GPT-2 (1 layer, d=64) with the same tokenizer, random weights: the "lazy" cheap model
  tiny-bert         BERT encoder (2 layers, 4 heads, d=64), WordPiece vocabulary, contrastive (SimCSE-style) training

Each is written in the layout transformers.js 4 loads (config.json, tokenizer files, onnx/model.onnx). Needs only
Debian packages: python3-torch python3-onnx python3-numpy libopenblas0-pthread bible-kjv. See subnets/text/README.md.
Run with Debian's interpreter (/usr/bin/python3): a pyenv python3 does not see Debian's torch.
"""
import argparse
import collections
import json
import math
import os
import random
import re
import subprocess
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

EOT = "<|endoftext|>"


# ---- corpus -----------------------------------------------------------------------------------------------------

def read_corpus(path):
    """Verses of the KJV as printed by `bible gen1:1-rev22:21`: verse numbers and book headings removed."""
    text = open(path, encoding="utf-8").read() if path else subprocess.run(
        ["bible", "gen1:1-rev22:21"], capture_output=True, text=True, check=True).stdout
    verses, current = [], []
    for line in text.splitlines():
        m = re.match(r"^\s+(\d+)\s+(.*)$", line)
        if m:  # "  20 And Adam gave names …": a new verse
            if current:
                verses.append(" ".join(current))
            current = [m.group(2).strip()]
        elif line.strip() and current:  # its continuation lines are not indented
            current.append(line.strip())
        elif current:  # a blank line ends it; a book heading ("Genesis 2") follows one and is skipped
            verses.append(" ".join(current))
            current = []
    if current:
        verses.append(" ".join(current))
    return [v for v in verses if v]


# ---- byte-level BPE (GPT-2 style) -------------------------------------------------------------------------------

def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


# GPT-2's pre-tokenizer pattern, restricted to what `re` supports; the same on ASCII text as the tokenizer's own.
PRETOKEN = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+""")


def train_bpe(texts, vocab_size):
    """Merges until `vocab_size - 1` symbols (the last id is <|endoftext|>), with incremental pair counts."""
    byte_map = bytes_to_unicode()
    words = collections.Counter()
    for t in texts:
        for w in PRETOKEN.findall(t):
            words["".join(byte_map[b] for b in w.encode("utf-8"))] += 1
    vocab = [byte_map[b] for b in range(256)]
    seqs = {w: list(w) for w in words}
    pairs = collections.Counter()
    where = collections.defaultdict(set)
    for w, s in seqs.items():
        for a, b in zip(s, s[1:]):
            pairs[(a, b)] += words[w]
            where[(a, b)].add(w)
    merges = []
    while len(vocab) < vocab_size - 1 and pairs:
        best = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))[0]
        merges.append(best)
        joined = best[0] + best[1]
        vocab.append(joined)
        for w in list(where[best]):
            s = seqs[w]
            f = words[w]
            for a, b in zip(s, s[1:]):
                pairs[(a, b)] -= f
                if pairs[(a, b)] <= 0:
                    del pairs[(a, b)]
            out, i = [], 0
            while i < len(s):
                if i + 1 < len(s) and (s[i], s[i + 1]) == best:
                    out.append(joined)
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            seqs[w] = out
            for a, b in zip(out, out[1:]):
                pairs[(a, b)] += f
                where[(a, b)].add(w)
        where.pop(best, None)
    return vocab, merges


def bpe_encode(text, ranks, ids, byte_map, cache):
    out = []
    for w in PRETOKEN.findall(text):
        if w not in cache:
            s = [byte_map[b] for b in w.encode("utf-8")]
            while len(s) > 1:
                cand = [(ranks.get((a, b), 1 << 30), i) for i, (a, b) in enumerate(zip(s, s[1:]))]
                rank, i = min(cand)
                if rank == 1 << 30:
                    break
                s = s[:i] + [s[i] + s[i + 1]] + s[i + 2:]
            cache[w] = [ids[x] for x in s]
        out.extend(cache[w])
    return out


def gpt2_tokenizer_json(vocab, merges):
    eot_id = len(vocab)
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": eot_id, "content": EOT, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True}],
        "normalizer": None, "pre_tokenizer": byte_level, "post_processor": byte_level, "decoder": byte_level,
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": {**{t: i for i, t in enumerate(vocab)}, EOT: eot_id}, "merges": [f"{a} {b}" for a, b in merges]},
    }


# ---- GPT-2 ------------------------------------------------------------------------------------------------------

def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.ln_1, self.ln_2 = nn.LayerNorm(d, eps=1e-5), nn.LayerNorm(d, eps=1e-5)
        self.c_attn, self.attn_proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.c_fc, self.mlp_proj = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)

    def forward(self, x, mask, past_k, past_v):
        b, t, d = x.shape
        h, hd = self.heads, d // self.heads
        q, k, v = self.c_attn(self.ln_1(x)).split(d, dim=2)
        q, k, v = (z.view(b, t, h, hd).transpose(1, 2) for z in (q, k, v))
        k, v = torch.cat([past_k, k], dim=2), torch.cat([past_v, v], dim=2)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hd) + mask
        y = (F.softmax(att, dim=-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.attn_proj(y)
        return x + self.mlp_proj(gelu_new(self.c_fc(self.ln_2(x)))), k, v


class GPT2(nn.Module):
    def __init__(self, vocab, ctx, d, layers, heads):
        super().__init__()
        self.heads, self.d = heads, d
        self.wte, self.wpe = nn.Embedding(vocab, d), nn.Embedding(ctx, d)
        self.blocks = nn.ModuleList([Block(d, heads) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d, eps=1e-5)
        self.apply(lambda m: nn.init.normal_(m.weight, std=0.02) if isinstance(m, (nn.Linear, nn.Embedding)) else None)

    def forward(self, input_ids, attention_mask, position_ids, *past):
        b, t = input_ids.shape
        x = self.wte(input_ids) + self.wpe(position_ids)
        p = attention_mask.shape[1] - t
        causal = torch.ones(t, p + t, dtype=torch.bool).tril(diagonal=p)
        allowed = causal.unsqueeze(0).unsqueeze(0) & attention_mask.bool().unsqueeze(1).unsqueeze(2)
        mask = torch.zeros(allowed.shape).masked_fill(~allowed, -1e9)
        presents = []
        for i, block in enumerate(self.blocks):
            x, k, v = block(x, mask, past[2 * i], past[2 * i + 1])
            presents += [k, v]
        return (self.ln_f(x) @ self.wte.weight.T, *presents)

    def empty_past(self, b, n=0):
        hd = self.d // self.heads
        return [torch.zeros(b, self.heads, n, hd) for _ in range(2 * len(self.blocks))]


def train_gpt2(model, stream, steps, ctx, batch, seed):
    if steps == 0:
        return None
    g = torch.Generator().manual_seed(seed)
    data = torch.tensor(stream, dtype=torch.long)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps, pct_start=0.1)
    loss = None
    for step in range(steps):
        starts = torch.randint(0, len(data) - ctx - 1, (batch,), generator=g)
        x = torch.stack([data[s:s + ctx] for s in starts])
        y = torch.stack([data[s + 1:s + ctx + 1] for s in starts])
        pos = torch.arange(ctx).unsqueeze(0).expand(batch, ctx)
        logits = model(x, torch.ones_like(x), pos, *model.empty_past(batch))[0]
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 50 == 0 or step == steps - 1:
            print(f"  gpt2 step {step} loss {loss.item():.3f}", flush=True)
    return loss.item()


def export_gpt2(model, out, vocab, merges, layers, heads, d, ctx):
    os.makedirs(f"{out}/onnx", exist_ok=True)
    model.eval()
    P = 3  # traced with a non-empty past so nothing specialises on an empty cache
    ids = torch.randint(0, len(vocab), (1, 2))
    past = model.empty_past(1, P)
    names_past = [f"past_key_values.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    names_present = [f"present.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "past_sequence_length + sequence_length"},
            "position_ids": {0: "batch_size", 1: "sequence_length"},
            "logits": {0: "batch_size", 1: "sequence_length"},
            **{n: {0: "batch_size", 2: "past_sequence_length"} for n in names_past},
            **{n: {0: "batch_size", 2: "past_sequence_length + sequence_length"} for n in names_present}}
    torch.onnx.export(model, (ids, torch.ones(1, P + 2, dtype=torch.long), torch.tensor([[P, P + 1]]), *past),
                      f"{out}/onnx/model.onnx", opset_version=14, input_names=["input_ids", "attention_mask", "position_ids", *names_past],
                      output_names=["logits", *names_present], dynamic_axes=axes)
    eot = len(vocab)
    write_json(f"{out}/config.json", {
        "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": eot + 1, "n_positions": ctx, "n_ctx": ctx,
        "n_embd": d, "n_layer": layers, "n_head": heads, "n_inner": None, "activation_function": "gelu_new",
        "layer_norm_epsilon": 1e-5, "bos_token_id": eot, "eos_token_id": eot, "tie_word_embeddings": True, "use_cache": True,
        "transformers.js_config": {"dtype": "fp32"}})
    write_json(f"{out}/generation_config.json", {"bos_token_id": eot, "eos_token_id": eot, "max_length": ctx})
    write_json(f"{out}/tokenizer.json", gpt2_tokenizer_json(vocab, merges))
    write_json(f"{out}/tokenizer_config.json", {
        "tokenizer_class": "GPT2Tokenizer", "bos_token": EOT, "eos_token": EOT, "unk_token": EOT, "model_max_length": ctx,
        "add_prefix_space": False, "clean_up_tokenization_spaces": False,
        "chat_template": "{% for m in messages %}{{ m['role'] | capitalize }}: {{ m['content'] }}\n{% endfor %}"
                         "{% if add_generation_prompt %}Assistant:{% endif %}"})


# ---- BERT embedder ----------------------------------------------------------------------------------------------

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def bert_words(text):
    return re.findall(r"[a-z0-9]+|[^\sa-z0-9]", text.lower())


def wordpiece_vocab(texts, size):
    counts = collections.Counter(w for t in texts for w in bert_words(t))
    chars = sorted({c for w in counts for c in w})
    vocab = SPECIALS + chars + ["##" + c for c in chars]
    for w, _ in counts.most_common():
        if len(vocab) >= size:
            break
        if w not in vocab:
            vocab.append(w)
    return vocab


def wordpiece_encode(text, index, max_len):
    ids = [index["[CLS]"]]
    for w in bert_words(text):
        if w in index:
            ids.append(index[w])
        else:
            ids += [index.get(w[0], 1)] + [index.get("##" + c, 1) for c in w[1:]]
    return ids[:max_len - 1] + [index["[SEP]"]]


class Bert(nn.Module):
    def __init__(self, vocab, d, layers, heads, ctx):
        super().__init__()
        self.word, self.pos, self.token_type = nn.Embedding(vocab, d), nn.Embedding(ctx, d), nn.Embedding(2, d)
        self.ln = nn.LayerNorm(d, eps=1e-12)
        layer = nn.TransformerEncoderLayer(d, heads, 4 * d, dropout=0.0, activation="gelu", batch_first=True, layer_norm_eps=1e-12)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)

    def forward(self, input_ids, attention_mask, token_type_ids):
        pos = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.ln(self.word(input_ids) + self.pos(pos) + self.token_type(token_type_ids))
        return self.encoder(x, src_key_padding_mask=attention_mask == 0)


def train_bert(model, verses, index, steps, batch, seed):
    rng = random.Random(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)

    def view(text):  # word dropout: two views of one verse are a positive pair
        words = text.split()
        kept = [w for w in words if rng.random() > 0.2] or words[:1]
        return wordpiece_encode(" ".join(kept), index, 64)

    def embed(seqs):
        n = max(len(s) for s in seqs)
        ids = torch.tensor([s + [0] * (n - len(s)) for s in seqs])
        mask = (ids != 0).long()
        h = model(ids, mask, torch.zeros_like(ids))
        return F.normalize((h * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True), dim=-1)

    for step in range(steps):
        picked = rng.sample(verses, batch)
        a, b = embed([view(t) for t in picked]), embed([view(t) for t in picked])
        loss = F.cross_entropy(a @ b.T / 0.05, torch.arange(batch))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 50 == 0 or step == steps - 1:
            print(f"  bert step {step} loss {loss.item():.3f}", flush=True)


def export_bert(model, out, vocab, d, layers, heads, ctx):
    os.makedirs(f"{out}/onnx", exist_ok=True)
    model.eval()
    ids = torch.tensor([[2, 10, 11, 12, 3], [2, 13, 3, 0, 0]])
    mask = (ids != 0).long()
    axes = {n: {0: "batch_size", 1: "sequence_length"} for n in ("input_ids", "attention_mask", "token_type_ids", "last_hidden_state")}
    torch.onnx.export(model, (ids, mask, torch.zeros_like(ids)), f"{out}/onnx/model.onnx", opset_version=14,
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["last_hidden_state"], dynamic_axes=axes)
    write_json(f"{out}/config.json", {
        "architectures": ["BertModel"], "model_type": "bert", "vocab_size": len(vocab), "hidden_size": d, "num_hidden_layers": layers,
        "num_attention_heads": heads, "intermediate_size": 4 * d, "max_position_embeddings": ctx, "type_vocab_size": 2,
        "pad_token_id": 0, "transformers.js_config": {"dtype": "fp32"}})
    special = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
               for i, t in enumerate(SPECIALS)]
    write_json(f"{out}/tokenizer.json", {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": special,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {"type": "TemplateProcessing",
                           "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                      {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                           "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                    {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                                    {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                           "special_tokens": {t: {"id": t, "ids": [SPECIALS.index(t)], "tokens": [t]} for t in ("[CLS]", "[SEP]")}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
                  "vocab": {t: i for i, t in enumerate(vocab)}}})
    write_json(f"{out}/tokenizer_config.json", {
        "tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": ctx, "cls_token": "[CLS]", "sep_token": "[SEP]",
        "pad_token": "[PAD]", "unk_token": "[UNK]", "mask_token": "[MASK]", "clean_up_tokenization_spaces": True})


def write_json(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="directory to write tiny-gpt2/, tiny-gpt2-random/ and tiny-bert/ into")
    ap.add_argument("--corpus", help="KJV text as printed by `bible gen1:1-rev22:21` (default: run it)")
    ap.add_argument("--gpt-steps", type=int, default=300)
    ap.add_argument("--bert-steps", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    started = time.time()
    verses = read_corpus(args.corpus)
    print(f"corpus: {len(verses)} verses", flush=True)

    vocab, merges = train_bpe(verses, 1024)
    ranks = {m: i for i, m in enumerate(merges)}
    ids = {t: i for i, t in enumerate(vocab)}
    byte_map, cache = bytes_to_unicode(), {}
    stream = []
    for v in verses:
        stream += bpe_encode(v + "\n", ranks, ids, byte_map, cache)
    print(f"bpe: {len(vocab) + 1} tokens, corpus {len(stream)} tokens ({time.time() - started:.0f} s)", flush=True)

    for name, layers, heads, d, steps in (("tiny-gpt2", 2, 4, 128, args.gpt_steps), ("tiny-gpt2-random", 1, 2, 64, 0)):
        model = GPT2(len(vocab) + 1, 128, d, layers, heads)
        loss = train_gpt2(model, stream, steps, 128, 32, args.seed)
        export_gpt2(model, f"{args.out}/{name}", vocab, merges, layers, heads, d, 128)
        print(f"{name}: {sum(p.numel() for p in model.parameters())} parameters, final loss {loss} ({time.time() - started:.0f} s)", flush=True)

    bert_vocab = wordpiece_vocab(verses, 3073)
    bert = Bert(len(bert_vocab), 64, 2, 4, 128)
    train_bert(bert, verses, {t: i for i, t in enumerate(bert_vocab)}, args.bert_steps, 64, args.seed)
    export_bert(bert, f"{args.out}/tiny-bert", bert_vocab, 64, 2, 4, 128)
    print(f"tiny-bert: {sum(p.numel() for p in bert.parameters())} parameters ({time.time() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
