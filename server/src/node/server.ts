// Entry point of `precedent-ls` (bundled to dist/server.js): the language server over stdio, or over
// whatever transport vscode-languageserver reads from the command line (--stdio, --node-ipc, --socket).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './languageServer';

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
  // Without a transport argument, stdio is what editors and `precedent-ls` users mean.
  process.argv.push('--stdio');
}
const connection = createConnection(ProposedFeatures.all);
// A bug in one request must not take the server down; it is logged where the user can see it.
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`));
startLanguageServer(connection);
