#!/usr/bin/env bash
# Runs every test of the solution against one shared Azurite (in memory, free ports), started here and
# stopped at the end. Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Tables").
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/azurite.sh

ensure_azurite_installed

# The dashboard's browser tests drive Debian's chromium (never a browser download): install it when it is missing.
# If that fails the run goes on, and those tests fail saying what is missing.
ensure_chromium_installed() {
  [ -x /usr/bin/chromium ] && return 0
  echo "Installing Chromium for the dashboard's browser tests (apt-get install chromium)..."
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  if ! { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 chromium; } >/dev/null; then
    echo "Could not install chromium: the dashboard's browser tests will fail." >&2
  fi
}
ensure_chromium_installed

AZURITE_PID=
cleanup() {
  if [ -n "$AZURITE_PID" ]; then kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

results=TestResults
rm -rf "$results"
mkdir -p "$results"
export AZURITE_LOG="$results/azurite.log"
read -r blob queue table < <(free_ports)
# In memory and short-lived: deleted messages may stay in memory, so the queue sweep that stalls Azurite is off.
AZURITE_PRELOAD=./scripts/azurite-queue-gc-off.cjs start_azurite "$blob" "$queue" "$table" --inMemoryPersistence
export FUNCTIONSFLOW_TEST_STORAGE
FUNCTIONSFLOW_TEST_STORAGE=$(emulator_connection_string "$blob" "$queue" "$table")
echo "Azurite (in memory) on ports $blob/$queue/$table for this run."

status=0
dotnet test FunctionsFlow.sln --nologo --logger "trx" --results-directory "$results" "$@" || status=$?

cleanup
AZURITE_PID=

# One closing line for the whole run, summed over every test assembly's results.
node -e '
  const fs = require("fs"), path = require("path");
  let passed = 0, failed = 0, skipped = 0;
  const dir = process.argv[1];
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!f.endsWith(".trx")) continue;
    const m = fs.readFileSync(path.join(dir, f), "utf8").match(/<Counters [^>]*>/);
    if (!m) continue;
    const n = k => Number((m[0].match(new RegExp(" " + k + "=\"(\\d+)\"")) || [0, 0])[1]);
    passed += n("passed"); failed += n("failed") + n("error") + n("timeout") + n("aborted");
    skipped += n("notExecuted");
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);' "$results"
exit "$status"
