// `npm run bench -- --size 1k,10k` — measures the precedent index on synthetic corpora, through the
// engine and through the language server, next to a naive fuse.js scan, and checks the targets of
// issue 5. Prints a table and writes bench/results/latest.json.
//
// Options:
//   --size smoke|1k|10k|100k[,…]  corpora to measure (default 1k,10k)
//   --runs N                      build runs per size (default 5, 3 at 10k, 1 at 100k; median kept)
//   --build-budget S              stop a build after S seconds and measure the partial index
//                                 (default 60 at smoke, 300 at 1k, 900 at 10k, 3600 at 100k; 8 with --check-only)
//   --fuse-queries N              cap on fuse.js queries (default 120 at ≤1k, 40 at 10k, 20 at 100k, 10 with --check-only)
//   --server-timeout S            wait at most S seconds for the server's corpus to be ready
//                                 (default 120 at ≤1k, 600 at 10k, 1800 at 100k, 15 with --check-only)
//   --no-server                   skip the language-server path
//   --profile                     write a V8 CPU profile of the measured build to bench/results/profiles/
//   --check-only                  smoke run: exit 1 only if the bench itself breaks (not on missed targets)
//   --out FILE                    JSON output (default bench/results/latest.json)
//   --generate-only               write the corpora to bench/cache/<size>/ and stop
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SEED, ensureCorpus, CorpusManifest, GENERATOR_VERSION, SIZES } from './generate';
import { QUERY_CATEGORIES } from './queries';
import { runServer, ServerResult, type ServerProcessRules } from './serverPath';
import { formatMs, median, Summary } from './stats';
import { BuildResult, FloorResult, FuseResult, LINT_WARM_UP, runTask, TaskArgs } from './tasks';
import { VALIDATION_DELAY_MS } from '../server/src/node/languageServer';

const REPO = path.resolve(__dirname, '../..');
const CACHE = path.join(REPO, 'bench', 'cache');
const RESULTS = path.join(REPO, 'bench', 'results');

// ---------------------------------------------------------------------------------------------
// Child side.

if (process.argv[2] === '--child') {
  const args = JSON.parse(process.argv[3]) as TaskArgs;
  Promise.resolve()
    .then(() => runTask(args))
    .then(
      (result) => process.send!({ ok: true, result }, () => process.exit(0)),
      (e: unknown) => process.send!({ ok: false, error: (e as Error).stack ?? String(e) }, () => process.exit(1)),
    );
} else {
  main().catch((e: unknown) => {
    console.error((e as Error).stack ?? e);
    process.exit(1);
  });
}

