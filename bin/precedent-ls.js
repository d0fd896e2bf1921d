#!/usr/bin/env node
// The server in a Node with a heap limit that fits a large corpus (see serverHeapLimit() in
// client/src/extension.ts: Node's default ~4 GB is below the index of 100,000 precedents). Unless
// the caller chose a limit, the server runs in a child Node with stdio passed through.
const os = require('node:os');
const path = require('node:path');
const server = path.join(__dirname, '..', 'dist', 'server.js');
const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-old-space-size'));
if (chosen) {
  require(server);
} else {
  const limit = Math.max(4096, Math.floor((os.totalmem() / 2 ** 20) * 0.6));
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, [`--max-old-space-size=${limit}`, server, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 1)));
}
