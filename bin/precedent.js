#!/usr/bin/env node
// The CLI reads and builds the same index as the server: the same heap limit and memory rules.
require('./server-heap.js').runTuned(require('node:path').join(__dirname, '..', 'dist', 'cli.js'));
