#!/usr/bin/env python3
"""Layering gate: docs/architecture.md section 2 "dependencies point down only", checked on every #include.

  python3 ci/layers.py [FILE...]     default: every .cpp/.hpp under src/

A file under src/<layer>/ may include project headers only from the layers below it (the table), and
some layers must not see some libraries: no JSON or Beast in domain/ and store/, no libpq in api/ and
domain/ (they talk to db/'s wrappers). Prints one line per violation (file:line: why) and exits 1.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# layer -> project layers it may include (itself included). Top-level wiring (app/, cli/) sees all.
ALLOWED = {
    'core': {'core'},
    'kit': {'kit', 'core'},
    'model': {'model', 'kit', 'core'},
    'db': {'db', 'core'},
    'schema': {'schema', 'model', 'kit', 'core'},
    'migrate': {'migrate', 'schema', 'db', 'core'},
    'store': {'store', 'model', 'kit', 'schema', 'db', 'core'},
    'domain': {'domain', 'store', 'model', 'kit', 'db', 'core'},
    'http': {'http', 'db', 'core'},
    'api': {'api', 'http', 'domain', 'store', 'model', 'kit', 'db', 'core'},
    'cli': {'cli', 'api', 'http', 'domain', 'store', 'model', 'kit', 'migrate', 'schema', 'db',
            'core'},
    'app': {'app', 'cli', 'api', 'http', 'domain', 'store', 'model', 'kit', 'migrate', 'schema',
            'db', 'core'},
}

# layer -> (library header prefix, reason)
FORBIDDEN_LIBRARIES = {
    'kit': [('nlohmann/', 'kit/ declarations never see JSON (api/kit does)'),
            ('boost/beast', 'kit/ never sees HTTP'), ('libpq-fe.h', 'kit/ never sees libpq')],
    'model': [('nlohmann/', 'model/ declarations never see JSON'),
              ('boost/beast', 'model/ never sees HTTP'), ('libpq-fe.h', 'model/ never sees libpq')],
    'domain': [('nlohmann/', 'domain/ never sees JSON'), ('boost/beast', 'domain/ never sees HTTP'),
               ('libpq-fe.h', 'domain/ uses db/, not libpq')],
    'store': [('nlohmann/', 'store/ never sees JSON'), ('boost/beast', 'store/ never sees HTTP')],
    'api': [('libpq-fe.h', 'api/ never sees a PGresult')],
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def layer_of(path):
    parts = path.relative_to(ROOT).parts
    return parts[1] if len(parts) > 2 and parts[0] == 'src' else None


def check(path):
    layer = layer_of(path)
    if layer is None:
        return []
    if layer not in ALLOWED:
        return [f'{path.relative_to(ROOT)}: unknown layer src/{layer}/ (add it to ci/layers.py)']
    problems = []
    for number, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        match = INCLUDE.match(line)
        if not match:
            continue
        delimiter, header = match.groups()
        where = f'{path.relative_to(ROOT)}:{number}'
        if delimiter == '"':
            target = header.split('/', 1)[0] if '/' in header else layer
            if target not in ALLOWED[layer]:
                problems.append(f'{where}: src/{layer}/ must not include "{header}" '
                                f'(src/{layer}/ may use: {", ".join(sorted(ALLOWED[layer]))})')
        for prefix, reason in FORBIDDEN_LIBRARIES.get(layer, []):
            if header.startswith(prefix):
                problems.append(f'{where}: <{header}>: {reason}')
    return problems


def main(argv):
    if argv:
        files = [pathlib.Path(f).resolve() for f in argv]
    else:
        files = sorted(p for p in (ROOT / 'src').rglob('*') if p.suffix in ('.cpp', '.hpp'))
    if not files:
        print('LAYERS FAIL: no files to check', file=sys.stderr)
        return 1
    problems = [problem for f in files if f.suffix in ('.cpp', '.hpp', '.h', '.cc')
                for problem in check(f)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f'LAYERS FAIL: {len(problems)} include(s) point the wrong way', file=sys.stderr)
        return 1
    checked = sum(1 for f in files if layer_of(f) is not None)
    print(f'layers: {checked} files under src/, every include points down')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
