"""Collects labelled files (label = extension or file name) from packages installed on this machine.

Sources: npm packages (node_modules trees), Debian packages (/usr), the Go, Rust, Ruby, PHP and
Java sources Debian ships, and pyenv's Python. Every sample records its path and the package it
came from (its group): the train/test split is by group, so the test set holds packages the model
never saw. Identical contents are kept once (the first path in sorted order wins).

Writes .work/samples/files.jsonl: {"label", "group", "source", "text"}.
"""
import hashlib
import json
import os
import random
import sys

from common import WORK, CLASSES, scrub, write_jsonl

# Roots searched, in order. Missing roots are skipped (the pipeline installs what it needs first).
ROOTS = [
    os.path.join(WORK, 'packs', 'node_modules'),
    os.path.join(WORK, 'npm', 'node_modules'),
    os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'node_modules'),
    '/usr/lib/node_modules',
    '/usr/lib/python3/dist-packages',
    '/usr/share/go-1.19',
    '/usr/share/cargo/registry',
    '/usr/lib/ruby',
    '/usr/share/rubygems-integration',
    '/usr/share/php',
    os.path.join(WORK, 'jdk-src'),
    '/usr/include',
    '/usr/src',
    '/usr/share/doc',
    '/usr/share/postgresql',
    '/usr/share/postgresql-common',
    '/usr/share/cmake-3.25',
    '/usr/share/perl5',
    '/usr/lib/x86_64-linux-gnu/perl5',
    '/usr/bin',
    '/usr/sbin',
    '/usr/lib/git-core',
    '/usr/share/xml',
    '/usr/share/mime',
    '/usr/share/gdal',
    '/usr/share/distro-info',
    '/usr/share/javascript',
    '/usr/lib/google-cloud-sdk',
    '/root/.pyenv/versions/3.11.7/lib/python3.11',
    '/root/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/share/doc',
]

MIN_BYTES = 200
MAX_BYTES = 512 * 1024
PER_GROUP = 40
PER_CLASS = 1400
SKIP_DIRS = {'.git', '__pycache__', 'test262', 'fixtures'}

by_ext = {}
by_name = {}
for c in CLASSES:
    if c['kind'] != 'file':
        continue
    for e in c.get('extensions', []):
        by_ext[e] = c['label']
    for n in c.get('names', []):
        by_name[n] = c['label']


def dpkg_owners():
    owners = {}
    info = '/var/lib/dpkg/info'
    if not os.path.isdir(info):
        return owners
    for f in sorted(os.listdir(info)):
        if f.endswith('.list'):
            pkg = f[:-5].split(':')[0]
            with open(os.path.join(info, f), errors='replace') as h:
                for line in h:
                    owners.setdefault(line.rstrip('\n'), pkg)
    return owners


OWNERS = dpkg_owners()


def group_of(path):
    """The package a file belongs to: npm package, crate, gem, Go/Python/Java module, else its Debian package."""
    parts = path.split('/')
    if 'node_modules' in parts:
        i = len(parts) - 1 - parts[::-1].index('node_modules')
        name = parts[i + 1]
        return 'npm:' + (name + '/' + parts[i + 2] if name.startswith('@') else name)
    for prefix, tag, depth in (
        ('/usr/share/cargo/registry/', 'crate', 1), ('/usr/share/go-1.19/src/', 'go', 1), ('/usr/share/go-1.19/', 'go', 2),
        ('/usr/lib/python3/dist-packages/', 'py', 1), ('/root/.pyenv/versions/3.11.7/lib/python3.11/', 'pyenv', 1),
        ('/usr/lib/ruby/', 'rb', 3), ('/usr/share/rubygems-integration/all/gems/', 'gem', 1), ('/usr/share/php/', 'php', 1),
        (os.path.join(WORK, 'jdk-src') + '/', 'jdk', 1), ('/usr/src/', 'src', 2), ('/usr/share/doc/', 'doc', 1), ('/usr/include/', 'include', 1),
        ('/usr/share/postgresql/', 'pg', 2), ('/usr/lib/google-cloud-sdk/', 'gcloud', 3),
    ):
        if path.startswith(prefix):
            rest = path[len(prefix):].split('/')
            if len(rest) > depth:
                key = '/'.join(rest[:depth])
                if tag == 'php' and rest[0] == 'Symfony' and len(rest) > 3:
                    key = '/'.join(rest[:3])
                if tag == 'pg' and len(rest) > 2:  # postgresql extension scripts: hstore--1.4.sql -> hstore
                    key = rest[2].split('--')[0].split('.')[0]
                return f'{tag}:{key}'
    owner = OWNERS.get(path)
    return 'deb:' + owner if owner else 'path:' + '/'.join(parts[:4])


def label_of(path):
    base = os.path.basename(path)
    if base in by_name:
        return by_name[base]
    if base.endswith('.d.ts'):
        return 'typescript'
    ext = base.rsplit('.', 1)[-1].lower() if '.' in base else ''
    if ext in by_ext:
        return by_ext[ext]
    return None


def shebang_label(head):
    first = head.split(b'\n', 1)[0]
    if first.startswith(b'#!') and (b'bash' in first or first.strip() in (b'#!/bin/sh', b'#! /bin/sh')):
        return 'bash'
    if first.startswith(b'#!') and b'python' in first:
        return 'python'
    return None


def walk(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for f in sorted(filenames):
            yield os.path.join(dirpath, f)


def main():
    rng = random.Random(1)
    seen = set()
    per_group = {}
    per_class = {}
    out = []
    for root in ROOTS:
        if not os.path.isdir(root):
            print(f'skip missing root {root}', file=sys.stderr)
            continue
        for path in walk(root):
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            label = label_of(path)
            in_bin = root in ('/usr/bin', '/usr/sbin', '/usr/lib/git-core')
            if label is None and not in_bin:
                continue
            try:
                size = os.path.getsize(path)
                if size < MIN_BYTES or size > MAX_BYTES:
                    continue
                with open(path, 'rb') as h:
                    data = h.read()
            except OSError:
                continue
            if in_bin:
                label = shebang_label(data[:200])
                if label is None:
                    continue
            if b'\0' in data[:8192]:
                continue
            try:
                text = data.decode('utf-8')
            except UnicodeDecodeError:
                continue
            # Minified bundles and generated parsers are data, not code anyone reads.
            lines = text.count('\n') + 1
            if len(text) / lines > 300:
                continue
            digest = hashlib.sha1(data).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            group = group_of(path)
            key = (label, group)
            if per_group.get(key, 0) >= PER_GROUP:
                continue
            per_group[key] = per_group.get(key, 0) + 1
            per_class[label] = per_class.get(label, 0) + 1
            out.append({'label': label, 'group': group, 'source': path, 'text': scrub(text)})
    # Cap each class, choosing files at random (fixed seed) rather than the first roots.
    final = []
    for label in sorted(per_class):
        items = [s for s in out if s['label'] == label]
        rng.shuffle(items)
        final.extend(items[:PER_CLASS])
    write_jsonl(os.path.join(WORK, 'samples', 'files.jsonl'), final)
    counts = {}
    for s in final:
        counts[s['label']] = counts.get(s['label'], 0) + 1
    groups = {}
    for s in final:
        groups.setdefault(s['label'], set()).add(s['group'])
    for label in sorted(counts):
        print(f'{label:12} {counts[label]:5} samples {len(groups[label]):4} groups')


if __name__ == '__main__':
    main()
