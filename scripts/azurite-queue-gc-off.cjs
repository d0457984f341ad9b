// Preload for the benchmark's Azurite: scripts/test.sh and scripts/bench.sh start their in-memory Azurite with it (AZURITE_PRELOAD)
//
// Azurite's queue service sweeps the payloads ("extents") of deleted messages 60 s after it starts and every 60 s
// after a sweep ends. Each payload is removed on its own, and each removal rebuilds the extents collection's index
// (LokiJS findAndRemove), so a sweep costs the square of the messages deleted since the last one and holds the one
// event loop that serves blob, queue and table: after ~13,000 messages, minutes without an answer. This turns the
// sweep off for the Azurite process only (deleted payloads then stay in memory until it exits); in any other node
// process it does nothing.
"use strict";
const fs = require("fs");
const path = require("path");

if (/azurite[\\/]dist[\\/]src[\\/]azurite\.js$/.test(process.argv[1] || "")) {
  const file = path.join(path.dirname(process.argv[1]), "queue", "gc", "QueueGCManager.js");
  if (fs.existsSync(file)) {
    require(file).default.prototype.markSweep = async function markSweep() {};
  }
}
