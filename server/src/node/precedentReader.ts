// A worker thread that reads precedents for a build (see precedentReaders.ts): the file, then
// readPrecedent(), the part of an upsert that needs no index. Bundled apart (dist/precedentReader.js).
import { parentPort } from 'node:worker_threads';
import { readPrecedent } from '../engine/corpus';
import { readPrecedentBytes } from './corpusLoader';
import type { ReaderReply, ReaderRequest } from './precedentReaders';

const port = parentPort;
if (!port) throw new Error('precedentReader.js runs as a worker thread');

port.on('message', (request: ReaderRequest) => {
  void answer(request).then(
    (reply) => port.postMessage(reply.message, reply.transfer),
    // Never silent: the pool reads this precedent again on its own thread and reports what that gives.
    (error: unknown) => port.postMessage({ seq: request.seq, kind: 'threw', error: String((error as Error)?.stack ?? error) } satisfies ReaderReply),
  );
});

async function answer(request: ReaderRequest): Promise<{ message: ReaderReply; transfer: ArrayBuffer[] }> {
  const { seq, job } = request;
  const bytes = await readPrecedentBytes(job.path);
  if (!bytes.ok) return { message: { seq, kind: 'unreadable', reason: bytes.reason }, transfer: [] };
  let outcome;
  try {
    outcome = readPrecedent({ docId: job.docId, fileName: job.fileName, bytes: bytes.bytes, meta: job.meta }, job.keepText);
  } catch (error) {
    return { message: { seq, kind: 'threw', error: String((error as Error)?.stack ?? error) }, transfer: [] };
  }
  const transfer: ArrayBuffer[] = [];
  if (outcome.ok) {
    transfer.push(outcome.read.units.buffer as ArrayBuffer);
    if (outcome.read.text) transfer.push(outcome.read.text.clean.origin.buffer as ArrayBuffer);
  }
  // The bytes go back only when the caller wants them (a copy of their own: a read may share a pooled buffer).
  const sent = job.wantBytes ? new Uint8Array(bytes.bytes) : undefined;
  if (sent) transfer.push(sent.buffer);
  return { message: { seq, kind: 'read', outcome, size: bytes.bytes.length, bytes: sent }, transfer };
}
