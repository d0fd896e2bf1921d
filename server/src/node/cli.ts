// Entry point of the `precedent` command (bundled to dist/cli.js, run by bin/precedent.js).
// Everything else lives in ./cli/ so tests can import `main` without running it.
import { main, processIO } from './cli/main';

// `precedent stats | head`: the reader went away; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

void main(process.argv.slice(2), processIO()).then((code) => {
  // exitCode, not exit(): let stdout drain when it is a pipe.
  process.exitCode = code;
});
