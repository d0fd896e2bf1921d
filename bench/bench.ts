import * as path from 'node:path';
import { ensureCorpus } from './generate';
const size = process.argv[process.argv.indexOf('--size') + 1] ?? 'smoke';
const m = ensureCorpus(path.resolve(__dirname, '../../bench/cache'), size, undefined, (s) => console.log(s));
console.log(m.documents, m.bytes);
