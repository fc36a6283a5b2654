# Shared helpers for the gate scripts (sourced, not executed).
# shellcheck shell=bash

ci_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ci_root
# The debug preset's build dir (CMakePresets.json: build/<preset>); QGP_CI_BUILD_DIR overrides it.
ci_build=${QGP_CI_BUILD_DIR:-$ci_root/build/debug}
ci_cache=$ci_root/.cache/ci
export ci_build ci_cache
# ccache keys relative to the tree (and not the build dir), so ci/selftest.sh's scratch copy of the tree reuses
# the objects of the main build instead of recompiling everything.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ci_root} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

ci_log() { printf '[ci] %s\n' "$*" >&2; }
ci_die() { printf '[ci] FAIL: %s\n' "$*" >&2; exit 1; }

# Tracked files (git ls-files, plus untracked-but-not-ignored ones so a working tree is checked as it would
# be committed). Outside a git work tree there is nothing to check, which is a failure, not a pass.
# QGP_CI_FILES (space-separated paths) restricts every file-list gate to those files (ci/selftest.sh).
ci_files() {
  if [ -n "${QGP_CI_FILES:-}" ]; then
    tr ' ' '\n' <<<"$QGP_CI_FILES" | sed '/^$/d'
    return
  fi
  git -C "$ci_root" rev-parse --is-inside-work-tree >/dev/null 2>&1 || ci_die "$ci_root is not a git work tree"
  git -C "$ci_root" ls-files -z --cached --others --exclude-standard -- "$@" \
    | while IFS= read -r -d '' f; do [ -f "$ci_root/$f" ] && printf '%s\n' "$f"; done | sort -u
}

ci_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || ci_die "$tool is not installed (run: ci/gate.sh deps)"
  done
}

# The build dir must exist with a compile database (the build gate creates it).
ci_require_build() {
  [ -s "$ci_build/compile_commands.json" ] || ci_die "no $ci_build/compile_commands.json (run: ci/gate.sh build)"
}

ci_node_bin=$ci_cache/node/node_modules/.bin
export ci_node_bin
