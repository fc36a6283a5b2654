#!/usr/bin/env bash
# CI self-tests (issue 3 "Done when"): in a scratch copy of the tree, plant each breakage and run the gate that
# must catch it ALONE, asserting it FAILS; the unbroken copy must PASS the same gate first. Covers: formatting,
# include order, an include that points up a layer, a clang-tidy rule, the tidy config guard, a compiler
# warning (-Werror), a failing unit test, a planted secret, an undeclared/expired quarantine, the dependency gate's fail-closed
# paths, and an OpenAPI document with an operation without responses (and a misspelled linter rule).
# Kept cheap: single-object builds and single-file tidy runs; ccache (CCACHE_BASEDIR) reuses the main build.
#   bash ci/selftest.sh [CASE...]    cases: format include layers tidy tidy-config warning unit secret quarantine deps openapi
set -uo pipefail
# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
real_root=$ci_root

cases=("$@")
[ "${#cases[@]}" -gt 0 ] || cases=(quarantine deps openapi format include layers secret tidy-config warning tidy unit)

scratch=$(mktemp -d /tmp/qgp-ci-selftest.XXXXXX)
keep=${QGP_SELFTEST_KEEP:-0}
cleanup() { if [ "$keep" = 1 ]; then ci_log "kept $scratch"; else rm -rf "$scratch"; fi; }
trap cleanup EXIT

ci_log "selftest: copying the tree to $scratch"
(cd "$real_root" && ci_files .) | grep -v '^build' | tar -C "$real_root" -T - -cf - | tar -C "$scratch" -xf - \
  || ci_die "copy failed"
cd "$scratch" || exit 1
if ! { git init -q && git add -A && git -c user.email=ci@selftest -c user.name=selftest commit -qm base; }; then
  ci_die "git init of the scratch copy failed"
fi
# npm tools, the Swagger UI and the web application's packages that the build uses are reused from the
# real tree (read-only).
mkdir -p .cache/ci && ln -s "$real_root/.cache/ci/node" .cache/ci/node
[ -d "$real_root/web/docs/node_modules" ] && ln -s "$real_root/web/docs/node_modules" web/docs/node_modules
[ -d "$real_root/web/app/node_modules" ] && ln -s "$real_root/web/app/node_modules" web/app/node_modules
export CCACHE_BASEDIR=$scratch CCACHE_NOHASHDIR=1
unset QGP_CI_BUILD_DIR

passed=0
failures=()
out=$scratch/.selftest.out

reset_tree() { git checkout -q -- . && git clean -fdq -e build -e .cache -e .selftest.out; }

# expect pass|fail NAME PATTERN CMD... : run CMD in the scratch tree; on fail, PATTERN (ERE) must be in the output.
expect() {
  local want=$1 name=$2 pattern=$3
  shift 3
  local start=$SECONDS rc
  "$@" >"$out" 2>&1
  rc=$?
  local secs=$((SECONDS - start))
  if [ "$want" = pass ] && [ "$rc" -eq 0 ]; then
    ci_log "ok   $name: passes on the clean tree (${secs}s)"
    passed=$((passed + 1))
  elif [ "$want" = fail ] && [ "$rc" -ne 0 ] && grep -Eq -- "$pattern" "$out"; then
    ci_log "ok   $name: caught (${secs}s): $(grep -Em1 -- "$pattern" "$out" | cut -c1-160)"
    passed=$((passed + 1))
  else
    ci_log "FAIL $name: expected the gate to $want, got exit $rc (${secs}s); output tail:"
    tail -25 "$out" >&2
    failures+=("$name")
  fi
}

gate() { bash ci/gate.sh "$@"; }

# Breakages are planted in a probe TU of qgp_core that exists only in the scratch copy (src/core/ picks new
# files up at configure time), so the self-tests do not depend on the state of anyone else's code.
probe_hpp=src/core/ci_selftest_probe.hpp
probe_src=src/core/ci_selftest_probe.cpp
probe_obj=src/CMakeFiles/qgp_core.dir/core/ci_selftest_probe.cpp.o

