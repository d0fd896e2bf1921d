// How the language server's Node runs: its heap limit and how its large buffers get memory. Used by
// precedent-ls, the CLI and the bench; the VS Code client applies the same rules (it is bundled from
// its own sources: see serverHeapLimit() and serverEnv() in client/src/extension.ts).
const os = require('node:os');

// Node's default heap limit (~4 GB) is below what the index of an organisation's corpus holds
// (100,000 precedents: more than 4 GB of heap; the server died there). The limit is only a
// ceiling: 60 % of the machine's memory, never below the default.
exports.serverHeapLimitArg = () => `--max-old-space-size=${Math.max(4096, Math.floor((os.totalmem() / 2 ** 20) * 0.6))}`;

// A saved index is read into one buffer (474 MB answer with at 100,000 precedents, 2.5 GB in all).
// Memory touched for the first time costs a page fault per 4 KB; on a virtual machine that was
// 14 µs each, so reading the first part cost 2.1 s before anything was decoded. glibc's malloc
// asks for transparent huge pages (2 MB) for its memory with the first tunable (glibc >= 2.35,
// ignored elsewhere and by other C libraries): the first part read and checked in 0.4 s instead
// of 2.5 s, the rest in 7 s instead of 13, a 10k build 64-67 s instead of 75-90. Huge pages also
// kept freed and half-used blocks resident (10k build: peak RSS 1.5 -> 2.0 GB); the second, a
// fixed 1 MB threshold above which blocks are mapped apart and given back when freed, keeps the
// peak at 1.40-1.41 GB (build 70-85 s). A value the user set for either is kept.
const TUNABLES = [['glibc.malloc.hugetlb', '1'], ['glibc.malloc.mmap_threshold', '1048576']];
exports.serverEnv = (env) => {
  const set = (env.GLIBC_TUNABLES ?? '').split(':').filter(Boolean);
  const names = new Set(set.map((t) => t.split('=')[0]));
  const added = TUNABLES.filter(([name]) => !names.has(name)).map(([name, value]) => `${name}=${value}`);
  return added.length ? { ...env, GLIBC_TUNABLES: [...set, ...added].join(':') } : { ...env };
};

// True when this process already runs with the tunables serverEnv() gives (or the user's own).
exports.tunedAlready = (env) => exports.serverEnv(env).GLIBC_TUNABLES === (env.GLIBC_TUNABLES ?? '');

// Run `script` in this Node when it already has a heap limit and the memory tunable, else in a
// child Node given both, stdio passed through, its exit code and signals carried over.
exports.runTuned = (script) => {
  const limited = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-old-space-size'));
  if (limited && exports.tunedAlready(process.env)) {
    require(script);
    return;
  }
  const { spawn } = require('node:child_process');
  const execArgv = limited ? process.execArgv : [...process.execArgv, exports.serverHeapLimitArg()];
  const child = spawn(process.execPath, [...execArgv, script, ...process.argv.slice(2)], { stdio: 'inherit', env: exports.serverEnv(process.env) });
  child.on('error', (error) => {
    console.error(`precedent: could not start ${script} in a child Node (${error.message})`);
    process.exit(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 1)));
};
