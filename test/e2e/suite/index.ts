// Runs the in-editor suite inside an extension host: VS Code desktop (@vscode/test-electron calls
// run()) or code-server (the runner extension calls run()). Results also go, as JSON, to the file named
// by PRECEDENT_E2E_RESULTS, because the harness cannot read the extension host's console.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestOutcome {
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  tests: TestOutcome[];
  /** Set when the suite could not run at all. */
  fatal?: string;
}

export function run(): Promise<SuiteResults> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.PRECEDENT_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const name of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, name));
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, tests: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      write(results);
      if (failures > 0 && !process.env.PRECEDENT_E2E_RESULTS) reject(new Error(`${failures} in-editor test(s) failed`));
      else resolve(results);
    });
    runner.on('pass', (test) => {
      results.passed++;
      results.tests.push({ fullTitle: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
    });
    runner.on('fail', (test, error: Error) => {
      results.failed++;
      results.tests.push({ fullTitle: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? error.message });
    });
    runner.on('pending', (test) => {
      results.pending++;
      results.tests.push({ fullTitle: test.fullTitle(), state: 'pending', durationMs: 0 });
    });
  });
}

export function write(results: SuiteResults): void {
  const file = process.env.PRECEDENT_E2E_RESULTS;
  if (file) writeFileSync(file, JSON.stringify(results, null, 2));
}
