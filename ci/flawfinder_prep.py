#!/usr/bin/env python3
"""Copies C++ files into DEST (same relative paths) with the contents of raw string literals R"d(...)d" blanked,
line breaks kept. flawfinder 2.0.19 does not know C++11 raw strings: it stops at one ("File ended while in
string") and silently skips the rest of that file. Comments (and so `// Flawfinder: ignore` waivers) stay.
usage: flawfinder_prep.py DEST FILE..."""
import pathlib
import re
import sys

RAW = re.compile(r'(?<![A-Za-z0-9_])(?:u8|u|U|L)?R"([^()\\ \t\n]{0,16})\(')


def blank_raw_strings(text):
    out, pos = [], 0
    for m in RAW.finditer(text):
        if m.start() < pos:
            continue
        end = text.find(')' + m.group(1) + '"', m.end())
        if end < 0:
            break
        out.append(text[pos:m.start()])
        body = text[m.end():end]
        out.append('""' + re.sub(r'[^\n]', ' ', body))
        pos = end + len(m.group(1)) + 2
    out.append(text[pos:])
    return ''.join(out)


def main():
    dest = pathlib.Path(sys.argv[1])
    for f in sys.argv[2:]:
        target = dest / f
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(blank_raw_strings(pathlib.Path(f).read_text(errors='replace')))
    return 0


if __name__ == '__main__':
    sys.exit(main())
