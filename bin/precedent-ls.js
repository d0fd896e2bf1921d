#!/usr/bin/env node
// The server in a Node with a heap limit that fits a large corpus (bin/server-heap.js). Unless the
// caller chose a limit, the server runs in a child Node with stdio passed through.
const path = require('node:path');
const { serverHeapLimitArg } = require('./server-heap.js');
const server = path.join(__dirname, '..', 'dist', 'server.js');
const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-old-space-size'));
if (chosen) {
  require(server);
} else {
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, [serverHeapLimitArg(), server, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 1)));
}
