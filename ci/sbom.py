#!/usr/bin/env python3
"""CycloneDX 1.5 SBOM of exactly the Debian packages a Ninja build used (ADR-0001 "pip-audit" half 1).
  headers         `ninja -t deps` of the build dir (Ninja folds the -MD depfiles into .ninja_deps)
  static libs     absolute /usr/... archives and shared objects on the link lines (`ninja -t commands`)
  shared libs     `ldd` of each given ELF (the shipped qgp binary)
  the compiler    the real path of the C++ compiler of CMakeCache.txt
Each file is mapped to its package with `dpkg -S` (both merged-/usr spellings and the real path are tried);
any /usr file that no package owns FAILS the gate instead of being dropped. Versions and source packages
(advisories are keyed by source) come from dpkg-query.
usage: sbom.py --build BUILD_DIR --out FILE ELF..."""
import argparse
import datetime
import json
import os
import pathlib
import re
import shlex
import subprocess
import sys
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent


def sh(cmd, check=True, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if check and r.returncode != 0:
        sys.exit(f'SBOM FAIL: {" ".join(cmd[:3])} ... exited {r.returncode}: {r.stderr.strip()[:500]}')
    return r


def used_files(build, elves):
    used = set()
    deps = sh(['ninja', '-C', str(build), '-t', 'deps']).stdout
    n_deps = 0
    for line in deps.splitlines():
        if line.startswith('    '):
            n_deps += 1
            p = pathlib.Path(line.strip())
            p = p if p.is_absolute() else (build / p)
            used.add(os.path.normpath(str(p)))
    if n_deps == 0:
        sys.exit(f'SBOM FAIL: `ninja -t deps` in {build} lists no headers (build first; .ninja_deps missing?)')
    commands = sh(['ninja', '-C', str(build), '-t', 'commands']).stdout
    for line in commands.splitlines():
        for tok in shlex.split(line):
            if tok.startswith('/usr/') and re.search(r'\.(a|so(\.\d+)*)$', tok):
                used.add(os.path.normpath(tok))
    for elf in elves:
        out = sh(['ldd', elf]).stdout
        libs = re.findall(r'=>\s+(/\S+)', out) + re.findall(r'^\s+(/\S+)\s+\(', out, re.M)
        if not libs:
            sys.exit(f'SBOM FAIL: ldd found no shared libraries in {elf}')
        used.update(libs)
    cache = (build / 'CMakeCache.txt').read_text()
    m = re.search(r'^CMAKE_CXX_COMPILER:\w+=(.+)$', cache, re.M)
    if m:
        used.add(os.path.realpath(m.group(1).strip()))
    root = str(ROOT.resolve())
    # Project sources and generated files are ours, not dependencies.
    return {f for f in used if not f.startswith(root + '/') and not f.startswith(str(build) + '/')}


def spellings(path):
    out = {path, os.path.realpath(path)}
    for p in list(out):
        for a, b in (('/lib/', '/usr/lib/'), ('/lib64/', '/usr/lib64/'), ('/bin/', '/usr/bin/'),
                     ('/sbin/', '/usr/sbin/')):
            if p.startswith(a):
                out.add(b + p[len(a):])
            if p.startswith(b):
                out.add(a + p[len(b):])
    return out


def owners_of(files):
    all_paths = sorted({s for f in files for s in spellings(f)})
    owned, owners = {}, set()
    for i in range(0, len(all_paths), 400):
        r = sh(['dpkg', '-S'] + all_paths[i:i + 400], check=False)
        for line in r.stdout.splitlines():
            if line.startswith('diversion ') or ': ' not in line:
                continue
            pkgs, path = line.split(': ', 1)
            names = [p.strip().split(':')[0] for p in pkgs.split(',')]
            owned.setdefault(path, set()).update(names)
    per_file = {}
    for f in files:
        names = set()
        for s in spellings(f):
            names |= owned.get(s, set())
        per_file[f] = names
        owners |= names
    return per_file, owners


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('elves', nargs='+')
    args = ap.parse_args()
    build = pathlib.Path(args.build).resolve()
    files = used_files(build, args.elves)
    per_file, owners = owners_of(files)
    unowned = sorted(f for f, names in per_file.items() if not names)
    if unowned:
        sys.exit('SBOM FAIL: files the build used that no Debian package owns (vendored or local installs '
                 'are not allowed without an SBOM entry):\n  ' + '\n  '.join(unowned))
    if not owners:
        sys.exit('SBOM FAIL: no packages found')
    fmt = '${Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\t${db:Status-Status}\n'
    rows = sh(['dpkg-query', '-W', '-f', fmt] + sorted(owners)).stdout
    osrel = dict(line.split('=', 1) for line in pathlib.Path('/etc/os-release').read_text().splitlines()
                 if '=' in line)
    distro_id, vid = osrel.get('ID', '').strip('"'), osrel.get('VERSION_ID', '').strip('"')
    if distro_id != 'debian' or not vid:
        sys.exit(f'SBOM FAIL: not a Debian system (ID={distro_id!r} VERSION_ID={vid!r})')
    files_by_pkg = {}
    for f, names in per_file.items():
        for n in names:
            files_by_pkg[n] = files_by_pkg.get(n, 0) + 1
    comps = [{"type": "operating-system", "bom-ref": "os:debian", "name": "debian",
              "version": pathlib.Path('/etc/debian_version').read_text().strip()}]
    seen = set()
    for row in rows.splitlines():
        name, ver, arch, src, srcver, status = row.split('\t')
        if status != 'installed' or name in seen:
            continue
        seen.add(name)
        purl = f'pkg:deb/debian/{name}@{ver}?arch={arch}&distro=debian-{vid}'
        if src and src != name:
            purl += f'&upstream={src}'
        comps.append({"type": "library", "bom-ref": f"pkg:deb/{name}", "name": name, "version": ver,
                      "purl": purl,
                      "properties": [{"name": "debian:source", "value": src or name},
                                     {"name": "debian:source_version", "value": srcver or ver},
                                     {"name": "qgp:files_used", "value": str(files_by_pkg.get(name, 0))}]})
    if len(seen) != len(owners):
        sys.exit(f'SBOM FAIL: dpkg-query resolved {len(seen)} of {len(owners)} packages: '
                 f'{sorted(owners - seen)}')
    m = re.search(r'project\(qgp VERSION ([\d.]+)', (ROOT / 'CMakeLists.txt').read_text())
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.5", "serialNumber": f"urn:uuid:{uuid.uuid4()}",
           "version": 1,
           "metadata": {"timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds'),
                        "tools": {"components": [{"type": "application", "name": "qgp ci/sbom.py"}]},
                        "component": {"type": "application", "bom-ref": "qgp", "name": "qgp",
                                      "version": m.group(1) if m else "0"}},
           "components": comps,
           "dependencies": [{"ref": "qgp", "dependsOn": [c["bom-ref"] for c in comps]}]}
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(bom, indent=1) + '\n')
    print(f'sbom: {len(files)} files used by the build -> {len(comps) - 1} Debian packages -> {out}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
