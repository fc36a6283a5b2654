#!/usr/bin/env python3
"""Quarantine gate: every disabled (DISABLED_) or skipped (GTEST_SKIP) GoogleTest test must be declared in
tests/quarantine.txt with an expiry date and a reason; undeclared, expired, stale or malformed entries fail.
usage: quarantine.py [--root DIR] [--today YYYY-MM-DD]"""
import argparse
import datetime
import pathlib
import re
import subprocess
import sys

MAX_DAYS = 90
TEST_RE = re.compile(r'\b(?:TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P)\s*\(\s*(\w+)\s*,\s*(\w+)\s*\)')
DISABLED_RE = re.compile(r'\bDISABLED_\w+')
SKIP_RE = re.compile(r'\bGTEST_SKIP\b')


def strip_comments(text):
    """Blank out // and /* */ comments and string literals, keeping offsets, so prose is not scanned."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
        elif c == '"' and not text.startswith('R"', i - 1):
            j = i + 1
            while j < n and text[j] != '"' and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            j += 1
        else:
            i += 1
            continue
        for k in range(i, min(j, n)):
            if out[k] != '\n':
                out[k] = ' '
        i = j
    return ''.join(out)


def scan(root):
    files = subprocess.run(['git', '-C', str(root), 'ls-files', '--cached', '--others', '--exclude-standard',
                            '--', 'tests/*.cpp', 'tests/*.hpp', 'tests/**/*.cpp', 'tests/**/*.hpp'],
                           capture_output=True, text=True, check=True).stdout.split()
    found = {}  # id -> "path:line"
    for rel in sorted(set(files)):
        path = root / rel
        if not path.is_file():
            continue
        text = strip_comments(path.read_text(errors='replace'))
        tests = [(m.start(), m.group(1), m.group(2)) for m in TEST_RE.finditer(text)]
        for m in TEST_RE.finditer(text):
            suite, name = m.group(1), m.group(2)
            if suite.startswith('DISABLED_') or name.startswith('DISABLED_'):
                found[f'{suite}.{name}'] = f'{rel}:{text.count(chr(10), 0, m.start()) + 1}'
        for m in SKIP_RE.finditer(text):
            line = text.count('\n', 0, m.start()) + 1
            owner = enclosing_test(text, tests, m.start())
            found[owner or f'{rel}:GTEST_SKIP'] = f'{rel}:{line}'
        for m in DISABLED_RE.finditer(text):
            # DISABLED_ used outside a TEST macro (e.g. INSTANTIATE_TEST_SUITE_P(DISABLED_x, ...)).
            if not any(m.group(0) in (s, t) for _, s, t in tests):
                found.setdefault(f'{rel}:{m.group(0)}', f'{rel}:{text.count(chr(10), 0, m.start()) + 1}')
    return files, found


def enclosing_test(text, tests, pos):
    """The TEST whose body contains pos (brace matching from the macro), or None."""
    best = None
    for start, suite, name in tests:
        if start > pos:
            break
        brace = text.find('{', start)
        if brace < 0 or brace > pos:
            continue
        depth, i = 0, brace
        while i < len(text):
            if text[i] == '{':
                depth += 1
            elif text[i] == '}':
                depth -= 1
                if depth == 0:
                    break
            i += 1
        if brace < pos < i:
            best = f'{suite}.{name}'
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', default=str(pathlib.Path(__file__).resolve().parent.parent))
    ap.add_argument('--today', default=datetime.datetime.now(datetime.timezone.utc).date().isoformat())
    args = ap.parse_args()
    root = pathlib.Path(args.root)
    today = datetime.date.fromisoformat(args.today)
    qfile = root / 'tests' / 'quarantine.txt'
    errors = []
    declared = {}
    if not qfile.is_file():
        errors.append(f'{qfile} is missing')
    else:
        for n, raw in enumerate(qfile.read_text().splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith('#'):
                continue
            parts = [p.strip() for p in line.split('|')]
            if len(parts) != 3 or not all(parts):
                errors.append(f'tests/quarantine.txt:{n}: expected "TEST_ID | YYYY-MM-DD | reason": {raw!r}')
                continue
            tid, exp, reason = parts
            try:
                expiry = datetime.date.fromisoformat(exp)
            except ValueError:
                errors.append(f'tests/quarantine.txt:{n}: bad date {exp!r} (want YYYY-MM-DD)')
                continue
            if expiry < today:
                errors.append(f'tests/quarantine.txt:{n}: {tid} quarantine EXPIRED on {exp} ({reason}): fix or re-justify')
            elif (expiry - today).days > MAX_DAYS:
                errors.append(f'tests/quarantine.txt:{n}: {tid} expiry {exp} is more than {MAX_DAYS} days ahead')
            if tid in declared:
                errors.append(f'tests/quarantine.txt:{n}: {tid} declared twice')
            declared[tid] = n
    files, found = scan(root)
    if not files:
        errors.append('no test sources found under tests/ (wrong root?)')
    for tid, where in sorted(found.items()):
        if tid not in declared:
            errors.append(f'{where}: {tid} is disabled/skipped but not declared in tests/quarantine.txt')
    for tid, n in sorted(declared.items()):
        if tid not in found:
            errors.append(f'tests/quarantine.txt:{n}: {tid} is no longer disabled/skipped: remove the entry')
    print(f'quarantine: scanned {len(files)} test files, {len(found)} disabled/skipped, {len(declared)} declared')
    for e in errors:
        print('QUARANTINE FAIL:', e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