write_probe() {
  cat >"$probe_hpp" <<'PROBE'
#pragma once

#include <string>

namespace qgp::core {

// CI self-test probe (ci/selftest.sh): plants breakages here, never committed.
std::string selftest_probe(const std::string& name);

}  // namespace qgp::core
PROBE
  cat >"$probe_src" <<'PROBE'
#include "core/ci_selftest_probe.hpp"

#include <string>

namespace qgp::core {

std::string selftest_probe(const std::string& name) {
  return "probe " + name;
}

}  // namespace qgp::core
PROBE
  git add -A && git -c user.email=ci@selftest -c user.name=selftest commit -qm probe
}

configure() { cmake --preset debug >/dev/null; }

case_format() {
  expect pass format-clean '' gate format "$probe_src" "$probe_hpp"
  printf '\nnamespace qgp {\nint   selftest_format_probe( ){return 1;}\n}  // namespace qgp\n' >>"$probe_src"
  expect fail format-broken 'clang-format-violations' gate format "$probe_src"
  reset_tree
}

case_include() {
  # Standard headers out of order and a project header before them: the Regroup/SortIncludes gate.
  sed -i 's|^#include <string>$|#include <vector>\n#include "core/errors.hpp"\n#include <array>\n#include <string>|' "$probe_src"
  expect fail include-order-broken 'clang-format-violations' gate format "$probe_src"
  reset_tree
}

case_layers() {
  # core/ is the bottom layer: an include of http/ points up.
  sed -i 's|^#include <string>$|#include <string>\n\n#include "http/server.hpp"|' "$probe_src"
  expect fail layer-broken 'must not include "http/server.hpp"' gate format "$probe_src"
  reset_tree
}

case_secret() {
  expect pass secret-clean '' env QGP_CI_FILES=src/core/ids.cpp bash ci/gate.sh security secretlint
  # Assembled here so this script holds no secret-shaped literal.
  printf 'const char* const kLeak = "%s%s%s";\n' 'xo' 'xb-1234567890-1234567890123-' 'abcdefghijABCDEFGHIJabcd' \
    >>src/core/ids.cpp
  expect fail secret-planted 'SLACK_TOKEN' env QGP_CI_FILES=src/core/ids.cpp bash ci/gate.sh security secretlint
  reset_tree
}

case_quarantine() {
  expect pass quarantine-clean '' gate quarantine
  mkdir -p tests/unit
  printf '#include <gtest/gtest.h>\n\nTEST(SelftestProbe, DISABLED_Flaky) { EXPECT_TRUE(true); }\n' \
    >tests/unit/selftest_probe_test.cpp
  expect fail quarantine-undeclared 'not declared' gate quarantine
  echo 'SelftestProbe.DISABLED_Flaky | 2000-01-01 | selftest' >>tests/quarantine.txt
  expect fail quarantine-expired 'EXPIRED' gate quarantine
  sed -i '$d' tests/quarantine.txt
  echo "SelftestProbe.DISABLED_Flaky | $(date -u -d '+10 days' +%F) | selftest: declared" >>tests/quarantine.txt
  expect pass quarantine-declared '' gate quarantine
  rm tests/unit/selftest_probe_test.cpp
  expect fail quarantine-stale 'no longer disabled' gate quarantine
  reset_tree
}

case_deps() {
  # The dependency gate's fail-closed paths, on a tiny SBOM (the full gate runs in .ci/run).
  local d=$scratch/.deps-probe
  mkdir -p "$d/lists"
  python3 - "$d/sbom.json" <<'EOF'
import json, subprocess, sys
ver = subprocess.run(['dpkg-query', '-W', '-f', '${Version}', 'libpq5'], capture_output=True, text=True).stdout
json.dump({"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
    {"type": "operating-system", "name": "debian", "version": "12"},
    {"type": "library", "name": "libpq5", "version": ver}]}, open(sys.argv[1], 'w'))
