// What every subcommand shares: its I/O, the corpus options and how a path is shown.
import { resolve } from 'node:path';
import { bundledSeedsDir, displayPath, loadCorpus, readersNote, type LoadedCorpus } from '../corpusLoader';
import { cacheFileFor, defaultCacheDir, writeIndexCache } from '../indexCache';
import { flag, listOption, type OptionSpec, type ParsedArgs } from './args';

/** Where a command writes and what it knows of its surroundings; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Highlights use terminal bold only when stdout is a terminal. */
  stdoutIsTTY: boolean;
  /** Override the bundled seeds folder (tests). */
  bundledDir?: string;
}

/** A problem the user can fix (missing file, unreadable folder): one line on stderr, exit 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export const FORMAT_OPTION = (choices: readonly string[], fallback: string): OptionSpec => ({
  name: 'format', kind: 'string', choices, valueName: choices.join('|'), description: `Output format (default ${fallback})`,
});

export const CORPUS_OPTIONS: readonly OptionSpec[] = [
  { name: 'corpus', kind: 'string', multiple: true, valueName: 'DIR', description: 'Precedent folder (.txt, .md, searched recursively); repeatable' },
  { name: 'no-bundled', kind: 'boolean', description: 'Leave out the precedents bundled with Précédent' },
  { name: 'no-cache', kind: 'boolean', description: 'Index the precedents without the saved index ($XDG_CACHE_HOME/precedent or ~/.cache/precedent)' },
];

export interface CorpusView {
  loaded: LoadedCorpus;
  bundledDir: string | undefined;
  /** How a precedent (by docId) or any path is shown: `seeds/<file>` or relative to the cwd. */
  show(docIdOrPath: string): string;
  /** Roots that were asked for but not found. */
  missingRoots: string[];
}

export async function loadCorpusFor(
  args: ParsedArgs,
  io: CliIO,
  onIndexed?: (docId: string, absolutePath: string, bytes: Uint8Array) => void,
): Promise<CorpusView> {
  const folders = listOption(args, 'corpus');
  const includeBundled = !flag(args, 'no-bundled');
  let bundledDir: string | undefined;
  if (includeBundled) {
    try {
      bundledDir = io.bundledDir ?? bundledSeedsDir();
    } catch (error) {
      throw new CliError((error as Error).message);
    }
  }
  const cacheDir = flag(args, 'no-cache') ? null : defaultCacheDir(io.env);
  // Paths as docIds: a cache of its own, apart from the server's (which names documents by URI).
  const cacheFile = cacheDir ? cacheFileFor(cacheDir, { docIds: 'path', includeBundled, bundledDir: bundledDir ?? null, folders: folders.map((f) => resolve(io.cwd, f)) }) : undefined;
  const loaded = await loadCorpus({ folders, includeBundled, bundledDir, cwd: io.cwd, onIndexed, cacheFile });
  if (loaded.cache?.message) io.stderr(`precedent: note: ${loaded.cache.message}\n`);
  const threadNote = readersNote(loaded.readers);
  if (threadNote) io.stderr(`precedent: note: ${threadNote}\n`);
  const c = loaded.cache;
  if (cacheFile && loaded.stamps && c && (c.status !== 'loaded' || c.reindexed > 0 || c.removed > 0)) {
    const written = await writeIndexCache(cacheFile, loaded.index, loaded.stamps);
    if (!written.ok) io.stderr(`precedent: note: ${written.message}\n`);
  }
  const roots = new Set(folders.map((f) => resolve(io.cwd, f)));
  const show = (p: string): string => displayPath(loaded.pathOf.get(p) ?? p, io.cwd, bundledDir);
  const missingRoots = loaded.skipped.filter((s) => roots.has(s.path) && s.reason === 'folder not found').map((s) => s.path);
  return { loaded, bundledDir, show, missingRoots };
}

/**
 * For commands that only consult the corpus (analyze, search): name missing folders one by one,
 * sum up other skipped files in one line. Fails when nothing at all could be loaded from what was asked.
 */
export function reportCorpusProblems(view: CorpusView, io: CliIO): void {
  failIfNothingLoaded(view);
  for (const root of view.missingRoots) io.stderr(`precedent: corpus folder not found: ${view.show(root)}\n`);
  const others = view.loaded.skipped.filter((s) => !view.missingRoots.includes(s.path));
  if (others.length > 0) {
    io.stderr(`precedent: note: ${others.length === 1 ? '1 corpus file was' : `${others.length} corpus files were`} skipped (\`precedent stats\` lists the reasons)\n`);
  }
}

export function failIfNothingLoaded(view: CorpusView): void {
  if (view.missingRoots.length > 0 && view.loaded.documents.length === 0) {
    throw new CliError(view.missingRoots.length === 1
      ? `no precedents to use: corpus folder not found: ${view.show(view.missingRoots[0])}`
      : `no precedents to use: none of the corpus folders was found`);
  }
}

/** One subcommand. `main` dispatches on the COMMANDS table; `lint` joins it from the language-server side. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** "precedent analyze FILE… [options]". */
  usage: string;
  /** Paragraphs shown by `precedent help NAME` after the options. */
  details?: string;
  options: readonly OptionSpec[];
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}
