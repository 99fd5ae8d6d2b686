"""Generates labelled tool outputs by running the real tools on real packages and on small projects.

Every output is what the tool printed (stdout and stderr together, no colour), run on code from one
package of .work/samples/files.jsonl (linters and compilers, on real files, some with one line
deleted so compilers have something to say) or on a small project built here from that package's
identifiers (test runners with some failing tests). The output's group is that package, so the
split by group keeps the package's files and the outputs made from them on the same side.

Usage: gen_outputs.py [label ...]   (default: every generator). Appends to .work/samples/outputs-<label>.jsonl.
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

from common import WORK, ROOT, read_jsonl, scrub, write_jsonl

GEN = os.path.join(WORK, 'gen')
VENV = os.path.join(WORK, 'venv', 'bin')
NPM_BIN = os.path.join(WORK, 'npm', 'node_modules', '.bin')
PROJECT_BIN = os.path.join(ROOT, 'node_modules', '.bin')
ENV = dict(os.environ, NO_COLOR='1', TERM='dumb', CI='1', LC_ALL='C.UTF-8', CARGO_TERM_COLOR='never',
           GIT_AUTHOR_DATE='2026-03-01T10:00:00Z', GIT_COMMITTER_DATE='2026-03-01T10:00:00Z', PAGER='cat', GIT_PAGER='cat')
ENV.pop('NODE_OPTIONS', None)
ENV.pop('FORCE_COLOR', None)  # some tools take its mere presence as 'force colour'
# What the engine strips before routing (src/compressors/shared/terminal.ts): the detector sees the same.
ANSI = re.compile(r'\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[@-Z\\-_]')

FILES = None


def files(label):
    global FILES
    if FILES is None:
        FILES = read_jsonl(os.path.join(WORK, 'samples', 'files.jsonl'))
    return [f for f in FILES if f['label'] == label]


def by_group(label):
    groups = {}
    for f in files(label):
        groups.setdefault(f['group'], []).append(f)
    return groups


def run(cmd, cwd, timeout=300, env=None):
    try:
        p = subprocess.run(['nice', '-n', '19'] + cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout, env=env or ENV)
        return p.stdout.decode('utf-8', errors='replace')
    except (subprocess.TimeoutExpired, FileNotFoundError, OSError) as e:
        print(f'  failed {cmd[:3]}: {e}', file=sys.stderr)
        return ''


def fresh(name):
    d = os.path.join(GEN, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def identifiers(group_files, rng, n):
    words = set()
    for f in group_files[:20]:
        words.update(re.findall(r'\b(?:def|function|fn|func|class|const|let)\s+([A-Za-z_][A-Za-z0-9_]{2,30})', f['text']))
    words = sorted(words) or ['value', 'parse', 'render', 'update', 'config', 'items', 'total', 'format']
    return [rng.choice(words) for _ in range(n)]


def snake(word):
    return re.sub(r'(?<!^)(?=[A-Z])', '_', word).lower()


def delete_line(text, rng):
    lines = text.split('\n')
    code = [i for i, l in enumerate(lines) if l.strip() and not l.strip().startswith(('//', '#', '*', '/*'))]
    if code:
        del lines[rng.choice(code)]
    return '\n'.join(lines)


def pick_groups(label, rng, count):
    groups = by_group(label)
    names = sorted(groups)
    rng.shuffle(names)
    return [(g, groups[g]) for g in names[:count]]


# ---- linters and compilers on real files ---------------------------------------------------------

def gen_python_linters(rng, label, tool):
    out = []
    for group, fs in pick_groups('python', rng, 30 if tool == 'mypy' else 140):
        chosen = rng.sample(fs, min(len(fs), rng.randint(1, 4)))
        d = fresh(f'{label}/w')
        names = []
        for i, f in enumerate(chosen):
            name = f"{group.split(':')[-1].replace('/', '_')}_{i}_{os.path.basename(f['source'])}"
            open(os.path.join(d, name), 'w').write(f['text'])
            names.append(name)
        if tool == 'flake8':
            cmd = [os.path.join(VENV, 'flake8')] + rng.choice([[], ['--max-line-length=120'], ['--select=E,W,F'], ['--count'], ['--statistics', '--count']]) + names
        elif tool == 'ruff':
            cmd = [os.path.join(VENV, 'ruff'), 'check', '--isolated', '--no-cache'] + rng.choice([[], ['--select', 'ALL'], ['--select', 'E,F,W,I,B,UP'], ['--output-format', 'concise', '--select', 'ALL'], ['--statistics', '--select', 'ALL']]) + names
        else:
            cmd = [os.path.join(VENV, 'mypy'), '--cache-dir', os.path.join(GEN, 'mypy-cache'), '--ignore-missing-imports'] + rng.choice([[], ['--strict'], ['--check-untyped-defs'], ['--pretty', '--strict'], ['--show-error-codes', '--disallow-untyped-defs']]) + names
        text = run(cmd, d, timeout=300)
        if text.strip() and 'Success: no issues' not in text and 'All checks passed' not in text:
            out.append((text, group, ' '.join(['flake8' if tool == 'flake8' else tool] + cmd[1:])))
    return out


def gen_tsc(rng):
    out = []
    for group, fs in pick_groups('typescript', rng, 90):
        chosen = [f for f in fs if not f['source'].endswith('.d.ts')] or fs
        chosen = rng.sample(chosen, min(len(chosen), rng.randint(1, 3)))
        d = fresh('tsc/w')
        names = []
        for i, f in enumerate(chosen):
            name = f'src/{i}_{os.path.basename(f["source"])}'
            os.makedirs(os.path.join(d, 'src'), exist_ok=True)
            text = f['text'] if rng.random() < 0.6 else delete_line(f['text'], rng)
            open(os.path.join(d, name), 'w').write(text)
            names.append(name)
        flags = rng.choice([['--strict'], [], ['--strict', '--pretty'], ['--pretty'], ['--noImplicitAny']])
        cmd = [os.path.join(PROJECT_BIN, 'tsc'), '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext'] + flags + names
        text = run(cmd, d, timeout=300)
        if 'error TS' in text:
            out.append((text, group, 'tsc --noEmit ' + ' '.join(flags)))
    return out


ESLINT_CONFIG = """export default [{ files: ['**/*.js', '**/*.cjs', '**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: '%s', globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly' } },
  rules: { 'no-unused-vars': 'error', 'no-undef': 'error', 'no-var': 'warn', 'prefer-const': 'warn', eqeqeq: 'warn', 'no-console': 'warn', semi: 'off', 'no-empty': 'error', 'no-prototype-builtins': 'warn', curly: 'warn', 'no-shadow': 'warn', 'no-redeclare': 'error', 'no-unreachable': 'error', 'no-fallthrough': 'warn', 'no-param-reassign': 'warn' } }];
