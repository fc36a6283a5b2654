#!/usr/bin/env python3
"""Dependency vulnerability gate (ADR-0001 "pip-audit" half 2): the security-suite diff.
For every library of the SBOM, fail if <codename>-security publishes a newer version than the one the build
used: that is exactly the set of vulnerabilities Debian has already fixed (DSA/DLA), i.e. pip-audit's
"fix available". Remediation: scripts/install-deps.sh (it upgrades the manifest's closure), then rebuild.

Fails closed:
  - the <codename>-security InRelease or its Packages list is missing, or past its Valid-Until, or its Date: is
    older than --max-age-days (default 2) -- unless apt fetched it in the last 6 hours (the archive re-signs
    only when it publishes, so a current index can carry an older Date) and it is at most 7 days old;
  - the SBOM has 0 packages or no Debian OS component, or apt-cache does not know a package;
  - the positive control (the SBOM plus a synthetic libssl3 3.0.0-1) is not reported;
  - a waiver is malformed, expired, or more than 30 days ahead.
Waivers (ci/deps/waivers.txt): `PACKAGE | INSTALLED_VERSION | EXPIRES YYYY-MM-DD | REASON`; a waiver covers that
exact installed version only.
usage: secgate.py --sbom FILE [--waivers FILE] [--max-age-days N] [--lists DIR]"""
import argparse
import datetime
import email.utils
import glob
import json
import os
import pathlib
import subprocess
import sys

MAX_WAIVER_DAYS = 30
FETCH_HOURS = 6
# Touched by scripts/install-deps.sh after every successful apt-get update.
UPDATE_STAMPS = ['/var/lib/apt/periodic/update-success-stamp']
CONTROL = ('libssl3', '3.0.0-1')


def fail(msg):
    print(f'DEPENDENCY GATE FAIL: {msg}', file=sys.stderr)
    sys.exit(1)


def check_index(lists, code, max_age_days):
    rel = glob.glob(f'{lists}/*_dists_{code}-security_InRelease')
    if not rel:
        fail(f'no {code}-security index in {lists} (sources lack bookworm-security or apt-get update failed)')
    pk = glob.glob(f'{lists}/*_dists_{code}-security_main_binary-*_Packages*')
    if not pk:
        fail(f'no {code}-security Packages list in {lists}')
    fields = {}
    for line in open(rel[0], errors='replace'):
        if line.startswith(('Date:', 'Valid-Until:')) and line.split(':', 1)[0] not in fields:
            fields[line.split(':', 1)[0]] = line.split(':', 1)[1].strip()
        if line.startswith('-----BEGIN PGP SIGNATURE'):
            break
    if 'Date' not in fields:
        fail(f'{rel[0]} has no Date: field')
    now = datetime.datetime.now(datetime.timezone.utc)
    date = email.utils.parsedate_to_datetime(fields['Date'])
    age = (now - date).total_seconds() / 86400
    if 'Valid-Until' in fields and email.utils.parsedate_to_datetime(fields['Valid-Until']) < now:
        fail(f'{code}-security index expired (Valid-Until: {fields["Valid-Until"]})')
    if age > max_age_days:
        # The security archive re-signs only when it publishes, so an index can be current and still carry an
        # old Date: accept it only when apt fetched it in the last FETCH_HOURS and it is at most a week old.
        fetched = max([os.path.getmtime(rel[0])] + [os.path.getmtime(s) for s in UPDATE_STAMPS
                                                      if os.path.exists(s)])
        fetched_h = (now.timestamp() - fetched) / 3600
        if fetched_h > FETCH_HOURS or age > 7:
            fail(f'{code}-security index is {age:.1f} days old (Date: {fields["Date"]}), limit {max_age_days}, '
                 f'last fetched {fetched_h:.1f} h ago: run apt-get update '
                 '(QGP_APT_UPDATE=1 bash scripts/install-deps.sh)')
        print(f'note: {code}-security last published {age:.1f} days ago; index fetched {fetched_h:.1f} h ago')
    return fields['Date'], age


def security_versions(names, code):
    """{package: [versions published in <code>-security]} and the set of packages apt-cache knows."""
    out = subprocess.run(['apt-cache', 'policy'] + sorted(names), capture_output=True, text=True,
                         check=True).stdout
    result, known, cur, ver = {}, set(), None, None
    for line in out.splitlines():
        if not line.startswith(' '):
            cur, ver = line.rstrip(':').split(':')[0], None
            continue
        s = line.strip()
        if s.startswith('Installed:') or s.startswith('Candidate:'):
            known.add(cur)
            continue
        if s.startswith('***'):
            s = s[3:].strip()
        parts = s.split()
        if len(parts) == 2 and parts[1].lstrip('-').isdigit():
            ver = parts[0]  # "<version> <priority>" opens a version entry
            continue
        if ver and len(parts) >= 3 and parts[2].split('/')[0] == f'{code}-security':
            result.setdefault(cur, []).append(ver)
    return result, known