function runChild<T>(args: TaskArgs, profileDir?: string): Promise<T> {
  const execArgv = ['--expose-gc', '--max-old-space-size=16384'];
  if (profileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  return new Promise((resolve, reject) => {
    // The engine measured with the memory rules the server runs with (bin/server-heap.js).
    const { serverEnv } = require(path.join(REPO, 'bin', 'server-heap.js')) as ServerProcessRules;
    const child = fork(__filename, ['--child', JSON.stringify(args)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: serverEnv(process.env) });
    let settled = false;
    child.on('message', (m: { ok: boolean; result?: T; error?: string }) => {
      settled = true;
      if (m.ok) resolve(m.result as T);
      else reject(new Error(`${args.task} task failed: ${m.error}`));
    });
    child.on('exit', (code, signal) => {
      if (!settled) reject(new Error(`${args.task} task exited (code ${code}, signal ${signal}) without a result`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Parent side.

interface Options {
  sizes: string[];
  runs: number | null;
  fuseQueries: number | null;
  buildBudgetS: number | null;
  serverTimeoutS: number | null;
  server: boolean;
  profile: boolean;
  checkOnly: boolean;
  generateOnly: boolean;
  /**
   * Engine results of an earlier run (its JSON): only the server path is measured, and the table
   * joins both. At 100k each path takes half an hour; a server fix need not re-run the engine.
   */
  engineFrom: string | null;
  out: string;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { sizes: ['1k', '10k'], runs: null, fuseQueries: null, buildBudgetS: null, serverTimeoutS: null, server: true, profile: false, checkOnly: false, generateOnly: false, engineFrom: null, out: path.join(RESULTS, 'latest.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--size' || a === '--sizes') o.sizes = value().split(',');
    else if (a === '--runs') o.runs = Number(value());
    else if (a === '--fuse-queries') o.fuseQueries = Number(value());
    else if (a === '--build-budget') o.buildBudgetS = Number(value());
    else if (a === '--server-timeout') o.serverTimeoutS = Number(value());
    else if (a === '--no-server') o.server = false;
    else if (a === '--profile') o.profile = true;
    else if (a === '--check-only') o.checkOnly = true;
    else if (a === '--generate-only') o.generateOnly = true;
    else if (a === '--out') o.out = path.resolve(value());
    else if (a === '--engine-from') o.engineFrom = path.resolve(value());
    else throw new Error(`unknown option ${a}`);
  }
  if (o.checkOnly && !argv.includes('--size')) o.sizes = ['smoke'];
  for (const s of o.sizes) if (!(s in SIZES)) throw new Error(`unknown size ${s} (expected ${Object.keys(SIZES).join(', ')})`);
  return o;
}

interface SizeResult {
  size: string;
  documents: number;
  bytes: number;
  generatedMs: number;
  buildRuns: number;
  floor: FloorResult;
  /** Median build time over the runs, and its throughput. */
  buildMs: number;
  buildMbPerS: number;
  buildMsRuns: number[];
  /** Highest peak RSS over the build runs. */
  buildPeakRssMb: number;
  measured: BuildResult;
  fuse: FuseResult;
  fuseCapped: boolean;
  server: ServerResult;
  targets: TargetCheck[];
  notes: string[];
}

interface TargetCheck {
  name: string;
  target: string;
  value: string;
  pass: boolean | null;
}

function completionP99(b: BuildResult): number {
  return Math.max(...QUERY_CATEGORIES.map((c) => b.latency?.[c].summary.p99 ?? NaN));
}

/** Per query category, fuse.js median / ours median; the median of those ratios. */
function fuseRatio(b: BuildResult, f: FuseResult): number {
  const ratios = QUERY_CATEGORIES.filter((c) => f.latency[c] && b.latency).map((c) => f.latency[c]!.median / b.latency![c].summary.median);
  return median(ratios);
}

function checkTargets(r: SizeResult): TargetCheck[] {
  const b = r.measured;
  const out: TargetCheck[] = [];
  // Latencies of an index that kept nothing say nothing: no verdict then.
  const empty = b.indexed === 0;
  const partial = b.aborted !== null;
  const verdict = (ok: boolean | null): boolean | null => (empty ? null : ok);
  const p99 = completionP99(b);
  out.push({ name: 'completion p99', target: '≤ 2 ms', value: formatMs(p99), pass: verdict(Number.isFinite(p99) ? p99 <= 2 : null) });
  const ratio = fuseRatio(b, r.fuse);
  out.push({ name: 'faster than fuse.js', target: '≥ 500×', value: Number.isFinite(ratio) ? `${ratio.toFixed(0)}×` : '—', pass: verdict(Number.isFinite(ratio) ? ratio >= 500 : null) });
  const hover = b.hover?.firstPage.p99 ?? NaN;
  out.push({ name: 'hover p99', target: '≤ 10 ms', value: formatMs(hover), pass: verdict(Number.isFinite(hover) ? hover <= 10 : null) });
  const diag = b.diagnostics?.analyse.p99 ?? NaN;
  // The server waits for a pause in typing before it lints: that wait is not the lint's time.
  const serverDiag = r.server.available && 'p99' in r.server.diagnostics ? r.server.diagnostics.p99 - VALIDATION_DELAY_MS : NaN;
  const diagWorst = Number.isFinite(serverDiag) ? Math.max(diag, serverDiag) : diag;
  out.push({ name: 'diagnostics after edit p99', target: '≤ 50 ms', value: formatMs(diagWorst), pass: verdict(Number.isFinite(diagWorst) ? diagWorst <= 50 : null) });
  const third = r.floor.mbPerS / 3;
  out.push({ name: 'build throughput', target: `≥ floor/3 = ${third.toFixed(1)} MB/s`, value: `${r.buildMbPerS.toPrecision(3)} MB/s`, pass: verdict(r.buildMbPerS >= third) });
  out.push({ name: 'peak RSS (build)', target: '≤ 1536 MB', value: `${r.buildPeakRssMb.toFixed(0)} MB`, pass: partial && r.buildPeakRssMb <= 1536 ? null : verdict(r.buildPeakRssMb <= 1536) });
  const persisted = r.server.available && typeof r.server.coldStartPersisted === 'object' ? r.server.coldStartPersisted.ms : NaN;
  out.push({ name: 'cold start, persisted index (server)', target: '≤ 3 s', value: Number.isFinite(persisted) ? formatMs(persisted) : b.persisted.status, pass: Number.isFinite(persisted) ? verdict(persisted <= 3000) : null });
  // Updated = the index answers with the change: the upsert and the prepare() the server runs after it.
  // In the built index and, as after a cold start, in the restored one.
  const up = Math.max(b.changedPrepared?.max ?? b.upsertChanged?.max ?? NaN, ...(b.persisted.changesAfterLoad ?? []));
  out.push({ name: 'changed precedent until answered (max)', target: '≤ 100 ms', value: formatMs(up), pass: verdict(Number.isFinite(up) ? up <= 100 : null) });
  return out;
}

async function measureSize(size: string, o: Options, log: (s: string) => void): Promise<SizeResult> {
  const manifest: CorpusManifest = ensureCorpus(CACHE, size, DEFAULT_SEED, log);
  const dir = path.join(CACHE, size);
  if (o.engineFrom) {
    const earlier = (JSON.parse(fs.readFileSync(o.engineFrom, 'utf8')) as { results: SizeResult[] }).results.find((r) => r.size === size);
    if (!earlier) throw new Error(`${o.engineFrom} has no results for ${size}`);
    log(`[${size}] engine results from ${o.engineFrom}; language server …`);
    const readyTimeout = (o.serverTimeoutS ?? 2700) * 1000;
    earlier.server = await runServer(REPO, dir, manifest.documents, readyTimeout).catch((e: Error) => ({ available: false as const, reason: `bench error: ${e.message}` }));
    earlier.notes.push(`engine rows from ${path.basename(o.engineFrom)}, server rows from this run`);
    earlier.targets = checkTargets(earlier);
    return earlier;
  }
  const runs = o.runs ?? (o.checkOnly ? 1 : size === '100k' ? 1 : size === '10k' ? 3 : 5);
  const notes: string[] = [];
  if (runs === 1) notes.push('one build run (median of one)');

  log(`[${size}] read+tokenise floor …`);
  const floors: FloorResult[] = [];
  for (let i = 0; i < (o.checkOnly ? 1 : Math.min(runs, 3)); i++) floors.push(await runChild<FloorResult>({ task: 'floor', dir }));
  const floor = floors.sort((a, b) => a.ms - b.ms)[Math.floor(floors.length / 2)];

  // The first build also takes the latency measurements; the others only time the build.
  const budgetS = o.buildBudgetS ?? (o.checkOnly ? 8 : { smoke: 60, '1k': 300, '10k': 900, '100k': 3600 }[size] ?? 900);
  const builds: BuildResult[] = [];
  for (let i = 0; i < runs; i++) {
    const first = i === 0;
    log(`[${size}] build ${i + 1}/${runs}${first ? ' + latency measurements' : ''} (budget ${budgetS} s) …`);
    const profileDir = o.profile && first ? path.join(RESULTS, 'profiles', size) : undefined;
    if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
    builds.push(await runChild<BuildResult>({ task: 'build', dir, measure: first, budgetMs: budgetS * 1000, quick: o.checkOnly }, profileDir));
    if (builds[0].aborted) break;
  }
  const measured = builds[0];
  if (measured.aborted) {
    notes.push(`build ABORTED after its ${budgetS} s budget at document ${measured.aborted.atDocument}/${manifest.documents} (${measured.aborted.docsPerS.toFixed(1)} docs/s; full build ≈ ${formatMs((manifest.documents / measured.aborted.docsPerS) * 1000)} if linear): latencies are of that partial index`);
  }
  if (builds.length < runs) notes.push(`${builds.length} build run(s) instead of ${runs}`);
  const buildMsRuns = builds.map((b) => b.buildMs);
  const buildMs = median(buildMsRuns);
  const builtBytes = measured.aborted ? measured.bytes : manifest.bytes;

  // fuse.js costs ~5 µs per phrase per query: cap the queries so a size stays within minutes.
  const maxQueries = o.fuseQueries ?? (o.checkOnly ? 10 : size === '100k' ? 20 : size === '10k' ? 40 : 120);
  log(`[${size}] fuse.js baseline …`);
  const fuse = await runChild<FuseResult>({ task: 'fuse', dir, maxQueries });
  const fuseCapped = fuse.queriesRun < fuse.queriesTotal;
  if (fuseCapped) notes.push(`fuse.js ran ${fuse.queriesRun} of ${fuse.queriesTotal} queries (capped)`);

  let server: ServerResult = { available: false, reason: 'skipped (--no-server)' };
  if (o.server) {
    log(`[${size}] language server …`);
    const readyTimeout = o.serverTimeoutS !== null ? o.serverTimeoutS * 1000 : o.checkOnly ? 15_000 : size === '100k' ? 1_800_000 : size === '10k' ? 600_000 : 120_000;
    try {
      server = await runServer(REPO, dir, manifest.documents, readyTimeout);
    } catch (e) {
      server = { available: false, reason: `bench error: ${(e as Error).message}` };
    }
  }

  const r: SizeResult = {
    size, documents: manifest.documents, bytes: manifest.bytes, generatedMs: manifest.generatedMs, buildRuns: runs, floor,
    buildMs, buildMbPerS: builtBytes / 1e6 / (buildMs / 1000), buildMsRuns,
    buildPeakRssMb: Math.max(...builds.map((b) => b.peakRssMb)), measured, fuse, fuseCapped, server, targets: [], notes,
  };
  r.targets = checkTargets(r);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Report.

function lat(s: Summary | undefined): string {
  return s && s.n > 0 ? `${formatMs(s.median)} / ${formatMs(s.p99)}` : '—';
}

function table(results: SizeResult[]): string {
  const rows: string[][] = [['', ...results.map((r) => r.size)]];
  const row = (name: string, f: (r: SizeResult) => string): void => { rows.push([name, ...results.map(f)]); };
  const mark = (r: SizeResult, name: string): string => {
    const t = r.targets.find((x) => x.name === name)!;
    return t.pass === null ? '' : t.pass ? ' ✓' : ' ✗';
  };
  row('documents / MB', (r) => `${r.documents} / ${(r.bytes / 1e6).toFixed(0)}`);
  row('read+tokenise floor', (r) => `${r.floor.mbPerS.toFixed(1)} MB/s`);
  row('index build (median of runs)', (r) => (r.measured.aborted
    ? `ABORTED at ${r.measured.aborted.atDocument} docs after ${formatMs(r.buildMs)}`
    : `${formatMs(r.buildMs)} ×${r.buildMsRuns.length}${buildPhases(r.measured)}`));
  row('build throughput (≥ floor/3)', (r) => `${r.buildMbPerS.toPrecision(3)} MB/s${mark(r, 'build throughput')}`);
  row('peak RSS build (≤ 1.5 GB)', (r) => `${r.buildPeakRssMb.toFixed(0)} MB${mark(r, 'peak RSS (build)')}`);
  row('  whole engine run (+ save, 2nd copy)', (r) => (r.measured.runPeakRssMb === undefined ? '—' : `${r.measured.runPeakRssMb.toFixed(0)} MB`));
  row('retained heap after build', (r) => (r.measured.retainedHeapMb === null ? '—' : `${r.measured.retainedHeapMb.toFixed(0)} MB`));
  row('indexed / skipped / threw', (r) => `${r.measured.indexed} / ${r.measured.skipped} / ${r.measured.crashed}`);
  rows.push(['completion, engine (median / p99, max of n)', ...results.map(() => '')]);
  for (const c of QUERY_CATEGORIES) {
    row(`  ${c}`, (r) => {
      const s = r.measured.latency?.[c].summary;
      return `${lat(s)}, max ${s ? formatMs(s.max) : '—'} of ${s?.n ?? 0} (${((r.measured.latency?.[c].answered ?? 0) * 100).toFixed(0)}% answered)`;
    });
  }
  row('completion p99 (≤ 2 ms)', (r) => `${r.targets[0].value}${mark(r, 'completion p99')}`);
  row('fuse.js scan (median / p99)', (r) => `${lat(r.fuse.all)} over ${r.fuse.phrases} phrases, ${r.fuse.queriesRun} q`);
  row('fuse.js / ours (≥ 500×)', (r) => `${r.targets[1].value}${mark(r, 'faster than fuse.js')}`);
  row('hover, first page (≤ 10 ms p99)', (r) => `${lat(r.measured.hover?.firstPage)}${mark(r, 'hover p99')}`);
  row('  reference / occurrences', (r) => `${r.measured.hover?.id ?? '—'} / ${r.measured.hover?.occurrences ?? 0}${r.measured.hover?.capped === false ? ' NOT PAGED' : ''}`);
  row('  deep page (offset total/2)', (r) => lat(r.measured.hover?.deepPage));
  row('concordance (20 first)', (r) => `${lat(r.measured.concordance?.summary)} (${r.measured.concordance?.total ?? 0} hits)`);
  row('diagnostics engine, 20 p. draft', (r) => lat(r.measured.diagnostics?.analyse));
  row('  slowest 3 (GC pauses inside)', (r) => {
    const d = r.measured.diagnostics;
    if (!d?.slowest) return '—';
    const each = d.slowest.map((s) => `${formatMs(s.ms)}${s.gc.length ? ` (${s.gc.join(', ')})` : ' (no GC)'}`).join('; ');
    return `${each}; GC ${formatMs(d.gcMs ?? 0)} in all, ${d.majors ?? 0} mark-compact`;
  });
  row(`  ${LINT_WARM_UP} first lints after start (JIT)`, (r) => lat(r.measured.diagnostics?.first));
  row('completion typing in the 20 p. draft', (r) => { const t = r.measured.typingInDraft; return t ? `${lat(t.summary)}, ${t.answered}/${t.keystrokes} answered` : '—'; });
  row('diagnostics worst p99 (≤ 50 ms)', (r) => `${r.targets[3].value}${mark(r, 'diagnostics after edit p99')}`);
  row('upsert changed doc', (r) => `${lat(r.measured.upsertChanged)} max ${formatMs(r.measured.upsertChanged?.max ?? NaN)}`);
  row('  + prepare, until answered (≤ 100 ms max)', (r) => `${lat(r.measured.changedPrepared)} max ${formatMs(r.measured.changedPrepared?.max ?? NaN)}`);
  row('  the same after a load (restored index)', (r) => `${(r.measured.persisted.changesAfterLoad ?? []).map(formatMs).join(', ') || 'not measured'}`);
  row('changed precedent, worst (≤ 100 ms)', (r) => `${r.targets.find((t) => t.name === 'changed precedent until answered (max)')?.value ?? ''}${mark(r, 'changed precedent until answered (max)')}`);
  row('upsert new doc', (r) => lat(r.measured.upsertNew));
  row('cold start, persisted (engine; ≤ 3 s is the server row)', (r) => r.measured.persisted.status);
  const sv = (r: SizeResult, f: (s: Extract<ServerResult, { available: true }>) => string): string =>
    r.server.available ? f(r.server) : `not available (${r.server.reason})`;
  row('server: cold start, no persisted', (r) => sv(r, (s) => `${formatMs(s.coldStartMs)} (${s.documentsReported} docs${s.progress
    ? `; status bar: ${s.progress.updates} counts of precedents read, "préparation" ${s.progress.preparingMs === null ? 'not shown' : `from ${formatMs(s.progress.preparingMs)}`}`
    : ''})`));
  row('server: cold start, persisted', (r) => sv(r, (s) => (typeof s.coldStartPersisted === 'object'
    ? `${formatMs(s.coldStartPersisted.ms)}${mark(r, 'cold start, persisted index (server)')} (${s.coldStartPersisted.documents} docs, saved index ${s.coldStartPersisted.savedMb.toFixed(0)} MB; its rest read after ${s.coldStartPersisted.restMs === null ? 'no report' : formatMs(s.coldStartPersisted.restMs)}${s.coldStartPersisted.flushMs === undefined ? '' : `; saved index on disk ${formatMs(s.coldStartPersisted.flushMs)} before`})`
    : s.coldStartPersisted)));
  row('server: peak RSS', (r) => sv(r, (s) => (s.peakRssMb === null ? '—' : `${s.peakRssMb.toFixed(0)} MB`)));
  for (const c of QUERY_CATEGORIES) {
    row(`server: completion ${c}`, (r) => sv(r, (s) => `${lat(s.completion[c])} (${((s.completion[c]?.answered ?? 0) * 100).toFixed(0)}%)`));
  }
  row('server: hover', (r) => sv(r, (s) => `${lat(s.hover)} (${(s.hover.answered * 100).toFixed(0)}%)`));
  row(`server: diagnostics after edit (incl. ${VALIDATION_DELAY_MS} ms typing pause)`, (r) => sv(r, (s) => ('error' in s.diagnostics ? s.diagnostics.error : lat(s.diagnostics))));

  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  │ ')).join('\n');
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, ramGb: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version, platform: `${os.platform()} ${os.release()}`, date: new Date().toISOString(),
    loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
  };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const log = (s: string): void => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${s}`);
  if (o.generateOnly) {
    for (const size of o.sizes) ensureCorpus(CACHE, size, DEFAULT_SEED, log);
    return;
  }
  const results: SizeResult[] = [];
  for (const size of o.sizes) results.push(await measureSize(size, o, log));

  console.log(`\nPrécédent bench — ${new Date().toISOString()} — ${os.cpus()[0]?.model}, ${os.cpus().length} cores, node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
  console.log(table(results));
  for (const r of results) for (const n of r.notes) console.log(`note [${r.size}]: ${n}`);
  console.log('Targets are stated for 100k documents; at smaller sizes a ✓ is necessary, not sufficient.');
  const missed = results.flatMap((r) => r.targets.filter((t) => t.pass === false).map((t) => `${r.size}: ${t.name} ${t.value} (target ${t.target})`));
  if (missed.length) console.log(`Missed:\n  ${missed.join('\n  ')}`);

  const json = { generatorVersion: GENERATOR_VERSION, seed: DEFAULT_SEED, machine: machine(), options: o, elapsedMs: Date.now() - started, results };
  if (o.checkOnly) {
    // A smoke check proves the bench runs end to end; its figures are not kept.
    const problems = results.flatMap((r) => [
      ...(r.measured.latency ? [] : ['no latency measured']),
      ...((r.measured.typingInDraft?.answered ?? 0) > 0 ? [] : ['completion typing in the draft answered nothing']),
      ...(r.fuse.phrases > 0 ? [] : ['fuse baseline found no phrases']),
      ...(r.floor.words > 0 ? [] : ['floor read no words']),
      ...(r.measured.persisted.status.startsWith('failed') ? [`persisted index ${r.measured.persisted.status}`] : []),
      ...(r.server.available && typeof r.server.coldStartPersisted === 'string' && r.server.coldStartPersisted.startsWith('failed') ? [`server from its saved index ${r.server.coldStartPersisted}`] : []),
      ...(!r.server.available && o.server ? [`server ${r.server.reason}`] : []),
    ]);
    if (problems.length) {
      console.error(`bench check failed: ${problems.join('; ')}`);
      process.exit(1);
    }
    console.log(`bench check ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, JSON.stringify(json, null, 2) + '\n');
  console.log(`written ${path.relative(process.cwd(), o.out)}`);
}

/** Where a build's time went: reading and adding on how many threads, then preparing (mining) on one. */
function buildPhases(b: BuildResult): string {
  if (b.readMs === undefined) return '';
  const threads = (b.readers ?? 0) + 1;
  return ` (read and added ${formatMs(b.readMs)} on ${threads} thread${threads === 1 ? '' : 's'}, prepared ${formatMs(b.buildMs - b.readMs)} on 1)`;
}
