#!/usr/bin/env python3
"""clang-tidy gate (ADR-0001 "linting"): clang-tidy-19 with the repo's .clang-tidy over every project TU of
compile_commands.json (src/, tests/, bench/; never generated files under build/), warnings as errors.

A malformed .clang-tidy makes clang-tidy print "Error parsing", exit 0 and check almost nothing, so the
gate first proves the configuration is live (docs/architecture.md section 7):
  1. no "Error parsing" / unknown key / unknown check in any clang-tidy output (guards, canary and every TU);
  2. --verify-config reports no errors, for every directory holding a .clang-tidy;
  3. --list-checks (for a src/ and a tests/ file) contains the sentinels and at least MIN_CHECKS checks;
  4. the positive control ci/canary/tidy_canary.cpp (a use-after-move, compiled outside the project build)
     is reported as an error.
Results of clean TUs are cached in .cache/ci/tidy under the hash of the preprocessed TU (comments kept,
so NOLINT in headers counts) + the .clang-tidy files + the clang-tidy version + the command line.
usage: tidy.py --build BUILD_DIR [--jobs N] [--no-cache] [FILE...]   (FILE: restrict to these TUs)"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import pathlib
import shlex
import subprocess
import sys
import time

TIDY = os.environ.get('CLANG_TIDY', 'clang-tidy-19')
# Measured 2026-11-24 with the repo .clang-tidy: 372 checks enabled. A config that fails to load falls back
# to a default set far below this; lower the floor only together with a deliberate .clang-tidy change.
# tests/.clang-tidy inherits it and drops the path-sensitive analyzer (238 checks on 2026-11-25).
MIN_CHECKS = {'src': 360, 'tests': 230}
SENTINELS = ['bugprone-use-after-move', 'modernize-use-override',
             'readability-identifier-naming', 'performance-unnecessary-copy-initialization']
SRC_SENTINELS = ['clang-analyzer-core.NullDereference']
PROJECT_DIRS = ('src', 'tests', 'bench')
BAD_OUTPUT = ('Error parsing', 'unknown key', 'Unknown key', 'unknown check', 'invalid configuration',
              'Error reading configuration', 'no checks enabled')

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def config_errors(text):
    return [line for line in text.splitlines() if any(b in line for b in BAD_OUTPUT)]


def guards(build):
    problems = []
    version = run([TIDY, '--version']).stdout
    if 'version 19.' not in version:
        problems.append(f'{TIDY} is not LLVM 19: {version.strip()!r}')
    configs = sorted(p for p in ROOT.rglob('.clang-tidy')
                     if not any(part.startswith('build') or part in ('.cache', '.git') for part in
                                p.relative_to(ROOT).parts))
    if ROOT / '.clang-tidy' not in configs:
        problems.append('the repo .clang-tidy is missing')
    for cfg in configs:
        r = run([TIDY, '--verify-config'], cwd=cfg.parent)
        out = r.stdout + r.stderr
        if r.returncode != 0 or 'No config errors detected' not in out or config_errors(out) \
                or len(out.strip().splitlines()) != 1:
            problems.append(f'--verify-config for {cfg.relative_to(ROOT)}:\n{out.strip()}')
    # The config that applies to a file is found by walking up from its path, so probe src/ and tests/.
    for probe_file in (ROOT / 'src' / 'app' / 'main.cpp', ROOT / 'tests' / 'unit' / 'probe.cpp'):
        r = run([TIDY, '-p', str(build), '--list-checks', str(probe_file)], cwd=ROOT)
        checks = [line.strip() for line in r.stdout.splitlines() if line.startswith('    ')]
        bad = config_errors(r.stdout + r.stderr)
        top = probe_file.relative_to(ROOT).parts[0]
        floor = MIN_CHECKS[top]
        wanted = SENTINELS + (SRC_SENTINELS if top == 'src' else [])
        missing = [s for s in wanted if s not in checks]
        if bad or missing or len(checks) < floor:
            problems.append(f'--list-checks for {probe_file.relative_to(ROOT)}: {len(checks)} checks '
                            f'(floor {floor}), missing sentinels {missing}, config errors {bad}')
        else:
            print(f'tidy guard: {len(checks)} checks enabled for {probe_file.relative_to(ROOT)} (floor {floor})')
    canary = ROOT / 'ci' / 'canary' / 'tidy_canary.cpp'
    r = run([TIDY, '--quiet', str(canary), '--', '-std=c++20'], cwd=ROOT)
    out = r.stdout + r.stderr
    if r.returncode == 0 or 'bugprone-use-after-move' not in out or config_errors(out):
        problems.append(f'positive control {canary.relative_to(ROOT)} was NOT reported (rc={r.returncode}):\n{out}')
    else:
        print('tidy guard: canary use-after-move reported (config is live)')
    return problems, version


def project_units(build):
    db = json.loads((build / 'compile_commands.json').read_text())
    units = {}
    for entry in db:
        f = pathlib.Path(entry['directory'], entry['file']).resolve()
        try:
            rel = f.relative_to(ROOT)
        except ValueError:
            continue
        if rel.parts[0] in PROJECT_DIRS and f.suffix in ('.cpp', '.cc', '.cxx'):
            units[str(rel)] = entry
    return units


def entry_args(entry):
    return entry['arguments'] if 'arguments' in entry else shlex.split(entry['command'])


def tu_hash(entry, salt):
    """Hash of the TU preprocessed with comments (-E -C): any change to it or to a header it includes,
    including a NOLINT comment, changes the key."""
    args = entry_args(entry)
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a == '-o':
            skip = True
            continue
        if a in ('-c',) or a.startswith(('-MD', '-MF', '-MT', '-MQ')):
            if a in ('-MF', '-MT', '-MQ'):
                skip = True
            continue
        out.append(a)
    r = subprocess.run(out + ['-E', '-C', '-o', '-'], cwd=entry['directory'], capture_output=True)
    if r.returncode != 0:
        return None
    h = hashlib.sha256(salt)
    # Line markers carry the checkout's absolute path; drop it so clones at other paths share results.
    h.update(r.stdout.replace(str(ROOT).encode(), b'<root>'))
    return h.hexdigest()


def tidy_one(rel, build):
    """Runs clang-tidy on one TU; returns (rel, exit code, output, wall seconds, CPU seconds of the process)."""
    start = time.monotonic()
    proc = subprocess.Popen([TIDY, '-p', str(build), '--quiet', str(ROOT / rel)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return rel, proc.returncode, out, time.monotonic() - start, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', required=True)
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--no-cache', action='store_true')
    # Outside the checkout (like ccache's), so a fresh clone on the same machine reuses clean results;
    # the key covers the preprocessed TU, every .clang-tidy, .clang-format and the tool version.
    ap.add_argument('--cache-dir', default=os.environ.get(
        'QGP_TIDY_CACHE', str(pathlib.Path.home() / '.cache' / 'qgp-ci' / 'tidy')))
    ap.add_argument('files', nargs='*')
    args = ap.parse_args()
    build = pathlib.Path(args.build).resolve()
    t0 = time.monotonic()

    problems, version = guards(build)
    if problems:
        for p in problems:
            print('TIDY CONFIG FAIL:', p, file=sys.stderr)
        return 1

    units = project_units(build)
    if args.files:
        wanted = {str(pathlib.Path(f).resolve().relative_to(ROOT)) for f in args.files}
        missing = wanted - units.keys()
        if missing:
            print(f'TIDY FAIL: not in compile_commands.json: {sorted(missing)}', file=sys.stderr)
            return 1
        units = {k: v for k, v in units.items() if k in wanted}
    if not units:
        print('TIDY FAIL: no project translation units in compile_commands.json', file=sys.stderr)
        return 1

    salt = hashlib.sha256()
    salt.update(version.encode())
    salt.update(TIDY.encode())
    for cfg in sorted(ROOT.rglob('.clang-tidy')):
        if not any(p.startswith('build') or p in ('.cache', '.git') for p in cfg.relative_to(ROOT).parts):
            salt.update(str(cfg.relative_to(ROOT)).encode())
            salt.update(cfg.read_bytes())
    salt.update((ROOT / '.clang-format').read_bytes() if (ROOT / '.clang-format').exists() else b'')
    cache = pathlib.Path(args.cache_dir)
    cache.mkdir(parents=True, exist_ok=True)

    keys, todo, cached = {}, [], 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        hashes = dict(zip(units, pool.map(lambda rel: tu_hash(units[rel], salt.digest() + rel.encode()), units)))
    for rel in sorted(units):
        key = hashes[rel]
        keys[rel] = key
        if not args.no_cache and key and (cache / key).exists():
            cached += 1
        else:
            todo.append(rel)
    print(f'tidy: {len(units)} TUs, {cached} unchanged since a clean run (cache), {len(todo)} to check, '
          f'-j{args.jobs}', flush=True)

    failed, cpu_total = [], 0.0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for rel, rc, out, secs, cpu in pool.map(lambda r: tidy_one(r, build), todo):
            cpu_total += cpu
            bad = config_errors(out)
            # WarningsAsErrors: '*' turns every finding into an error and a non-zero exit.
            if rc != 0 or bad or ' error: ' in out or ' warning: ' in out:
                failed.append(rel)
                print(f'--- {rel}: FAIL ({secs:.1f}s, cpu {cpu:.1f}s)\n{out.strip()}', flush=True)
            else:
                print(f'    {rel}: ok ({secs:.1f}s, cpu {cpu:.1f}s)', flush=True)
                if keys[rel]:
                    (cache / keys[rel]).write_text(f'{rel}\n')
    # CPU time tells the cost on an idle machine when the wall time was inflated by other load.
    print(f'tidy: {len(units) - len(failed)}/{len(units)} TUs clean in {time.monotonic() - t0:.0f}s wall; '
          f'clang-tidy cpu {cpu_total:.0f}s (~{cpu_total / max(args.jobs, 1):.0f}s on {args.jobs} idle cores)')
    if failed:
        print(f'TIDY FAIL: {len(failed)} TU(s) with findings: {failed}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
