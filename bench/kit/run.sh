#!/usr/bin/env bash
# ADR-0010's evaluation of the reflection and JSON layer, reproducibly. Reports numbers, never
# pass/fail.
#   bench/kit/run.sh json            ns per render/parse of one finding: the kit (nlohmann),
#                                    nlohmann's type macros, Boost.Describe + Boost.JSON 1.81
#   bench/kit/run.sh boost181-build  full build time and binary size of qgp against Boost 1.81's
#                                    headers (Beast/Asio 1.81) in build/boost181, beside the 1.74 build
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
    "$root/build/release/bench/kit_json_bench" --benchmark_min_time=1 2>/dev/null | grep -E '^(kit|nlohmann)'
    out=$(mktemp -d)
    start=$(date +%s.%N)
    g++ -std=c++20 -O2 -g -isystem "$boost/usr/include" "$here/describe_json.cpp" -o "$out/describe_json"
    echo "describe_json build (one TU, header-only Boost.JSON): $(echo "$(date +%s.%N) - $start" | bc) s"
    "$out/describe_json"
    rm -rf "$out"
    ;;
  boost181-build)
    # The same full build (RelWithDebInfo, qgp only, no compiler cache) against Debian's Boost 1.74
    # (installed) and 1.81 (unpacked), one after the other on the same machine.
    unpack_boost
    for version in 174 181; do
      dir=$root/build/boost$version
      flags=""
      [ "$version" = 181 ] && flags="-isystem $boost/usr/include"
      cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQGP_BUILD_TESTS=OFF \
        -DQGP_BUILD_BENCH=OFF -DCMAKE_CXX_COMPILER_LAUNCHER= -DCMAKE_CXX_FLAGS="$flags" >/dev/null
      cmake --build "$dir" --target clean >/dev/null
      start=$(date +%s)
      CCACHE_DISABLE=1 cmake --build "$dir" --target qgp -j "$(nproc)" >/dev/null
      elapsed=$(( $(date +%s) - start ))
      echo "boost 1.$((version % 100)) full build of qgp: $elapsed s (load $(cut -d' ' -f1-3 /proc/loadavg))," \
        "binary $(stat -c %s "$dir/bin/qgp") bytes, $(size -A "$dir/bin/qgp" | awk '$1==".text"{print $2}') bytes of code"
    done
    ;;
  *)
    echo "usage: bench/kit/run.sh json|boost181-build" >&2
    exit 2
    ;;
esac
