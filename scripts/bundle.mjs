// Bundles what ships: the client (loaded by VS Code) and the server/CLI (run by Node).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/node/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/node/cli.ts'], outfile: 'dist/cli.js' }),
  // The worker threads that read precedents during a build (found beside server.js and cli.js).
  build({ ...common, entryPoints: ['server/src/node/precedentReader.ts'], outfile: 'dist/precedentReader.js' }),
]);
