"""Trains the content detector, exports it to ONNX and writes models/detector/contentDetector.{onnx,json}.

Reads .work/samples/*.jsonl (collect_files.py, gen_outputs.py) and the project's fixtures, makes a
few views of each sample (whole, head, tail, a middle chunk: what a tool result or a paste may be),
splits by group (package) so the test packages are unseen, trains, reports per-class accuracy on the
unseen split, exports ONNX and writes .work/heldout.jsonl + .work/verify.jsonl for verify_ort.ts.
"""
import hashlib
import json
import os
import random
import sys
import time

import numpy as np
import torch
from torch import nn

from common import BEG, CLASSES, END, LABELS, MID, MODEL_DIR, PAD, ROOT, WORK, read_jsonl, scrub, windows, windows_array, write_jsonl

SEED = 7
TEST_SHARE = 0.2
BUCKETS = 16381  # prime: hashed n-gram ids are taken modulo it
DIM = 24
HIDDEN = 256
NGRAMS = (1, 2, 3, 4)
# Multipliers of the n-gram hash (fixed, odd, < 2^20 so int32 arithmetic cannot overflow: 4 * 256 * 2^20 < 2^31).
MULT = (1, 257, 66_047, 524_287)
ORDER_SALT = (0, 1_000_003 % 8191, 2_000_029 % 8191, 3_000_017 % 8191)
EPOCHS = int(os.environ.get('DETECTOR_EPOCHS', '11'))
BATCH = 256
LR = 1e-2
MAX_VIEWS_PER_CLASS = 2600
# The n-gram table is stored as float16 in the ONNX file (cast to float32 in the graph): twice the buckets in the
# same bytes. On a validation part of the training packages, 16,381 buckets and a 256-wide hidden layer (the file
# still under 1 MB) scored 92.2 % where 8,191 buckets in float32 and 128 hidden scored 90.7 %.
TABLE_FLOAT16 = True


def load_samples():
    rows = []
    sample_dir = os.path.join(WORK, 'samples')
    for name in sorted(os.listdir(sample_dir)):
        if name.endswith('.jsonl'):
            rows += read_jsonl(os.path.join(sample_dir, name))
    rows += fixture_samples()
    known = set(LABELS)
    return [dict(r, text=scrub(r['text'])) for r in rows if r['label'] in known and r['text'].strip()]


def fixture_samples():
    """The project's committed fixtures: real tool outputs and source files, labelled by their folder."""
    by_compressor = {}
    for c in CLASSES:
        if c['kind'] == 'output':
            by_compressor.setdefault(c['compressor'], c['label'])
    by_ext = {e: c['label'] for c in CLASSES for e in c.get('extensions', [])}
    rows = []
    root = os.path.join(ROOT, 'test', 'fixtures')
    for family in sorted(os.listdir(root)):
        for compressor in sorted(os.listdir(os.path.join(root, family))):
            d = os.path.join(root, family, compressor)
            if not os.path.isdir(d):
                continue
            for f in sorted(os.listdir(d)):
                if f.endswith('.json') or '.expected.' in f:
                    continue
                ext = f.rsplit('.', 1)[-1]
                label = by_ext.get(ext) if compressor == 'code' else by_compressor.get(compressor)
                if compressor == 'json':
                    label = 'json'
                if label is None:
                    continue
                try:
                    text = open(os.path.join(d, f), encoding='utf-8').read()
                except (UnicodeDecodeError, OSError):
                    continue
                rows.append({'label': label, 'group': f'fixture:{compressor}/{f.rsplit(".", 1)[0]}', 'source': f'test/fixtures/{family}/{compressor}/{f}', 'text': text})
    return rows


