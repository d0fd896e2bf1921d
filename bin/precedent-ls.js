#!/usr/bin/env node
// The server in a Node whose heap limit and memory fit a large corpus (bin/server-heap.js): in a
// child Node with stdio passed through unless the caller already chose both.
const path = require('node:path');
require('./server-heap.js').runTuned(path.join(__dirname, '..', 'dist', 'server.js'));
