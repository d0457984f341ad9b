#!/usr/bin/env bash
# Runs the benchmarks. With no argument: the end-to-end scenarios on a fresh in-memory Azurite (results as a
# markdown table for docs/benchmarks.md). "micro" runs the BenchmarkDotNet micro-benchmarks (replay).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/azurite.sh

if [ "${1:-}" = "micro" ]; then
  shift
  exec dotnet run -c Release --project bench/FunctionsFlow.Benchmarks -- --filter '*' --job short "$@"
fi

ensure_azurite_installed
AZURITE_PID=
cleanup() {
  if [ -n "$AZURITE_PID" ]; then kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
read -r blob queue table < <(free_ports)
# In memory and short-lived: deleted messages may stay in memory, so the queue sweep that stalls Azurite is off.
AZURITE_PRELOAD=./scripts/azurite-queue-gc-off.cjs start_azurite "$blob" "$queue" "$table" --inMemoryPersistence
FUNCTIONSFLOW_BENCH_STORAGE=$(emulator_connection_string "$blob" "$queue" "$table") \
  dotnet run -c Release --project bench/FunctionsFlow.Benchmarks -- scenarios "$@"