"""


def gen_eslint(rng):
    out = []
    for group, fs in pick_groups('javascript', rng, 120):
        chosen = rng.sample(fs, min(len(fs), rng.randint(1, 5)))
        d = fresh('eslint/w')
        open(os.path.join(d, 'eslint.config.mjs'), 'w').write(ESLINT_CONFIG % rng.choice(['commonjs', 'module']))
        names = []
        for i, f in enumerate(chosen):
            ext = '.mjs' if f['source'].endswith('.mjs') else '.js'
            name = f'lib/{i}_{os.path.basename(f["source"]).rsplit(".", 1)[0]}{ext}'
            os.makedirs(os.path.join(d, 'lib'), exist_ok=True)
            open(os.path.join(d, name), 'w').write(f['text'])
            names.append(name)
        flags = rng.choice([[], [], ['--max-warnings', '0'], ['--quiet']])
        text = run([os.path.join(PROJECT_BIN, 'eslint')] + flags + names, d, timeout=120)
        if re.search(r'\d+ problems?', text):
            out.append((text, group, 'eslint ' + ' '.join(flags + ['lib/'])))
    return out


def gen_gcc(rng):
    out = []
    sources = [('c', g, fs) for g, fs in pick_groups('c', rng, 60)] + [('cpp', g, fs) for g, fs in pick_groups('cpp', rng, 50)]
    for lang, group, fs in sources:
        f = rng.choice(fs)
        d = fresh('gcc/w')
        ext = '.c' if lang == 'c' else '.cpp'
        name = re.sub(r'[^A-Za-z0-9_]', '_', os.path.basename(f['source']).rsplit('.', 1)[0]) + ext
        text = f['text'] if rng.random() < 0.4 else delete_line(delete_line(f['text'], rng), rng)
        open(os.path.join(d, name), 'w').write(text)
        compiler = rng.choice(['gcc', 'clang']) if lang == 'c' else rng.choice(['g++', 'clang++'])
        inc = ['-I', os.path.dirname(f['source'])]
        flags = rng.choice([['-Wall', '-Wextra'], ['-Wall'], ['-Wall', '-Wextra', '-pedantic'], []])
        if rng.random() < 0.35:
            open(os.path.join(d, 'Makefile'), 'w').write(f'CC={compiler}\nCFLAGS={" ".join(flags + inc)}\nall: {name.rsplit(".", 1)[0]}.o\n%.o: %{ext}\n\t$(CC) $(CFLAGS) -c $< -o $@\n')
            cmd, shown = ['make'], 'make'
        else:
            cmd = [compiler, '-fsyntax-only'] + flags + inc + [name]
            shown = ' '.join([compiler, '-fsyntax-only'] + flags + [name])
        result = run(cmd, d, timeout=120)
        if re.search(r'(error|warning):', result):
            out.append((result, group, shown))
    return out


def cargo_project(d, name):
    os.makedirs(os.path.join(d, 'src'), exist_ok=True)
    open(os.path.join(d, 'Cargo.toml'), 'w').write(f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n')


def gen_cargo_build(rng):
    out = []
    for group, fs in pick_groups('rust', rng, 60):
        crate_dir = None
        for f in fs:
            m = re.match(r'(/usr/share/cargo/registry/[^/]+)/', f['source'])
            if m:
                crate_dir = m.group(1)
                break
        if not crate_dir or not os.path.isfile(os.path.join(crate_dir, 'src', 'lib.rs')):
            continue
        d = fresh('cargo-build/w')
        name = re.sub(r'[^a-z0-9_]', '_', os.path.basename(crate_dir).rsplit('-', 1)[0].lower()) or 'demo'
        cargo_project(d, name)
        shutil.rmtree(os.path.join(d, 'src'))
        shutil.copytree(os.path.join(crate_dir, 'src'), os.path.join(d, 'src'))
        if rng.random() < 0.5:
            lib = os.path.join(d, 'src', 'lib.rs')
            open(lib, 'w').write(delete_line(open(lib).read(), rng))
        sub = rng.choice([['check'], ['build'], ['check', '--message-format', 'short'], ['clippy'], ['build', '--release']])
        text = run(['cargo'] + sub + ['--offline'], d, timeout=300, env=dict(ENV, CARGO_TARGET_DIR=os.path.join(GEN, 'cargo-target')))
        if re.search(r'^(error|warning)(\[|:)', text, re.M):
            out.append((text, group, 'cargo ' + ' '.join(sub)))
    return out


def gen_go_build(rng):
    out = []
    for group, fs in pick_groups('go', rng, 70):
        goods = [f for f in fs if not f['source'].endswith('_test.go')]
        if not goods:
            continue
        pkg_dir = os.path.dirname(rng.choice(goods)['source'])
        d = fresh('go-build/w')
        open(os.path.join(d, 'go.mod'), 'w').write('module example.com/demo\n\ngo 1.19\n')
        target = os.path.join(d, os.path.basename(pkg_dir))
        os.makedirs(target)
        for name in sorted(os.listdir(pkg_dir)):
            src = os.path.join(pkg_dir, name)
            if name.endswith('.go') and not name.endswith('_test.go') and os.path.isfile(src):
                text = open(src, errors='replace').read()
                if rng.random() < 0.3:
                    text = delete_line(text, rng)
                open(os.path.join(target, name), 'w').write(text)
        sub = rng.choice([['build', './...'], ['vet', './...'], ['build', '-o', '/dev/null', './...']])
        text = run(['go'] + sub, d, timeout=300, env=dict(ENV, GOFLAGS='-mod=mod', GOPROXY='off', GOCACHE=os.path.join(GEN, 'gocache')))
        if text.strip():
            out.append((text, group, 'go ' + ' '.join(sub)))
    return out


def gen_javac(rng):
    out = []
    for group, fs in pick_groups('java', rng, 60):
        for _ in range(3):
            chosen = rng.sample(fs, min(len(fs), rng.randint(1, 3)))
            d = fresh('javac/w')
            names = []
            for f in chosen:
                text = f['text']
                if rng.random() < 0.6:
                    text = re.sub(r'^package [^;]+;', '', text, count=1, flags=re.M)
                if rng.random() < 0.4:
                    text = delete_line(text, rng)
                name = os.path.basename(f['source'])
                open(os.path.join(d, name), 'w').write(text)
                names.append(name)
            flags = rng.choice([[], ['-Xlint:all'], ['-Xmaxerrs', '20'], ['-Xlint:deprecation']])
            text = run(['javac', '-d', 'out'] + flags + names, d, timeout=180)
            if re.search(r'\d+ (errors?|warnings?)', text):
                out.append((text, group, 'javac ' + ' '.join(flags + names)))
    return out


# ---- test runners on generated projects -----------------------------------------------------------

def js_tests(rng, names, style):
    """A test file with describe/it blocks, some failing in different ways."""
    lines = ["const assert = require('node:assert');"] if style in ('mocha', 'node') else []
    if style == 'node':
        lines.append("const { describe, it } = require('node:test');")
    if style == 'vitest':
        lines.append("import { describe, it, expect } from 'vitest';")
    for s in range(rng.randint(1, 4)):
        lines.append(f"describe('{names[s % len(names)]}', () => {{")
        for t in range(rng.randint(2, 12)):
            name = f'{names[(s * 7 + t) % len(names)]} {rng.choice(["works", "returns a value", "handles empty input", "rejects bad input", "keeps order", "rounds totals"])} {t}'
            fail = rng.random() < 0.25
            a, b = rng.randint(0, 99), rng.randint(0, 99)
            if style in ('jest', 'vitest'):
                body = rng.choice([f'expect({a}).toBe({b if fail else a});', f"expect({{ id: {a}, name: 'x' }}).toEqual({{ id: {b if fail else a}, name: 'x' }});",
                                   f"expect([{a}, {b}]).toContain({a + 1000 if fail else a});", "throw new TypeError('cannot read properties of undefined');" if fail else f'expect({a} + 1).toBe({a + 1});'])
            else:
                body = rng.choice([f'assert.strictEqual({a}, {b if fail else a});', f"assert.deepStrictEqual({{ id: {a} }}, {{ id: {b if fail else a} }});",
                                   "throw new Error('boom: unexpected state');" if fail else 'assert.ok(true);'])
            lines.append(f"  it('{name}', () => {{ {body} }});")
        lines.append('});')
    return '\n'.join(lines) + '\n'


def gen_js_runner(rng, label):
    out = []
    for group, fs in pick_groups('javascript', rng, 45):
        names = identifiers(fs, rng, 40)
        d = fresh(f'{label}/w')
        style = {'jest': 'jest', 'vitest': 'vitest', 'mocha': 'mocha', 'node-test': 'node'}[label]
        pkg = {'name': 'demo', 'version': '1.0.0', 'private': True}
        if style == 'vitest':
            pkg['type'] = 'module'
        open(os.path.join(d, 'package.json'), 'w').write(json.dumps(pkg))
        test_dir = {'jest': '__tests__', 'vitest': 'test', 'mocha': 'test', 'node': 'test'}[style]
        os.makedirs(os.path.join(d, test_dir))
        for i in range(rng.randint(1, 6)):
            base = snake(names[i]).replace('_', '-')
            suffix = '.test.js' if style != 'mocha' else '.spec.js'
            open(os.path.join(d, test_dir, f'{base}-{i}{suffix}'), 'w').write(js_tests(rng, names[i:] + names[:i], style))
        if label == 'jest':
            flags = rng.choice([[], ['--verbose'], ['--ci'], ['--verbose', '--ci']])
            cmd, shown = [os.path.join(NPM_BIN, 'jest'), '--rootDir', d] + flags, 'npx jest ' + ' '.join(flags)
        elif label == 'vitest':
            flags = rng.choice([[], ['--reporter=verbose'], ['--reporter=default']])
            cmd, shown = [os.path.join(NPM_BIN, 'vitest'), 'run'] + flags, 'npx vitest run ' + ' '.join(flags)
        elif label == 'mocha':
            flags = rng.choice([[], ['--reporter', 'spec'], ['--recursive']])
            cmd, shown = [os.path.join(NPM_BIN, 'mocha')] + flags + ['test/'], 'npx mocha ' + ' '.join(flags)
        else:
            flags = rng.choice([['--test-reporter=spec'], ['--test-reporter=tap'], []])
            cmd, shown = ['node', '--test'] + flags, 'node --test ' + ' '.join(flags)
        text = run(cmd, d, timeout=300)
        if text.strip():
            out.append((text, group, shown))
    return out


def gen_pytest(rng):
    out = []
    for group, fs in pick_groups('python', rng, 60):
        names = [snake(n) for n in identifiers(fs, rng, 40)]
        d = fresh('pytest/w')
        os.makedirs(os.path.join(d, 'tests'))
        for i in range(rng.randint(1, 5)):
            lines = ['import pytest', '']
            for t in range(rng.randint(2, 15)):
                fail = rng.random() < 0.25
                a, b = rng.randint(0, 99), rng.randint(0, 99)
                body = rng.choice([f'assert {a} == {b if fail else a}', f"assert {{'id': {a}}} == {{'id': {b if fail else a}}}",
                                   f"assert 'x{a}' in {['x%d' % (b if fail else a)]}", "raise ValueError('unexpected value')" if fail else 'assert True',
                                   'pytest.skip("not supported here")' if rng.random() < 0.1 else f'assert {a} + 1 == {a + 1}'])
                lines += [f'def test_{names[(i + t) % len(names)]}_{t}():', f'    {body}', '']
            open(os.path.join(d, 'tests', f'test_{names[i]}_{i}.py'), 'w').write('\n'.join(lines))
        flags = rng.choice([[], ['-v'], ['-q'], ['--tb=short'], ['-rA'], ['-x']])
        text = run([os.path.join(VENV, 'pytest'), '-p', 'no:cacheprovider'] + flags, d, timeout=180)
        if text.strip():
            out.append((text, group, 'pytest ' + ' '.join(flags)))
    return out


def gen_cargo_test(rng):
    out = []
    for group, fs in pick_groups('rust', rng, 30):
        names = [snake(n) for n in identifiers(fs, rng, 30)]
        d = fresh('cargo-test/w')
        cargo_project(d, 'demo_' + re.sub(r'[^a-z0-9_]', '_', group.split(':')[-1].lower())[:20])
        lines = ['pub fn add(a: i64, b: i64) -> i64 { a + b }', '', '#[cfg(test)]', 'mod tests {', '    use super::*;']
        for t in range(rng.randint(3, 20)):
            fail = rng.random() < 0.25
            a, b = rng.randint(0, 99), rng.randint(0, 99)
            body = rng.choice([f'assert_eq!(add({a}, 1), {b if fail else a + 1});', f'assert!({a} < {a - 1 if fail else a + 1}, "value out of range");',
                               'panic!("unexpected state");' if fail else 'assert!(true);'])
            lines += ['    #[test]', f'    fn {names[t % len(names)]}_{t}() {{ {body} }}']
        lines.append('}')
        open(os.path.join(d, 'src', 'lib.rs'), 'w').write('\n'.join(lines) + '\n')
        flags = rng.choice([[], ['-q'], ['--', '--test-threads=1'], []])
        text = run(['cargo', 'test', '--offline'] + flags, d, timeout=300, env=dict(ENV, CARGO_TARGET_DIR=os.path.join(GEN, 'cargo-test-target')))
        if 'test result' in text or 'error' in text:
            out.append((text, group, 'cargo test ' + ' '.join(flags)))
    return out


def gen_go_test(rng):
    out = []
    for group, fs in pick_groups('go', rng, 30):
        names = [n[:1].upper() + n[1:] for n in identifiers(fs, rng, 30)]
        d = fresh('go-test/w')
        open(os.path.join(d, 'go.mod'), 'w').write('module example.com/demo\n\ngo 1.19\n')
        for p in range(rng.randint(1, 3)):
            pkg = f'pkg{p}'
            os.makedirs(os.path.join(d, pkg))
            open(os.path.join(d, pkg, 'lib.go'), 'w').write(f'package {pkg}\n\nfunc Add(a, b int) int {{ return a + b }}\n')
            lines = [f'package {pkg}', '', 'import "testing"', '']
            for t in range(rng.randint(2, 12)):
                fail = rng.random() < 0.25
                a = rng.randint(0, 99)
                lines += [f'func Test{names[t % len(names)]}{t}(t *testing.T) {{',
                          f'\tif got := Add({a}, 1); got != {a + 2 if fail else a + 1} {{ t.Errorf("Add({a}, 1) = %d, want {a + 2 if fail else a + 1}", got) }}', '}', '']
            open(os.path.join(d, pkg, 'lib_test.go'), 'w').write('\n'.join(lines))
        flags = rng.choice([[], ['-v'], ['-count=1'], ['-v', '-count=1']])
        text = run(['go', 'test'] + flags + ['./...'], d, timeout=300, env=dict(ENV, GOPROXY='off', GOCACHE=os.path.join(GEN, 'gocache')))
        if text.strip():
            out.append((text, group, 'go test ' + ' '.join(flags) + ' ./...'))
    return out


def gen_ruby_runner(rng, label):
    out = []
    for group, fs in pick_groups('ruby', rng, 40):
        names = [snake(n) for n in identifiers(fs, rng, 30)]
        d = fresh(f'{label}/w')
        sub = 'spec' if label == 'rspec' else 'test'
        os.makedirs(os.path.join(d, sub))
        for i in range(rng.randint(1, 4)):
            if label == 'rspec':
                lines = [f"RSpec.describe '{names[i]}' do"]
                for t in range(rng.randint(2, 12)):
                    fail = rng.random() < 0.25
                    a, b = rng.randint(0, 99), rng.randint(0, 99)
                    body = rng.choice([f'expect({a}).to eq({b if fail else a})', f"expect([{a}]).to include({b + 1000 if fail else a})",
                                       "raise ArgumentError, 'bad input'" if fail else 'expect(true).to be true'])
                    lines += [f"  it '{names[(i + t) % len(names)].replace('_', ' ')} case {t}' do", f'    {body}', '  end']
                lines.append('end')
                open(os.path.join(d, sub, f'{names[i]}_{i}_spec.rb'), 'w').write('\n'.join(lines) + '\n')
            else:
                cls = ''.join(w.capitalize() for w in names[i].split('_')) or 'Demo'
                lines = ["require 'minitest/autorun'", '', f'class {cls}{i}Test < Minitest::Test']
                for t in range(rng.randint(2, 12)):
                    fail = rng.random() < 0.25
                    a, b = rng.randint(0, 99), rng.randint(0, 99)
                    body = rng.choice([f'assert_equal {a}, {b if fail else a}', f'assert_includes [{a}], {b + 1000 if fail else a}',
                                       "raise ArgumentError, 'bad input'" if fail else 'assert true', 'skip "later"' if rng.random() < 0.1 else 'assert_nil nil'])
                    lines += [f'  def test_{names[(i + t) % len(names)]}_{t}', f'    {body}', '  end']
                lines.append('end')
                open(os.path.join(d, sub, f'{names[i]}_{i}_test.rb'), 'w').write('\n'.join(lines) + '\n')
        if label == 'rspec':
            flags = rng.choice([[], ['--format', 'documentation'], ['--format', 'progress']])
            cmd, shown = ['rspec'] + flags, 'rspec ' + ' '.join(flags)
        else:
            files_ = sorted(os.listdir(os.path.join(d, sub)))
            flags = rng.choice([[], ['-v']])
            shown = 'ruby -Itest ' + ' '.join(f'{sub}/{f}' for f in files_) + (' -v' if flags else '')
            cmd = ['ruby', '-Itest'] + [f'-r./{sub}/{f}' for f in files_] + ['-e', ''] + (['--', '-v'] if flags else [])
        text = run(cmd, d, timeout=120)
        if text.strip():
            out.append((text, group, shown))
    return out


# ---- git, listings, search -----------------------------------------------------------------------

def git(d, *args):
    return run(['git', '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', '-c', 'init.defaultBranch=main', '-c', 'color.ui=never'] + list(args), d)


AUTHORS = ['Ada Park', 'Lin Chen', 'Sam Okafor', 'Rita Gomez', 'Tom Berg', 'Mia Novak']


def history_repo(rng, group, fs, name):
    """A repository whose history commits a package's files in several steps, then edits some."""
    d = fresh(name)
    git(d, 'init', '-q')
    chosen = fs[:rng.randint(3, 12)]
    for i, f in enumerate(chosen):
        rel = f['source'].split('/')[-2] + '/' + os.path.basename(f['source']) if '/' in f['source'] else os.path.basename(f['source'])
        path = os.path.join(d, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, 'w').write(f['text'])
        git(d, 'add', '-A')
        author = rng.choice(AUTHORS)
        env = dict(ENV, GIT_AUTHOR_DATE=f'2026-0{1 + i % 9}-1{i % 9}T1{i % 9}:0{i % 6}:00Z', GIT_COMMITTER_DATE=f'2026-0{1 + i % 9}-1{i % 9}T1{i % 9}:0{i % 6}:00Z')
        subprocess.run(['git', '-c', f'user.name={author}', '-c', f'user.email={author.split()[0].lower()}@example.com', 'commit', '-q', '-m',
                        rng.choice(['Add', 'Import', 'Update', 'Fix', 'Refactor']) + f' {rel}\n\n' + rng.choice(['', 'Keeps the behaviour; tidies names.', 'Part of the port to the new API.'])],
                       cwd=d, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Later commits edit some files, so blame and log show several authors.
    for k in range(rng.randint(1, 4)):
        f = rng.choice(chosen)
        rel = f['source'].split('/')[-2] + '/' + os.path.basename(f['source'])
        path = os.path.join(d, rel)
        open(path, 'w').write(delete_line(open(path).read(), rng))
        author = rng.choice(AUTHORS)
        subprocess.run(['git', '-c', f'user.name={author}', '-c', f'user.email={author.split()[0].lower()}@example.com', 'commit', '-qam', f'Trim {os.path.basename(rel)}'],
                       cwd=d, env=dict(ENV, GIT_AUTHOR_DATE=f'2026-10-0{k + 1}T09:00:00Z', GIT_COMMITTER_DATE=f'2026-10-0{k + 1}T09:00:00Z'), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return d, chosen


def source_groups(rng, count):
    pools = []
    for label in ('python', 'javascript', 'go', 'rust', 'java', 'ruby', 'c', 'typescript', 'php'):
        pools += pick_groups(label, rng, count // 4)
    rng.shuffle(pools)
    return pools[:count]


def gen_git(rng, label):
    out = []
    for group, fs in source_groups(rng, 70):
        d, chosen = history_repo(rng, group, fs, f'{label}/repo')
        if label == 'git-log':
            flags = rng.choice([[], ['--stat'], ['--oneline'], ['--graph', '--oneline', '--all'], ['-p', '-3'], ['--format=fuller'], ['--name-status']])
            text, shown = git(d, 'log', *flags), 'git log ' + ' '.join(flags)
        elif label == 'git-blame':
            f = rng.choice(chosen)
            rel = f['source'].split('/')[-2] + '/' + os.path.basename(f['source'])
            flags = rng.choice([[], ['-w'], ['--date=short'], ['-e']])
            text, shown = git(d, 'blame', *flags, rel), 'git blame ' + ' '.join(flags + [rel])
        elif label == 'git-branch':
            for b in identifiers(fs, rng, rng.randint(4, 30)):
                git(d, 'branch', rng.choice(['feature/', 'fix/', 'chore/', '', 'release/']) + snake(b).replace('_', '-') + f'-{rng.randint(1, 999)}')
            clone = fresh(f'{label}/clone')
            git(clone, 'clone', '-q', d, '.')
            flags = rng.choice([['-a'], ['-vv'], ['-r'], ['-a', '-v'], []])
            text, shown = git(clone, 'branch', *flags), 'git branch ' + ' '.join(flags)
        elif label == 'git-status':
            files_ = [p for p in git(d, 'ls-files').split('\n') if p]
            for p in rng.sample(files_, min(len(files_), rng.randint(1, 6))):
                full = os.path.join(d, p)
                action = rng.random()
                if action < 0.5:
                    open(full, 'a').write('\n// edited\n')
                elif action < 0.7:
                    os.remove(full)
                else:
                    git(d, 'mv', p, p + '.bak')
            for k in range(rng.randint(0, 8)):
                open(os.path.join(d, f'new_{k}_{rng.randint(1, 99)}.txt'), 'w').write('draft\n')
            if rng.random() < 0.5:
                git(d, 'add', '-A', '.')
                open(os.path.join(d, 'later.txt'), 'w').write('x\n')
            flags = rng.choice([[], ['--short'], ['-sb'], ['--porcelain'], []])
            text, shown = git(d, 'status', *flags), 'git status ' + ' '.join(flags)
        else:  # diff
            files_ = [p for p in git(d, 'ls-files').split('\n') if p]
            for p in rng.sample(files_, min(len(files_), rng.randint(1, 4))):
                full = os.path.join(d, p)
                lines = open(full).read().split('\n')
                for _ in range(rng.randint(1, 6) if len(lines) > 1 else 0):
                    i = rng.randrange(len(lines))
                    if rng.random() < 0.5:
                        lines.insert(i, lines[rng.randrange(len(lines))] + ' // changed')
                    else:
                        del lines[i]
                open(full, 'w').write('\n'.join(lines))
            flags = rng.choice([[], ['--stat', '-p'], ['-U1'], ['HEAD~1'], ['--no-prefix']])
            text, shown = git(d, 'diff', *flags), 'git diff ' + ' '.join(flags)
            if rng.random() < 0.3:
                text, shown = git(d, 'show', 'HEAD'), 'git show HEAD'
        if text.strip():
            out.append((text.replace(d, '/home/user/project'), group, shown))
    return out


def dirs_for(rng, count):
    seen = set()
    out = []
    for group, fs in source_groups(rng, count * 2):
        d = os.path.dirname(fs[0]['source'])
        for _ in range(rng.randint(0, 2)):
            if os.path.dirname(d) not in ('/', '/usr', '/usr/lib', '/usr/share'):
                d = os.path.dirname(d)
        if d not in seen and os.path.isdir(d):
            seen.add(d)
            out.append((group, d))
    return out[:count]


def gen_listing(rng, label):
    out = []
    for group, d in dirs_for(rng, 140 if label == 'find' else 70):
        parent, base = os.path.dirname(d), os.path.basename(d)
        if label == 'ls':
            flags = rng.choice([['-la'], ['-l'], ['-lh'], ['-laR'], ['-R'], ['-lt'], ['-1'], []])
            cmd = ['ls'] + flags + [base]
        elif label == 'find':
            flags = rng.choice([[], ['-type', 'f'], ['-name', '*.' + rng.choice(['py', 'js', 'go', 'rs', 'json', 'md', 'h'])], ['-maxdepth', '2'], ['-type', 'd'],
                                ['-type', 'f', '-newer', 'README.md'], ['-iname', '*test*'], ['-size', '+4k'], ['-type', 'f', '-name', '*.*', '-not', '-path', '*/node_modules/*']])
            cmd = ['find', base] + flags
        elif label == 'tree':
            flags = rng.choice([[], ['-L', '2'], ['-a'], ['-L', '3', '--dirsfirst'], ['-d']])
            cmd = ['tree'] + flags + [base]
        else:  # grep
            word = identifiers(files_in(d), rng, 1)[0]
            variants = [['grep', '-rn', word, base], ['rg', '--no-heading', '-n', word, base], ['rg', word, base], ['grep', '-rn', '-A', '2', word, base],
                        ['rg', '-C', '2', word, base], ['grep', '-rnw', word, base], ['rg', '-n', '-i', word, base]]
            cmd = rng.choice(variants)
        text = run(cmd, parent, timeout=60)
        lines = text.split('\n')
        if len(lines) > 4000:  # keep what a terminal capture would plausibly hold
            text = '\n'.join(lines[:4000]) + '\n'
        if len(lines) > 3:
            out.append((text.replace('/root/', '/home/user/'), group, ' '.join(cmd)))
    return out


def files_in(d):
    fs = []
    for dp, _, fn in os.walk(d):
        for f in sorted(fn)[:20]:
            try:
                fs.append({'text': open(os.path.join(dp, f), errors='replace').read(20000)})
            except OSError:
                pass
        if len(fs) > 40:
            break
    return fs


# ---- package managers, logs ----------------------------------------------------------------------

def gen_apt(rng):
    out = []
    pkgs = [l.split()[1] for l in run(['dpkg-query', '-W', '-f', 'x ${Package}\n'], '/').split('\n') if l.startswith('x ')]
    available = run(['apt-cache', 'pkgnames', 'lib'], '/').split()
    available = sorted(available)
    for i in range(90):
        action = rng.random()
        group = f'apt:{i % 30}'
        if action < 0.5 and available:
            names = rng.sample(available, rng.randint(1, 4))
            cmd = ['apt-get', 'install', '-s', '-y'] + names
        elif action < 0.75 and pkgs:
            names = rng.sample(pkgs, rng.randint(1, 3))
            cmd = ['apt-get', 'remove', '-s'] + names
        else:
            names = rng.sample(available, 2) if available else ['curl']
            cmd = ['apt-get', 'install', '--dry-run', '--no-install-recommends'] + names
        text = run(cmd, '/', timeout=120)
        if text.strip():
            out.append((text, group, ' '.join(cmd)))
    # Real installs this pipeline made (train.sh tees them into .work/apt-logs).
    logdir = os.path.join(WORK, 'apt-logs')
    if os.path.isdir(logdir):
        for name in sorted(os.listdir(logdir)):
            out.append((open(os.path.join(logdir, name), errors='replace').read(), f'apt-log:{name}', 'apt-get install -y …'))
    return out


def gen_npm(rng, label):
    out = []
    projects = [os.path.join(WORK, 'npm'), ROOT]
    pool = ['lodash', 'chalk', 'commander', 'debug', 'ms', 'semver', 'yargs', 'minimist', 'uuid', 'express', 'glob', 'rimraf', 'mkdirp', 'dayjs', 'axios',
            'react', 'vue', 'typescript', 'prettier', 'eslint', 'jest', 'mocha', 'zod', 'ajv', 'js-yaml', 'ws', 'undici', 'picocolors', 'kleur', 'nanoid']
    for i in range(40 if label == 'npm-install' else 45):
        group = f'npm-project:{i % 20}'
        if label == 'npm-ls':
            # Projects with installs, and packages inside them (npm ls from a package folder lists its own tree, with its problems).
            inside = sorted(os.path.join(base, 'node_modules', n) for base in projects for n in os.listdir(os.path.join(base, 'node_modules'))
                            if not n.startswith('.') and os.path.isfile(os.path.join(base, 'node_modules', n, 'package.json')))
            d = rng.choice(projects + [os.path.join(GEN, 'npm-install', f'p{k}') for k in range(5) if os.path.isdir(os.path.join(GEN, 'npm-install', f'p{k}', 'node_modules'))] + inside[::7])
            flags = rng.choice([[], ['--all'], ['--depth=1'], ['--omit=dev'], [rng.choice(['debug', 'ms', 'semver', 'glob', 'minimatch'])], ['--all', '--long']])
            text = run(['npm', 'ls'] + flags, d, timeout=120)
            shown = 'npm ls ' + ' '.join(flags)
            group = 'npm-ls:' + os.path.basename(d)
        else:
            d = os.path.join(GEN, 'npm-install', f'p{i % 5}')
            os.makedirs(d, exist_ok=True)
            if not os.path.exists(os.path.join(d, 'package.json')):
                open(os.path.join(d, 'package.json'), 'w').write(json.dumps({'name': f'demo{i}', 'version': '1.0.0', 'private': True}))
            names = rng.sample(pool, rng.randint(1, 5))
            variant = rng.random()
            if variant < 0.15:
                names = [f'no-such-package-{rng.randint(1000, 9999)}-xyz']
            flags = rng.choice([[], ['--no-fund'], ['--save-dev'], ['--dry-run'], ['--verbose'], ['--legacy-peer-deps']])
            with open('/tmp/npm.lock', 'a') as lock:
                import fcntl
                fcntl.flock(lock, fcntl.LOCK_EX)
                text = run(['npm', 'install', '--prefer-offline'] + flags + names, d, timeout=300)
            text = '\n'.join(l for l in text.split('\n') if 'Unknown user config' not in l)
            shown = 'npm install ' + ' '.join(flags + names)
        if text.strip():
            out.append((text, group, shown))
    return out


def gen_pip(rng):
    out = []
    pool = ['requests', 'flask', 'numpy', 'pyyaml', 'click', 'rich', 'attrs', 'pydantic', 'jinja2', 'six', 'packaging', 'idna', 'urllib3', 'certifi',
            'pytest', 'black', 'isort', 'tomli', 'typing-extensions', 'markupsafe', 'itsdangerous', 'werkzeug', 'colorama', 'tqdm', 'docutils']
    venv = fresh('pip/venv')
    run(['python3', '-m', 'venv', venv], GEN, timeout=120)
    for i in range(32):
        group = f'pip:{i % 16}'
        names = rng.sample(pool, rng.randint(1, 4))
        if rng.random() < 0.12:
            names = [f'no-such-package-{rng.randint(1000, 9999)}']
        flags = rng.choice([[], ['--dry-run'], ['-U'], ['--no-deps'], ['-v'], ['--dry-run', '--report', '-']])
        if rng.random() < 0.3:
            pkg = fresh(f'pip/src{i}')
            open(os.path.join(pkg, 'pyproject.toml'), 'w').write(f'[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "demo{i}"\nversion = "0.{i}.0"\ndependencies = {json.dumps(names[:2])}\n')
            os.makedirs(os.path.join(pkg, f'demo{i}'))
            open(os.path.join(pkg, f'demo{i}', '__init__.py'), 'w').write('')
            names = [pkg]
        # No retries: an index this machine cannot reach is tried once, then the local one answers.
        text = run([os.path.join(venv, 'bin', 'pip'), 'install'] + flags + names, GEN, timeout=300, env=dict(ENV, PIP_RETRIES='0', PIP_TIMEOUT='3'))
        if text.strip():
            out.append((text.replace(GEN, '/home/user'), group, 'pip install ' + ' '.join(flags + names)))
    return out


def gen_log(rng):
    """Real logs: the machine's own (dpkg, alternatives, npm debug logs, postgres), and logs that real
    programs write while this runs (git's trace, the JVM's unified logging, an HTTP server's access log,
    ssh's debug log, the kernel ring buffer)."""
    out = []
    paths = []
    for root in ('/var/log', os.path.expanduser('~/.npm/_logs')):
        for dp, _, fn in os.walk(root):
            for f in sorted(fn):
                if (f.endswith('.log') or f in ('syslog', 'messages')) and f not in ('term.log', 'eresolve-report.txt'):
                    paths.append(os.path.join(dp, f))
    for p in sorted(paths):
        try:
            text = open(p, errors='replace').read(2_000_000)
        except OSError:
            continue
        if len(text) < 300 or '\0' in text:
            continue
        lines = text.split('\n')
        group = 'log:' + re.sub(r'[0-9T_:.Z-]{8,}', '', os.path.basename(p))
        for _ in range(min(4, 1 + len(lines) // 200)):
            start = rng.randrange(max(1, len(lines) - 50))
            out.append(('\n'.join(lines[start:start + rng.randint(30, 600)]), group, 'cat ' + p))
    d = fresh('log/w')
    for i in range(12):
        repo, _ = history_repo(rng, 'log', [{'source': f'/x/src/f{k}.txt', 'text': 'line\n' * (k + 3)} for k in range(4)], f'log/repo{i}')
        cmd = rng.choice([['status'], ['log', '--oneline'], ['diff'], ['branch', '-a']])
        text = run(['git'] + cmd, repo, env=dict(ENV, GIT_TRACE='1', GIT_TRACE_PERFORMANCE='1' if i % 2 else '0'))
        out.append(('\n'.join(l for l in text.split('\n') if l.startswith(('0', '1', '2'))), f'log:git-trace{i % 4}', 'GIT_TRACE=1 git ' + ' '.join(cmd)))
    for i in range(8):
        tags = rng.choice(['gc*', 'gc*,safepoint', 'class+load', 'os,gc', 'startuptime', 'gc+heap=debug'])
        text = run(['java', f'-Xlog:{tags}', '-version'], d, timeout=120)
        out.append((text, f'log:jvm{i % 4}', f'java -Xlog:{tags} -version'))
    for i in range(6):
        port = 18000 + rng.randint(0, 999)
        server = subprocess.Popen(['python3', '-u', '-m', 'http.server', str(port), '--bind', '127.0.0.1'], cwd=d, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        time.sleep(1.5)
        for k in range(rng.randint(20, 120)):
            path = rng.choice(['/', '/index.html', '/missing', f'/static/app{k}.js', '/api/items?page=%d' % k, '/favicon.ico'])
            subprocess.run(['curl', '-s', '-o', '/dev/null', f'http://127.0.0.1:{port}{path}'], timeout=10)
        server.terminate()
        text = server.communicate(timeout=10)[0].decode(errors='replace')
        out.append((text, f'log:http{i % 3}', f'python3 -m http.server {port}'))
    for i in range(4):
        text = run(['ssh', '-vvv', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=2', '-p', str(2200 + i), 'user@127.0.0.1'], d, timeout=30)
        out.append((text, f'log:ssh{i % 2}', 'ssh -vvv user@127.0.0.1'))
    dmesg = run(['dmesg'], d, timeout=30).split('\n')
    for i in range(min(6, len(dmesg) // 60)):
        start = rng.randrange(max(1, len(dmesg) - 60))
        out.append(('\n'.join(dmesg[start:start + rng.randint(40, 300)]), 'log:dmesg', 'dmesg'))
    return [o for o in out if len(o[0].strip()) > 100]


def gen_maven_gradle(rng, label):
    """Small Java projects built offline with the plugins Maven and Gradle already cached here."""
    out = []
    for i in range(10 if label == 'maven' else 5):
        d = fresh(f'{label}/p{i}')
        src = os.path.join(d, 'src', 'main', 'java', 'demo')
        test = os.path.join(d, 'src', 'test', 'java', 'demo')
        os.makedirs(src)
        os.makedirs(test)
        broken = rng.random() < 0.5
        open(os.path.join(src, 'Cart.java'), 'w').write('package demo;\n\npublic class Cart {\n  public int total(int a, int b) { return a + b' + ('' if broken else ';') + ' }\n' +
                                                       ('  public String name() { return missing; }\n' if broken and rng.random() < 0.5 else '') + '}\n')
        open(os.path.join(test, 'CartTest.java'), 'w').write('package demo;\n\nimport org.junit.Test;\nimport static org.junit.Assert.*;\n\npublic class CartTest {\n' +
                                                            ''.join(f'  @Test public void total{k}() {{ assertEquals({k + (1 if rng.random() < 0.3 else 0)}, new Cart().total({k}, 0)); }}\n' for k in range(rng.randint(2, 9))) + '}\n')
        if label == 'maven':
            open(os.path.join(d, 'pom.xml'), 'w').write(f'<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>demo</groupId><artifactId>demo{i}</artifactId><version>1.0</version>'
                                                         '<properties><maven.compiler.source>17</maven.compiler.source><maven.compiler.target>17</maven.compiler.target><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>'
                                                         '<dependencies><dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency></dependencies>'
                                                         '<build><pluginManagement><plugins>' + ''.join(f'<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-{a}-plugin</artifactId><version>{v}</version></plugin>'
                                                                                                       for a, v in (('resources', '3.3.1'), ('compiler', '3.13.0'), ('surefire', '3.2.5'), ('jar', '3.4.1'))) +
                                                         '</plugins></pluginManagement></build></project>\n')
            goal = rng.choice([['compile'], ['compile'], ['compile', '-q'], ['test-compile'], ['test'], ['package']])
            text = run(['mvn', '-o', '-B'] + goal, d, timeout=400)
            shown = 'mvn ' + ' '.join(goal)
        else:
            open(os.path.join(d, 'build.gradle'), 'w').write("plugins { id 'java' }\nrepositories { mavenLocal() }\ndependencies { testImplementation 'junit:junit:4.13.2' }\n")
            open(os.path.join(d, 'settings.gradle'), 'w').write(f"rootProject.name = 'demo{i}'\n")
            goal = rng.choice([['build'], ['test'], ['compileJava']])
            text = run(['gradle', '--offline', '--console=plain'] + goal, d, timeout=500)
            shown = 'gradle ' + ' '.join(goal)
        if text.strip():
            out.append((text.replace(d, '/home/user/demo'), f'{label}:{i}', shown))
    return out


def gen_csv(rng):
    """CSV and TSV exported by real tools from real data: dpkg's package table, git history, file listings,
    and the flat arrays of objects in JSON files of installed packages."""
    out = []
    fields = ['Package', 'Version', 'Architecture', 'Installed-Size', 'Maintainer', 'Section', 'Priority', 'Status', 'Source', 'Homepage']
    for i in range(16):
        chosen = rng.sample(fields, rng.randint(2, 6))
        sep = rng.choice([',', ',', ';', '\t'])
        text = run(['dpkg-query', '-W', '-f', sep.join('"${%s}"' % f if rng.random() < 0.3 else '${%s}' % f for f in chosen) + '\n'], '/')
        lines = text.split('\n')
        start = rng.randrange(max(1, len(lines) - 200))
        out.append((sep.join(chosen) + '\n' + '\n'.join(lines[start:start + rng.randint(30, 400)]), f'csv:dpkg{i % 4}', 'dpkg-query -W -f …'))
    for group, fs in source_groups(rng, 24):
        d, _ = history_repo(rng, group, fs, 'csv/repo')
        sep = rng.choice([',', ';', '\t'])
        fmt = sep.join(rng.sample(['%h', '%H', '%an', '%ae', '%ad', '%s', '%ct'], rng.randint(3, 5)))
        out.append(('commit,author,date,subject\n' + git(d, 'log', '--date=short', f'--format={fmt}'), group, f'git log --format={fmt}'))
    for group, d in dirs_for(rng, 24):
        sep = rng.choice([',', '\t', ';'])
        text = run(['find', os.path.basename(d), '-maxdepth', '3', '-printf', sep.join(rng.sample(['%p', '%s', '%TY-%Tm-%Td', '%m', '%u', '%y'], rng.randint(3, 5))) + '\n'], os.path.dirname(d))
        out.append(('\n'.join(text.split('\n')[:rng.randint(40, 600)]), group, 'find -printf …'))
    import csv
    import io
    for f in files('json'):
        if len(out) > 140:
            break
        try:
            data = json.loads(f['text'])
        except ValueError:
            continue
        rows = data if isinstance(data, list) else next((v for v in data.values() if isinstance(v, list)), []) if isinstance(data, dict) else []
        rows = [r for r in rows if isinstance(r, dict) and all(not isinstance(v, (dict, list)) for v in r.values())]
        if len(rows) < 8:
            continue
        keys = sorted({k for r in rows for k in r})
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=keys, delimiter=rng.choice([',', ',', '\t']), lineterminator='\n')
        writer.writeheader()
        writer.writerows(rows)
        out.append((buf.getvalue(), f['group'], 'python3 csv.DictWriter on ' + os.path.basename(f['source'])))
    return [o for o in out if o[0].count('\n') > 5]


GENERATORS = {
    'flake8': lambda rng: gen_python_linters(rng, 'flake8', 'flake8'),
    'ruff': lambda rng: gen_python_linters(rng, 'ruff', 'ruff'),
    'mypy': lambda rng: gen_python_linters(rng, 'mypy', 'mypy'),
    'tsc': gen_tsc,
    'eslint': gen_eslint,
    'gcc': gen_gcc,
    'cargo-build': gen_cargo_build,
    'go-build': gen_go_build,
    'javac': gen_javac,
    'jest': lambda rng: gen_js_runner(rng, 'jest'),
    'vitest': lambda rng: gen_js_runner(rng, 'vitest'),
    'mocha': lambda rng: gen_js_runner(rng, 'mocha'),
    'node-test': lambda rng: gen_js_runner(rng, 'node-test'),
    'pytest': gen_pytest,
    'cargo-test': gen_cargo_test,
    'go-test': gen_go_test,
    'rspec': lambda rng: gen_ruby_runner(rng, 'rspec'),
    'minitest': lambda rng: gen_ruby_runner(rng, 'minitest'),
    'git-log': lambda rng: gen_git(rng, 'git-log'),
    'git-blame': lambda rng: gen_git(rng, 'git-blame'),
    'git-branch': lambda rng: gen_git(rng, 'git-branch'),
    'git-status': lambda rng: gen_git(rng, 'git-status'),
    'diff': lambda rng: gen_git(rng, 'diff'),
    'ls': lambda rng: gen_listing(rng, 'ls'),
    'find': lambda rng: gen_listing(rng, 'find'),
    'tree': lambda rng: gen_listing(rng, 'tree'),
    'grep': lambda rng: gen_listing(rng, 'grep'),
    'apt': gen_apt,
    'npm-install': lambda rng: gen_npm(rng, 'npm-install'),
    'npm-ls': lambda rng: gen_npm(rng, 'npm-ls'),
    'pip-install': gen_pip,
    'log': gen_log,
    'csv': gen_csv,
    'maven': lambda rng: gen_maven_gradle(rng, 'maven'),
    'gradle': lambda rng: gen_maven_gradle(rng, 'gradle'),
}


def main():
    labels = sys.argv[1:] or list(GENERATORS)
    for label in labels:
        start = time.time()
        rng = random.Random('detector:' + label)
        try:
            made = GENERATORS[label](rng)
        except Exception as e:  # one broken generator must not stop the others; its label then has no new outputs
            print(f'{label}: generator failed: {e!r}', flush=True)
            continue
        rows = [{'label': label, 'group': group, 'source': f'generated: {shown}', 'text': scrub(ANSI.sub('', text))}
                for text, group, shown in made]
        write_jsonl(os.path.join(WORK, 'samples', f'outputs-{label}.jsonl'), rows)
        print(f'{label:12} {len(rows):4} outputs {len({r["group"] for r in rows}):3} groups  {time.time() - start:5.0f}s', flush=True)


if __name__ == '__main__':
    main()
