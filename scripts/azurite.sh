# Shared by run.sh and test.sh: install and start Azurite from the repository's own npm lockfile.
# shellcheck shell=bash

ensure_azurite_installed() {
  if [ ! -f node_modules/azurite/dist/src/azurite.js ]; then
    echo "Installing Azurite (npm ci)..."
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
}

# wait_for_port PORT SECONDS
wait_for_port() {
  local port=$1 deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "Azurite did not listen on port $port in time." >&2
      return 1
    fi
    sleep 0.2
  done
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Three free TCP ports on loopback, space-separated.
free_ports() {
  node -e '
    const net = require("net");
    const take = () => new Promise(r => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => r(p)); }); });
    Promise.all([take(), take(), take()]).then(p => console.log(p.join(" ")));'
}

# start_azurite BLOB QUEUE TABLE [extra azurite options...]; sets AZURITE_PID.
start_azurite() {
  local blob=$1 queue=$2 table=$3
  shift 3
  # A session of its own: a terminal's Ctrl+C reaches the script, which stops Azurite after the host.
  # AZURITE_PRELOAD: a script node loads first (test.sh and bench.sh turn off the queue sweep that stalls Azurite).
  setsid node ${AZURITE_PRELOAD:+--require "$AZURITE_PRELOAD"} node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" "$@" >>"${AZURITE_LOG:-/dev/null}" 2>&1 &
  AZURITE_PID=$!
  wait_for_port "$blob" 60 && wait_for_port "$queue" 60 && wait_for_port "$table" 60
}

emulator_connection_string() {
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  printf 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/devstoreaccount1;QueueEndpoint=http://127.0.0.1:%s/devstoreaccount1;TableEndpoint=http://127.0.0.1:%s/devstoreaccount1;' \
    "$key" "$1" "$2" "$3"
}
