#!/usr/bin/env python3
"""Standalone gate (docs/architecture.md section 7): the repository stands alone. No file of the tree may
point at this machine's work paths, at the shared folder beside the checkout, or at the design notes kept
there: what code, comments and docs rely on lives in docs/ (architecture.md, original-system.md, adr/).
Runs in the format gate.

Checked: every file git tracks, plus untracked files that are not ignored (the tree as it would be
committed), binary files included; QGP_CI_FILES (space-separated) restricts the list like the other gates.
Nothing is excluded silently: a reference that another branch removes is waived below by file and exact
number of lines, every waived line's location is printed on every run, and a waiver whose count no longer
matches fails (delete it once the reference is gone).
usage: standalone.py [--root DIR]"""
import argparse
import os
import pathlib
import re
import subprocess
import sys

# Bracket expressions keep this file from matching itself.
PATTERN = re.compile(rb'/work[/]|[.][.]/shared|DESIGN[.]md')

# path -> (matching lines, why the reference is still there)
WAIVERS = {}


def tree_files(root):
    if os.environ.get('QGP_CI_FILES'):
        return sorted(set(os.environ['QGP_CI_FILES'].split()))
    listing = subprocess.run(['git', '-C', str(root), 'ls-files', '-z', '--cached', '--others',
                              '--exclude-standard'], capture_output=True, check=True).stdout
    return sorted({name.decode() for name in listing.split(b'\0') if name})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--root', type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    files = [rel for rel in tree_files(args.root) if (args.root / rel).is_file()]
    if not files:
        print('[standalone] FAIL: no files to check (not a git work tree?)', file=sys.stderr)
        return 1
    problems = []
    for rel in files:
        hits = [(number, line) for number, line in enumerate((args.root / rel).read_bytes().split(b'\n'), 1)
                if PATTERN.search(line)]
        expected, why = WAIVERS.get(rel, (0, ''))
        for number, line in hits:
            if expected:
                # The location only: a log of this gate must not itself contain the pattern.
                print(f'[standalone] waived ({why}): {rel}:{number}', file=sys.stderr)
            else:
                problems.append(f'{rel}:{number}: {line.decode(errors="replace").strip()[:160]}')
        if expected and len(hits) != expected:
            problems.append(f'{rel}: waived for {expected} line(s), found {len(hits)}: update or delete its '
                            'entry in ci/standalone.py')
    if not os.environ.get('QGP_CI_FILES'):  # a restricted list says nothing about the rest of the tree
        for rel in WAIVERS:
            if rel not in files:
                problems.append(f'{rel}: waived but not in the tree: delete its entry in ci/standalone.py')
    if problems:
        print('[standalone] FAIL: references outside the repository (a path of this machine, the shared folder '
              'or its design notes); point them at docs/ instead:', file=sys.stderr)
        for problem in problems:
            print(f'  {problem}', file=sys.stderr)
        return 1
    print(f'[standalone] {len(files)} files stand alone', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