def views(sample, rng):
    """The whole text, and for longer texts a head, a tail and a middle chunk of lines."""
    text = sample['text']
    out = [text]
    lines = text.split('\n')
    if len(lines) > 40:
        k = rng.randint(15, max(16, len(lines) // 2))
        out.append('\n'.join(lines[:k]))
        out.append('\n'.join(lines[-k:]))
        if sample['label'] not in ('log',) and len(lines) > 120:
            start = rng.randrange(len(lines) - 60)
            out.append('\n'.join(lines[start:start + rng.randint(40, 200)]))
    return out


def split_groups(samples):
    """Test groups: about TEST_SHARE of each class's groups (hash-chosen), at least one per class that has two."""
    groups_by_label = {}
    for s in samples:
        groups_by_label.setdefault(s['label'], set()).add(s['group'])
    h = lambda g: hashlib.sha1(f'split:{g}'.encode()).hexdigest()
    test = {g for gs in groups_by_label.values() for g in gs if int(h(g)[:8], 16) / 2**32 < TEST_SHARE}
    for label in sorted(groups_by_label):
        gs = sorted(groups_by_label[label], key=h)
        if len(gs) >= 2 and not any(g in test for g in gs):
            test.add(gs[0])
        if all(g in test for g in gs) and len(gs) >= 2:
            test.discard(gs[-1])
    return test


class Detector(nn.Module):
    """Hashed byte n-grams (1-4) of each window, averaged per window, then a small MLP. Bytes in, probabilities out.

    Written as a handful of whole-tensor operations (one Gather; the per-window sums are one MatMul)
    so the exported graph has few nodes: per-node overhead, not arithmetic, dominates ORT-web's time.
    """

    def __init__(self, classes):
        super().__init__()
        self.table = nn.Embedding(BUCKETS, DIM)
        nn.init.normal_(self.table.weight, std=0.1)
        self.mlp = nn.Sequential(nn.Linear(3 * (DIM + 1), HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, classes))
        length = BEG + MID + END
        bounds = [(0, BEG), (BEG, BEG + MID), (BEG + MID, length)]
        # inside[n-1, i]: the n-gram starting at i stays within its window.
        inside = torch.zeros(len(NGRAMS), length)
        # segment[w, o*length + i]: position i of n-gram order o belongs to window w (per-window sums are one MatMul).
        segment = torch.zeros(3, len(NGRAMS) * length)
        for o, n in enumerate(NGRAMS):
            for w, (a, b) in enumerate(bounds):
                inside[o, a:b - n + 1] = 1
                segment[w, o * length + a:o * length + b] = 1
        self.bounds = bounds
        # Stored as booleans (1 byte each in the ONNX file, cast in the graph): as float32 they took 195 KB.
        self.register_buffer('inside', inside.bool())
        self.register_buffer('segment', segment.bool())
        self.register_buffer('window_sizes', torch.tensor([[BEG], [MID], [END]], dtype=torch.float32))
        self.register_buffer('mult', torch.tensor(MULT, dtype=torch.int64))
        self.register_buffer('salt', torch.tensor(ORDER_SALT, dtype=torch.int64).view(1, len(NGRAMS), 1))

    def forward(self, x):
        x = x.to(torch.int64)
        length = x.shape[1]
        padded = torch.cat([x, torch.full((x.shape[0], 3), PAD, dtype=torch.int64)], 1)
        valid = (padded != PAD).to(torch.float32)
        shifted = [padded[:, k:k + length] for k in range(4)]
        shifted_valid = [valid[:, k:k + length] for k in range(4)]
        ids, masks = [], []
        acc = torch.zeros_like(x)
        mask = torch.ones_like(shifted_valid[0])
        for k in range(4):
            acc = acc + shifted[k] * self.mult[k]
            mask = mask * shifted_valid[k]
            ids.append(acc)
            masks.append(mask)
        ids = torch.remainder(torch.stack(ids, 1) + self.salt, BUCKETS)  # [B, 4, L]
        masks = torch.stack(masks, 1) * self.inside.to(torch.float32)  # [B, 4, L]
        batch = x.shape[0]
        if self.training:
            # Same sums without materialising every n-gram's embedding: a weighted EmbeddingBag per window.
            counts = torch.stack([masks[:, :, a:b].sum((1, 2)) for a, b in self.bounds], 1).unsqueeze(2)  # [B, 3, 1]
            sums = torch.stack([nn.functional.embedding_bag(ids[:, :, a:b].reshape(batch, -1), self.table.weight, mode='sum',
                                                            per_sample_weights=masks[:, :, a:b].reshape(batch, -1)) for a, b in self.bounds], 1)
        else:
            segment = self.segment.to(torch.float32)
            emb = self.table(ids.reshape(batch, -1)) * masks.reshape(batch, -1, 1)  # [B, 4L, D]
            sums = torch.matmul(segment, emb)  # [B, 3, D]
            counts = torch.matmul(segment, masks.reshape(batch, -1, 1))  # [B, 3, 1]
        filled = torch.matmul(self.segment[:, :length].to(torch.float32), valid[:, :length].unsqueeze(-1)) / self.window_sizes  # [B, 3, 1]
        feats = torch.cat([sums / torch.clamp(counts, min=1.0), filled], 2).reshape(batch, -1)
        return self.mlp(feats)


class Exported(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return torch.softmax(self.model(x), dim=1)


def features(texts):
    out = windows_array(texts)
    for i in range(0, len(texts), max(1, len(texts) // 20)):  # the fast path must equal the spec
        assert out[i].tolist() == windows(texts[i].encode('utf-8')), f'windows_array differs from windows on sample {i}'
    return out


def main():
    torch.manual_seed(SEED)
    torch.set_num_threads(int(os.environ.get('DETECTOR_THREADS', '1')))
    rng = random.Random(SEED)
    samples = load_samples()
    test_groups = split_groups(samples)
    train_rows, test_rows = [], []
    for s in samples:
        target = test_rows if s['group'] in test_groups else train_rows
        for v in (views(s, rng) if s['group'] not in test_groups else [s['text']] + views(s, rng)[1:2]):
            if len(v.strip()) >= 40:
                target.append({'label': s['label'], 'group': s['group'], 'source': s['source'], 'text': v})
    # Cap views per class so the big classes do not drown the small ones.
    rng.shuffle(train_rows)
    capped, per = [], {}
    for r in train_rows:
        if per.get(r['label'], 0) < MAX_VIEWS_PER_CLASS:
            per[r['label']] = per.get(r['label'], 0) + 1
            capped.append(r)
    train_rows = capped
    index = {l: i for i, l in enumerate(LABELS)}
    stats = {l: {'samples': 0, 'groups': set(), 'train_views': 0, 'test_views': 0} for l in LABELS}
    for s in samples:
        stats[s['label']]['samples'] += 1
        stats[s['label']]['groups'].add(s['group'])
    for r in train_rows:
        stats[r['label']]['train_views'] += 1
    for r in test_rows:
        stats[r['label']]['test_views'] += 1
    missing = [l for l in LABELS if stats[l]['train_views'] == 0]
    if missing and not os.environ.get('DETECTOR_ALLOW_MISSING'):
        sys.exit(f'no training data for: {", ".join(missing)}')

    xtr = torch.from_numpy(features([r['text'] for r in train_rows]))
    ytr = torch.tensor([index[r['label']] for r in train_rows])
    xte = torch.from_numpy(features([r['text'] for r in test_rows]))
    yte = torch.tensor([index[r['label']] for r in test_rows])
    print(f'{len(samples)} samples, {len(train_rows)} train views, {len(test_rows)} test views, {len(test_groups)} test groups', flush=True)

    model = Detector(len(LABELS))
    # Classes weigh the same whatever their size.
    counts = torch.bincount(ytr, minlength=len(LABELS)).float()
    weights = (counts.sum() / (len(LABELS) * counts.clamp(min=1))).clamp(max=10)
    loss_fn = nn.CrossEntropyLoss(weight=weights, label_smoothing=0.05)
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=1e-4)
    steps = EPOCHS * ((len(train_rows) + BATCH - 1) // BATCH)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=LR, total_steps=steps, pct_start=0.15)
    gen = torch.Generator().manual_seed(SEED)
    for epoch in range(EPOCHS):
        start = time.time()
        model.train()
        order = torch.randperm(len(train_rows), generator=gen)
        total = 0.0
        for i in range(0, len(order), BATCH):
            batch = order[i:i + BATCH]
            opt.zero_grad()
            loss = loss_fn(model(xtr[batch]), ytr[batch])
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(batch)
        acc = evaluate(model, xte, yte)[0]
        print(f'epoch {epoch + 1}: loss {total / len(train_rows):.4f}, unseen accuracy {acc:.4f} ({time.time() - start:.0f}s)', flush=True)

    round_table(model)
    acc, pred, probs = evaluate(model, xte, yte)
    per_class = {}
    for l in LABELS:
        mask = yte == index[l]
        n = int(mask.sum())
        per_class[l] = {'test': n, 'correct': int((pred[mask] == index[l]).sum()) if n else 0}
    confusions = {}
    for t, p in zip(yte.tolist(), pred.tolist()):
        if t != p:
            key = f'{LABELS[t]} -> {LABELS[p]}'
            confusions[key] = confusions.get(key, 0) + 1
    print(f'unseen accuracy {acc:.4f}')
    for l in LABELS:
        c = per_class[l]
        print(f'  {l:12} {c["correct"]:5}/{c["test"]:<5} {100 * c["correct"] / max(1, c["test"]):6.1f}%')
    print('confusions:', json.dumps(dict(sorted(confusions.items(), key=lambda kv: -kv[1])[:25])))

    torch.save(model.state_dict(), os.path.join(WORK, 'detector.pt'))
    export(model, stats, per_class, acc, len(samples), len(train_rows), len(test_rows), len(test_groups))
    write_jsonl(os.path.join(WORK, 'heldout.jsonl'), [{'label': r['label'], 'group': r['group'], 'source': r['source'], 'text': r['text']} for r in test_rows])
    check = list(range(0, len(test_rows), max(1, len(test_rows) // 400)))
    write_jsonl(os.path.join(WORK, 'verify.jsonl'), [{'text': test_rows[i]['text'], 'features_sha1': hashlib.sha1(xte[i].numpy().astype('<i4').tobytes()).hexdigest(),
                                                      'probs': [round(float(v), 7) for v in probs[i]]} for i in check])


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        probs = torch.cat([torch.softmax(model(x[i:i + 256]), 1) for i in range(0, len(x), 256)])
    pred = probs.argmax(1)
    return float((pred == y).float().mean()), pred, probs


def round_table(model):
    """Rounds the n-gram table to float16, the precision it is stored in, so PyTorch and ONNX compute the same."""
    if TABLE_FLOAT16:
        with torch.no_grad():
            model.table.weight.copy_(model.table.weight.half().float())


def table_to_float16(path):
    """Stores the n-gram table as float16 (half the bytes: twice the buckets in the same file) and casts the rows
    its Gather picks to float32 inside the graph; the values are the ones round_table() gave PyTorch."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    graph_model = onnx.load(path)
    graph = graph_model.graph
    table = next(i for i in graph.initializer if i.name == 'model.table.weight')
    table.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(table).astype(np.float16), table.name))
    k, gather = next((k, n) for k, n in enumerate(graph.node) if n.op_type == 'Gather' and n.input[0] == table.name)
    rows = gather.output[0]
    gather.output[0] = rows + '_float16'
    graph.node.insert(k + 1, helper.make_node('Cast', [gather.output[0]], [rows], to=TensorProto.FLOAT, name='/model/table/Cast'))
    onnx.checker.check_model(graph_model)
    onnx.save(graph_model, path)


def export(model, stats, per_class, acc, n_samples, n_train, n_test, n_test_groups):
    os.makedirs(MODEL_DIR, exist_ok=True)
    path = os.path.join(MODEL_DIR, 'contentDetector.onnx')
    model.eval()
    dummy = torch.full((1, BEG + MID + END), PAD, dtype=torch.int32)
    torch.onnx.export(Exported(model), dummy, path, input_names=['bytes'], output_names=['probabilities'],
                      dynamic_axes={'bytes': {0: 'n'}, 'probabilities': {0: 'n'}}, opset_version=13, do_constant_folding=False)
    if TABLE_FLOAT16:
        table_to_float16(path)
    data = open(path, 'rb').read()
    meta = {
        'comment': 'Content-type detector trained by tools/train (see its README). sha256 is the hash of contentDetector.onnx.',
        'sha256': hashlib.sha256(data).hexdigest(),
        'bytes': len(data),
        'input': {'name': 'bytes', 'dtype': 'int32', 'beg': BEG, 'mid': MID, 'end': END, 'pad': PAD,
                  'doc': 'first beg, middle mid (centred) and last end bytes of the UTF-8 text, padded with pad'},
        'output': {'name': 'probabilities', 'dtype': 'float32'},
        'model': {'kind': 'hashed byte 1-4-grams per window, averaged, then an MLP', 'buckets': BUCKETS, 'dim': DIM, 'hidden': HIDDEN,
                  'table_dtype': 'float16' if TABLE_FLOAT16 else 'float32',
                  'parameters': sum(p.numel() for p in model.parameters()), 'epochs': EPOCHS, 'torch': torch.__version__},
        'classes': [{k: c[k] for k in ('label', 'type', 'compressor', 'language') if k in c} for c in CLASSES],
        'dataset': {'samples': n_samples, 'train_views': n_train, 'test_views': n_test, 'test_groups': n_test_groups,
                    'per_class': {l: {'samples': s['samples'], 'groups': len(s['groups']), 'train_views': s['train_views'], 'test_views': s['test_views']} for l, s in stats.items()}},
        'eval': {'split': 'by group (package); test groups unseen in training', 'torch_accuracy': round(acc, 4),
                 'per_class': {l: v for l, v in per_class.items()}},
    }
    with open(os.path.join(MODEL_DIR, 'contentDetector.json'), 'w') as h:
        json.dump(meta, h, indent=1)
        h.write('\n')
    print(f'wrote {path} ({len(data)} bytes, sha256 {meta["sha256"][:12]})')


if __name__ == '__main__':
    main()
