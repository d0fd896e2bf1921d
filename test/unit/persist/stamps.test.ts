import * as assert from 'node:assert/strict';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { statAll, statAllBeside } from '../../../server/src/node/stamps';
import { tempDir } from '../cli/support';

describe('node/stamps: the size and time of every precedent file', () => {
  it('states 1,500 files from a worker thread exactly as on this thread, NaN for a file that is gone', async () => {
    const dir = tempDir('stamps');
    const paths: string[] = [];
    for (let k = 0; k < 1500; k++) {
      const sub = join(dir, String(k % 7));
      mkdirSync(sub, { recursive: true });
      const path = join(sub, `déclaration ${k} « Vienne ».txt`);
      writeFileSync(path, 'Réaffirment leur attachement à l’OSCE ;\n'.repeat(1 + (k % 5)));
      paths.push(path);
    }
    paths.splice(700, 0, join(dir, 'supprimé.txt'));
    const beside = await statAllBeside(paths);
    assert.deepEqual([...beside], [...statAll(paths)]);
    assert.ok(Number.isNaN(beside[1400]) && Number.isNaN(beside[1401]));
    const info = statSync(paths[1499 + 1]);
    assert.equal(beside[2 * 1500], info.size);
    assert.equal(beside[2 * 1500 + 1], info.mtimeMs);
  });
});