def newer(a, b):
    return subprocess.run(['dpkg', '--compare-versions', a, 'gt', b]).returncode == 0


def findings(pkgs, sec):
    bad = []
    for name, installed in sorted(pkgs.items()):
        fixes = [v for v in sec.get(name, []) if newer(v, installed)]
        if fixes:
            best = fixes[0]
            for v in fixes[1:]:
                best = v if newer(v, best) else best
            bad.append((name, installed, best))
    return bad


def load_waivers(path, today):
    waivers, errors = {}, []
    if not path or not pathlib.Path(path).exists():
        return waivers, errors
    for n, raw in enumerate(pathlib.Path(path).read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith('#'):
            continue
        parts = [p.strip() for p in line.split('|')]
        if len(parts) != 4 or not all(parts):
            errors.append(f'{path}:{n}: expected "PACKAGE | VERSION | YYYY-MM-DD | reason": {raw!r}')
            continue
        name, ver, exp, reason = parts
        try:
            expiry = datetime.date.fromisoformat(exp)
        except ValueError:
            errors.append(f'{path}:{n}: bad date {exp!r}')
            continue
        if expiry < today:
            errors.append(f'{path}:{n}: waiver for {name} {ver} EXPIRED on {exp} ({reason})')
        elif (expiry - today).days > MAX_WAIVER_DAYS:
            errors.append(f'{path}:{n}: waiver for {name} expires {exp}, more than {MAX_WAIVER_DAYS} days ahead')
        waivers[(name, ver)] = (exp, reason)
    return waivers, errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sbom', required=True)
    ap.add_argument('--waivers')
    ap.add_argument('--max-age-days', type=float, default=2.0)
    ap.add_argument('--lists', default='/var/lib/apt/lists')
    ap.add_argument('--today', default=datetime.datetime.now(datetime.timezone.utc).date().isoformat())
    args = ap.parse_args()
    osrel = dict(line.split('=', 1) for line in open('/etc/os-release').read().splitlines() if '=' in line)
    code = osrel.get('VERSION_CODENAME', '').strip('"')
    if not code:
        fail('no VERSION_CODENAME in /etc/os-release')

    bom = json.load(open(args.sbom))
    if not any(c.get('type') == 'operating-system' and c.get('name') == 'debian' for c in bom['components']):
        fail('the SBOM has no Debian operating-system component')
    libs = [c for c in bom['components'] if c.get('type') == 'library']
    pkgs = {c['name']: c['version'] for c in libs}
    if not pkgs:
        fail('the SBOM lists 0 packages')
    if len(pkgs) != len(libs):
        fail('the SBOM lists a package twice')

    date, age = check_index(args.lists, code, args.max_age_days)
    sec, known = security_versions(set(pkgs) | {CONTROL[0]}, code)
    unknown = sorted(set(pkgs) - known)
    if unknown:
        fail(f'apt-cache does not know SBOM packages {unknown}: cannot check them')

    # Positive control: the same matcher must report a synthetic old libssl3.
    control = findings({**pkgs, CONTROL[0]: CONTROL[1]}, sec)
    if not any(name == CONTROL[0] for name, _, _ in control):
        fail(f'positive control: synthetic {CONTROL[0]} {CONTROL[1]} was NOT reported '
             f'({code}-security versions seen: {sec.get(CONTROL[0])}); the matcher or the index is broken')

    today = datetime.date.fromisoformat(args.today)
    waivers, errors = load_waivers(args.waivers, today)
    bad = findings(pkgs, sec)
    print(f'dependency gate: {len(pkgs)} SBOM packages checked against {code}-security '
          f'(index Date: {date}, {age:.1f} days old); positive control reported; '
          f'{len(bad)} with a published fix')
    failed = bool(errors)
    for e in errors:
        print('WAIVER FAIL:', e, file=sys.stderr)
    for name, installed, fixed in bad:
        w = waivers.get((name, installed))
        if w and datetime.date.fromisoformat(w[0]) >= today:
            print(f'WAIVED (until {w[0]}: {w[1]}): {name} {installed} -> {fixed}')
        else:
            print(f'VULNERABLE (fix published in {code}-security): {name} {installed} -> {fixed}', file=sys.stderr)
            failed = True
    if failed:
        print('remediation: bash scripts/install-deps.sh && rebuild; or a dated waiver in ci/deps/waivers.txt',
              file=sys.stderr)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
