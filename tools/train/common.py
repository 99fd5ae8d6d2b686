"""Shared paths, the class list, the input spec and text scrubbing for the detector's pipeline."""
import json
import os
import re

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.environ.get('DETECTOR_WORK', os.path.join(HERE, '.work'))
MODEL_DIR = os.path.join(ROOT, 'models', 'detector')

with open(os.path.join(HERE, 'classes.json')) as _h:
    CLASSES = json.load(_h)['classes']
LABELS = [c['label'] for c in CLASSES]

# Input spec (mirrored in src/runtime/detector.ts): the first BEG, middle MID and last END bytes of
# the UTF-8 text, each padded with PAD. Short texts overlap (all three windows see the same bytes).
BEG, MID, END = 1024, 512, 1024
PAD = 256

# No host name (registries and mirrors included) appears in what the pipeline writes (team rule); nor do
# home paths. Every domain-like name becomes host.invalid: the detector learns shapes, not hosts.
_HOSTS = re.compile(r'\b(?:[a-z0-9-]+\.)+(?:org|com|io|net|dev)\b')


# Where generated projects live: their paths name the label (…/gen/cargo-test/w), which the model must not learn.
_GEN_PATHS = re.compile(re.escape(os.path.join(WORK, 'gen')) + r'/[^/\s]*')


def scrub(text):
    text = _HOSTS.sub('host.invalid', text)
    text = _GEN_PATHS.sub('/home/user/project', text)
    return text.replace(ROOT + '/', '/home/user/headroom/').replace('/root/', '/home/user/')


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as h:
        for r in rows:
            h.write(json.dumps(r, ensure_ascii=False) + '\n')


def read_jsonl(path):
    with open(path) as h:
        return [json.loads(line) for line in h if line.strip()]


def windows(data):
    """The model's input for one text: BEG + MID + END byte values (0-255, PAD for padding)."""
    n = len(data)
    beg = list(data[:BEG]) + [PAD] * max(0, BEG - n)
    end = [PAD] * max(0, END - n) + list(data[-END:] if n else b'')
    start = max(0, (n - MID) // 2)
    mid = list(data[start:start + MID])
    left = (MID - len(mid)) // 2
    mid = [PAD] * left + mid + [PAD] * (MID - len(mid) - left)
    return beg + mid + end


def windows_array(texts):
    """windows() for many texts at once, as an int32 array (what training feeds the model)."""
    out = np.full((len(texts), BEG + MID + END), PAD, dtype=np.int32)
    for i, text in enumerate(texts):
        data = np.frombuffer(text.encode('utf-8'), dtype=np.uint8)
        n = len(data)
        out[i, :min(n, BEG)] = data[:BEG]
        if n:
            tail = data[-END:]
            out[i, BEG + MID + END - len(tail):] = tail
        start = max(0, (n - MID) // 2)
        mid = data[start:start + MID]
        left = (MID - len(mid)) // 2
        out[i, BEG + left:BEG + left + len(mid)] = mid
    return out
