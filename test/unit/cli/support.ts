// Runs the CLI in-process with captured output, and finds the repository's files from the compiled tests.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../server/src/node/corpusLoader';
import { main } from '../../../server/src/node/cli/main';

export const ROOT = packageRoot(__dirname) as string;
export const SEEDS = join(ROOT, 'seeds');
export const DRAFT = join(ROOT, 'test', 'fixtures', 'drafts', 'declaration-ministerielle.decl');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(argv: string[], options: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
  });
  return { code, stdout, stderr };
}

export interface SeedMeta {
  file: string;
  title: string;
  date: string | null;
}

export function seedManifest(): SeedMeta[] {
  return (JSON.parse(readFileSync(join(SEEDS, 'precedents.json'), 'utf8')) as { precedents: SeedMeta[] }).precedents;
}

const madeDirs: string[] = [];
// Every run used to leave its folders behind in the system's temporary folder.
process.on('exit', () => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system's temporary folder, removed when the test process ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `precedent-${prefix}-`));
  madeDirs.push(dir);
  return dir;
}

/** The text a range covers in `text`, with positions in UTF-16 units per line (\n, \r\n, \r). */
export function textOfRange(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') { starts.push(i + 2); i++; }
    else if (text[i] === '\r' || text[i] === '\n') starts.push(i + 1);
  }
  return text.slice(starts[range.start.line] + range.start.character, starts[range.end.line] + range.end.character);
}

/** Whitespace (line breaks, NBSP, NNBSP) folded to single spaces: a reference's clean text vs. the file. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}
