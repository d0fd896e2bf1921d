// A worker thread that reads precedents for a build (see precedentReaders.ts): the file, then
// readPrecedent(), the part of an upsert that needs no index. Bundled apart (dist/precedentReader.js).
import { parentPort } from 'node:worker_threads';
import { readHere, type ReaderReply, type ReaderRequest } from './precedentReaders';

const port = parentPort;
if (!port) throw new Error('precedentReader.js runs as a worker thread');

port.on('message', (request: ReaderRequest) => {
  void answer(request)
    .then((reply) => port.postMessage(reply.message, reply.transfer))
    // Never silent (a reply that cannot be sent included): the pool reads this precedent again on its own thread.
    .catch((error: unknown) => port.postMessage({ seq: request.seq, kind: 'threw', error: String((error as Error)?.stack ?? error) } satisfies ReaderReply));
});

async function answer(request: ReaderRequest): Promise<{ message: ReaderReply; transfer: ArrayBuffer[] }> {
  const result = await readHere(request.job);
  const transfer: ArrayBuffer[] = [];
  if (result.kind === 'read') {
    const { outcome } = result;
    if (outcome.ok) {
      transfer.push(outcome.read.units.buffer as ArrayBuffer);
      if (outcome.read.text) transfer.push(outcome.read.text.clean.origin.buffer as ArrayBuffer);
    }
    // The bytes go back in a buffer of their own: a file read may share a pooled one.
    if (result.bytes) {
      result.bytes = new Uint8Array(result.bytes);
      transfer.push(result.bytes.buffer as ArrayBuffer);
    }
  }
  return { message: { seq: request.seq, ...result }, transfer };
}
