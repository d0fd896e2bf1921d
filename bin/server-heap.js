// The heap limit the language server runs with: Node's default (~4 GB) is below what the index of
// an organisation's corpus holds (100,000 precedents: more than 4 GB of heap; the server died there).
// The limit is only a ceiling: 60 % of the machine's memory, never below the default. Used by
// precedent-ls and the bench; the VS Code client applies the same rule (it is bundled from its own
// sources: see serverHeapLimit() in client/src/extension.ts).
const os = require('node:os');

exports.serverHeapLimitArg = () => `--max-old-space-size=${Math.max(4096, Math.floor((os.totalmem() / 2 ** 20) * 0.6))}`;