EOF
  expect fail deps-no-index 'no .*-security index' python3 ci/secgate.py --sbom "$d/sbom.json" --lists "$d/lists"
  local rel
  rel=$(find /var/lib/apt/lists -maxdepth 1 -name '*_dists_*-security_InRelease' | head -1)
  if [ -n "$rel" ]; then
    sed 's/^Date: .*/Date: Mon, 01 Jan 2024 00:00:00 UTC/' "$rel" >"$d/lists/$(basename "$rel")"
    cp /var/lib/apt/lists/*_dists_*-security_main_binary-*_Packages* "$d/lists/" 2>/dev/null
    expect fail deps-stale-index 'days old' python3 ci/secgate.py --sbom "$d/sbom.json" --lists "$d/lists"
  else
    failures+=("deps-stale-index: no security InRelease on this machine")
  fi
  python3 -c 'import json,sys; json.dump({"components":[{"type":"operating-system","name":"debian"}]}, open(sys.argv[1],"w"))' \
    "$d/empty.json"
  expect fail deps-empty-sbom '0 packages' python3 ci/secgate.py --sbom "$d/empty.json"
  printf 'libpq5 | 1.0 | 2000-01-01 | selftest\n' >"$d/waivers.txt"
  expect fail deps-expired-waiver 'EXPIRED' python3 ci/secgate.py --sbom "$d/sbom.json" --waivers "$d/waivers.txt"
  rm -rf "$d"
}

case_openapi() {
  # The document comes from the real tree's build (generating it is the clean case); the breakages are
  # planted in copies of it and in the linter config.
  local doc=$scratch/.openapi-probe.json
  expect pass openapi-clean '' env QGP_CI_BUILD_DIR="$real_root/build/debug" bash ci/gate.sh openapi
  cp build/openapi.json "$doc"
  python3 - "$doc" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
path = next(p for p in doc["paths"] if p.startswith("/api/v1/"))
op = next(iter(doc["paths"][path].values()))
del op["responses"]
json.dump(doc, open(sys.argv[1], "w"))
EOF
  expect fail openapi-no-responses 'operation-has-responses' gate openapi "$doc"
  printf '  info-contactt: error\n' >>ci/openapi/redocly.yaml
  expect fail openapi-config-typo 'did not load cleanly' gate openapi build/openapi.json
  rm -f "$doc"
  reset_tree
}

case_tidy_config() {
  configure
  # A malformed .clang-tidy makes clang-tidy exit 0 and check almost nothing: the guards must fail the gate.
  printf 'Checks: [\n  bogus: [\n' >.clang-tidy
  expect fail tidy-config-broken 'TIDY CONFIG FAIL' gate tidy "$probe_src"
  reset_tree
}

case_warning() {
  expect pass warning-clean '' gate build "$probe_obj"
  printf '\nnamespace qgp::core {\nint selftest_warning_probe(long value);\nint selftest_warning_probe(long value) { return value; }\n}  // namespace qgp::core\n' >>"$probe_src"
  expect fail warning-broken 'Werror=conversion' gate build "$probe_obj"
  reset_tree
}

case_tidy() {
  configure
  expect pass tidy-clean '' gate tidy "$probe_src"
  printf '\nnamespace qgp::core {\nint selftest_tidy_probe(const int* value);\nint selftest_tidy_probe(const int* value) {\n  if (value == 0) {\n    return 1;\n  }\n  return 2;\n}\n}  // namespace qgp::core\n' >>"$probe_src"
  expect fail tidy-broken 'modernize-use-nullptr' gate tidy "$probe_src"
  reset_tree
}

case_unit() {
  # A failing unit test must fail the unit gate (build the unit binary, then ctest -L unit).
  printf '#include <gtest/gtest.h>\n\nTEST(SelftestProbe, MustFail) { EXPECT_EQ(1 + 1, 3); }\n' \
    >tests/unit/selftest_probe_test.cpp
  if gate build qgp_unit_tests >"$out" 2>&1; then
    expect fail unit-broken 'SelftestProbe.MustFail.*Failed' gate unit
  else
    ci_log "FAIL unit-broken: the unit binary did not build:"
    tail -25 "$out" >&2
    failures+=(unit-build)
  fi
  reset_tree
}

write_probe
start=$SECONDS
for c in "${cases[@]}"; do
  fn="case_${c//-/_}"
  declare -F "$fn" >/dev/null || ci_die "unknown selftest case $c"
  "$fn"
done
ci_log "selftest: $passed checks passed, ${#failures[@]} failed in $((SECONDS - start))s"
if [ "${#failures[@]}" -gt 0 ]; then
  ci_log "selftest failures: ${failures[*]}"
  exit 1
fi
