#!/usr/bin/env bash
# Runs FunctionsFlow locally: Azurite with a durable store in .azurite/, then the host on http://localhost:7071.
# Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/azurite.sh

ensure_azurite_installed
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json

AZURITE_PID=
HOST_PID=
# Stop the host first (it finishes in-flight work against storage), then Azurite.
cleanup() {
  if [ -n "$HOST_PID" ]; then kill -TERM "$HOST_PID" 2>/dev/null || true; wait "$HOST_PID" 2>/dev/null || true; fi
  if [ -n "$AZURITE_PID" ]; then kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if port_in_use 10000 || port_in_use 10001 || port_in_use 10002; then
  echo "Storage ports 10000-10002 are in use: using the Azurite that is already running there."
else
  mkdir -p .azurite
  echo "Starting Azurite (data in .azurite/)..."
  start_azurite 10000 10001 10002 --location .azurite
fi

export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
url="${ASPNETCORE_URLS:-http://localhost:7071}"
url="${url%%;*}"

echo "Building the host..."
dotnet build src/FunctionsFlow.Host --nologo -v quiet -clp:ErrorsOnly
cat <<MSG

FunctionsFlow is starting on $url
  dashboard: $url/  (open it in a browser; choose the user alice there)
  try:  curl -s -H 'X-FunctionsFlow-User: alice' $url/api/me
  stop: Ctrl+C

MSG
dotnet src/FunctionsFlow.Host/bin/Debug/net10.0/FunctionsFlow.Host.dll &
HOST_PID=$!

# Once the host answers, store and publish the sample workflows for the user "alice".
for _ in $(seq 1 120); do
  curl -sf "$url/api/health/live" >/dev/null 2>&1 && break
  kill -0 "$HOST_PID" 2>/dev/null || break
  sleep 0.5
done
for sample in samples/*.yaml; do
  id=$(basename "$sample" .yaml)
  if curl -sf -X PUT -H 'X-FunctionsFlow-User: alice' -H 'Content-Type: application/yaml' \
       --data-binary @"$sample" "$url/api/workflows/$id" >/dev/null &&
     curl -sf -X POST -H 'X-FunctionsFlow-User: alice' "$url/api/workflows/$id/publish" >/dev/null; then
    input='{}'
    [ "$id" = expense-approval ] && input='{"amount":250}'
    echo "Sample workflow '$id' is published for alice; start it with:"
    echo "  curl -s -X POST -H 'X-FunctionsFlow-User: alice' -H 'Content-Type: application/json' -d '$input' $url/api/workflows/$id/executions"
  else
    echo "Could not publish the sample workflow '$id' (see the host's log above)."
  fi
done

# The sample schedule: scheduled-tick every minute for alice, created paused (once: it is kept across restarts).
schedule='{"id":"sample-every-minute","workflowId":"scheduled-tick","interval":{"every":"PT1M"},"paused":true}'
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'X-FunctionsFlow-User: alice' -H 'Content-Type: application/json' \
  -d "$schedule" "$url/api/schedules" || true)
case "$status" in
  201) echo "Sample schedule 'sample-every-minute' is created, paused: it runs scheduled-tick every minute once resumed:" ;;
  409) echo "Sample schedule 'sample-every-minute' exists already (as you left it); resume or pause it with:" ;;
  *) echo "Could not create the sample schedule (HTTP $status; see the host's log above)." ;;
esac
echo "  curl -s -X POST -H 'X-FunctionsFlow-User: alice' $url/api/schedules/sample-every-minute/resume"
echo
echo "Dashboard: $url/ (as alice: the samples, their executions, the schedule)"
echo "Command line: FUNCTIONSFLOW_USER=alice ./scripts/functionsflow list   (./scripts/functionsflow --help; docs/cli.md)"
wait "$HOST_PID"
