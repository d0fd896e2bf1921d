// Runs one mocha tier programmatically and writes {passed, failed, pending} to the file named by
// PRECEDENT_TIER_SUMMARY, so scripts/test.mjs can add the tiers up into one closing line.
import Mocha from 'mocha';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files under `dir` whose name ends with `suffix` (node 20 has no fs.globSync). */
function filesUnder(dir, suffix) {
  let found = [];
  let names = [];
  try { names = readdirSync(dir); } catch { return found; }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found = found.concat(filesUnder(path, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

const patterns = process.argv.slice(2);
const mocha = new Mocha({ timeout: 30000, reporter: 'spec' });
// Arguments are folders; every *.test.js below them runs.
for (const dir of patterns) for (const file of filesUnder(dir, '.test.js').sort()) mocha.addFile(file);
const runner = mocha.run((failures) => {
  const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
  if (process.env.PRECEDENT_TIER_SUMMARY) {
    writeFileSync(process.env.PRECEDENT_TIER_SUMMARY, JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending }));
  }
  process.exitCode = failures ? 1 : 0;
});
