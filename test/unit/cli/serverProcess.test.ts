// How the server and the CLI get their Node: bin/server-heap.js (a heap limit for a large corpus,
// huge pages for the buffer a saved index is read into).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './support';

interface ServerProcessRules {
  serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  serverHeapLimitArg(): string;
}
// Plain JavaScript shared with the bins and the bench.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rules = require(join(ROOT, 'bin', 'server-heap.js')) as ServerProcessRules;

describe('bin/server-heap: the Node the server and the CLI run in', () => {
  it('asks glibc for huge pages and a fixed threshold for mapped blocks, after tunables already set, keeping the user’s own', () => {
    const BOTH = 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1048576';
    assert.equal(rules.serverEnv({ PATH: '/bin' }).GLIBC_TUNABLES, BOTH);
    assert.equal(rules.serverEnv({ PATH: '/bin' }).PATH, '/bin');
    assert.equal(rules.serverEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }).GLIBC_TUNABLES, `glibc.malloc.arena_max=2:${BOTH}`);
    assert.equal(rules.serverEnv({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }).GLIBC_TUNABLES, 'glibc.malloc.hugetlb=0:glibc.malloc.mmap_threshold=1048576');
    assert.equal(rules.serverEnv({ GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=65536:glibc.malloc.hugetlb=0' }).GLIBC_TUNABLES, 'glibc.malloc.mmap_threshold=65536:glibc.malloc.hugetlb=0');
    const env = { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' };
    rules.serverEnv(env);
    assert.equal(env.GLIBC_TUNABLES, 'glibc.malloc.arena_max=2', 'the caller’s environment is not changed');
  });

  it('runs a script in a child Node with the heap limit and the tunable, passing its arguments, output and exit code', () => {
    const dir = tempDir('tuned');
    const script = join(dir, 'report.js');
    writeFileSync(script, 'process.stdout.write(JSON.stringify({ tunables: process.env.GLIBC_TUNABLES, execArgv: process.execArgv, args: process.argv.slice(2) })); process.exit(3);\n');
    // A launcher file, as bin/precedent.js is: its arguments follow its path.
    const launcher = join(dir, 'launcher.js');
    writeFileSync(launcher, `require(${JSON.stringify(join(ROOT, 'bin', 'server-heap.js'))}).runTuned(${JSON.stringify(script)});\n`);
    const env = { ...process.env, GLIBC_TUNABLES: '', NODE_OPTIONS: '' };
    const r = spawnSync(process.execPath, [launcher, 'lint', 'projet « Vienne ».decl'], { encoding: 'utf8', env });
    assert.equal(r.status, 3, r.stderr);
    const seen = JSON.parse(r.stdout) as { tunables: string; execArgv: string[]; args: string[] };
    assert.equal(seen.tunables, 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1048576');
    assert.ok(seen.execArgv.includes(rules.serverHeapLimitArg()), seen.execArgv.join(' '));
    assert.deepEqual(seen.args, ['lint', 'projet « Vienne ».decl']);
  });

  it('runs the script in this Node when the caller already chose a heap limit and the tunable', () => {
    const dir = tempDir('tuned');
    const script = join(dir, 'report.js');
    writeFileSync(script, 'process.stdout.write(String(process.pid));\n');
    const launcher = `process.stdout.write(process.pid + ' '); require(${JSON.stringify(join(ROOT, 'bin', 'server-heap.js'))}).runTuned(${JSON.stringify(script)})`;
    const env = { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1048576', NODE_OPTIONS: '' };
    const r = spawnSync(process.execPath, ['--max-old-space-size=5000', '-e', launcher], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    const [outer, inner] = r.stdout.split(' ');
    assert.equal(inner, outer, 'no child Node started');
  });
});
