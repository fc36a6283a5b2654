#!/usr/bin/env bash
# ADR-0010's evaluation of the reflection and JSON layer, reproducibly. Reports numbers, never
# pass/fail.
#   bench/kit/run.sh json            ns per render/parse of one finding: the kit (nlohmann),
#                                    nlohmann's type macros, Boost.Describe + Boost.JSON 1.81
#   bench/kit/run.sh boost181-build  what Boost 1.81 (Beast/Asio) costs: its one including TU
#                                    against 1.74 and 1.81, then the full release build of qgp
# Boost 1.81 comes from Debian's libboost1.81-dev, unpacked (dpkg -x) into BOOST181_ROOT (default
# .cache/boost181 in the repository): it conflicts with libboost1.74-dev, so it is not installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
boost=${BOOST181_ROOT:-$root/.cache/boost181}
mode=${1:-json}

unpack_boost() {
  if [ ! -f "$boost/usr/include/boost/describe.hpp" ]; then
    mkdir -p "$boost" /tmp/qgp-boost181-deb
    (cd /tmp/qgp-boost181-deb && apt-get download libboost1.81-dev >/dev/null 2>&1)
    dpkg -x /tmp/qgp-boost181-deb/libboost1.81-dev_*.deb "$boost"
  fi
  echo "boost 1.81 headers: $boost/usr/include" >&2
}

case "$mode" in
  json)
    unpack_boost
    cmake --preset release >/dev/null
    start=$(date +%s.%N)
    cmake --build --preset release --target kit_json_bench >/dev/null
    echo "kit_json_bench build: $(echo "$(date +%s.%N) - $start" | bc) s (incremental)"
    "$root/build/release/bin/kit_json_bench" --benchmark_min_time=1 2>/dev/null | grep -E '^(kit|nlohmann)'
    out=$(mktemp -d)
    start=$(date +%s.%N)
    g++ -std=c++20 -O2 -g -isystem "$boost/usr/include" "$here/describe_json.cpp" -o "$out/describe_json"
    echo "describe_json build (one TU, header-only Boost.JSON): $(echo "$(date +%s.%N) - $start" | bc) s"
    "$out/describe_json"
    rm -rf "$out"
    ;;
  boost181-build)
    # Only src/http/server.cpp includes Boost (Beast/Asio): moving to 1.81 changes that one
    # translation unit. It is compiled with the release build's own command against Debian's 1.74
    # (installed) and 1.81 (unpacked), no compiler cache, one after the other; then the full build
    # of qgp (release, no compiler cache) for scale.
    unpack_boost
    cmake --preset release >/dev/null
    # The compile command's words (shlex: it quotes -DQGP_VERSION="..."), NUL-separated, without
    # the compiler and its -o; the first word is the directory it runs in.
    mapfile -d '' -t words < <(python3 - "$root/build/release/compile_commands.json" <<'PY'
import json, shlex, sys
for entry in json.load(open(sys.argv[1])):
    if entry["file"].endswith("src/http/server.cpp"):
        argv = shlex.split(entry["command"])[1:]
        if "-o" in argv:
            i = argv.index("-o")
            del argv[i:i + 2]
        sys.stdout.write("\0".join([entry["directory"]] + argv) + "\0")
        break
PY
)
    directory=${words[0]}
    args=("${words[@]:1}")
    out=$(mktemp -d)
    for version in 1.74 1.81; do
      extra=()
      [ "$version" = 1.81 ] && extra=(-isystem "$boost/usr/include")
      start=$(date +%s.%N)
      (cd "$directory" && g++ "${extra[@]}" "${args[@]}" -o "$out/server-$version.o")
      echo "boost $version: src/http/server.cpp $(echo "$(date +%s.%N) - $start" | bc) s" \
        "(load $(cut -d' ' -f1-3 /proc/loadavg)), object code" \
        "$(size -A "$out/server-$version.o" | awk '$1 ~ /^\.text/ {t += $2} END {print t}') bytes"
    done
    rm -rf "$out"
    cmake --build --preset release --target clean >/dev/null
    start=$(date +%s)
    CCACHE_DISABLE=1 cmake --build --preset release --target qgp >/dev/null
    echo "full build of qgp (release, boost 1.74, no cache): $(( $(date +%s) - start )) s" \
      "(load $(cut -d' ' -f1-3 /proc/loadavg)), binary $(stat -c %s "$root/build/release/bin/qgp") bytes," \
      "$(size -A "$root/build/release/bin/qgp" | awk '$1 ~ /^\.text/ {t += $2} END {print t}') bytes of code"
    ;;
  *)
    echo "usage: bench/kit/run.sh json|boost181-build" >&2
    exit 2
    ;;
esac
