import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../../server/src/node/cli/args';
import { COMMANDS, registerCommand, type Command } from '../../../server/src/node/cli/main';
import { ROOT, run } from './support';

describe('cli: help, version and usage errors', () => {
  it('--help lists every command of the table and exits 0', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    for (const name of COMMANDS.keys()) assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'), name);
    assert.ok(COMMANDS.has('analyze') && COMMANDS.has('search') && COMMANDS.has('stats'));
  });

  it('`help analyze` and `analyze --help` show the analyze options', async () => {
    for (const argv of [['help', 'analyze'], ['analyze', '--help'], ['analyze', '-h']]) {
      const r = await run(argv);
      assert.equal(r.code, 0, argv.join(' '));
      assert.match(r.stdout, /^Usage: precedent analyze FILE/);
      assert.match(r.stdout, /--format text\|json/);
      assert.match(r.stdout, /--corpus DIR/);
      assert.match(r.stdout, /--no-bundled/);
    }
  });

  it('--version prints the package.json version', async () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const r = await run(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `precedent ${version}\n`);
  });

  it('no command: help on stderr, exit 2', async () => {
    const r = await run([]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Usage: precedent COMMAND/);
  });

  const usageErrors: Array<[string[], RegExp]> = [
    [['frobnicate'], /^precedent: unknown command "frobnicate"$/m],
    [['stats', '--bogus'], /^precedent: unknown option --bogus$/m],
    [['stats', '--format', 'xml'], /^precedent: option --format must be one of text, json, not "xml"$/m],
    [['search', 'x', '--limit'], /^precedent: option --limit needs a value/m],
    [['search', 'x', '--limit', 'ten'], /^precedent: option --limit needs a whole number, not "ten"$/m],
    [['search', 'x', '--limit', '0'], /--limit needs a number of at least 1/],
    [['search'], /^precedent: search needs a query/m],
    [['search', '  '], /^precedent: the search query is empty$/m],
    [['analyze'], /^precedent: analyze needs at least one file$/m],
    [['help', 'nothing'], /^precedent: no command named "nothing"$/m],
    [['--frob'], /^precedent: unknown option --frob/m],
  ];
  for (const [argv, message] of usageErrors) {
    it(`usage error exits 2 with one message and a pointer to help: ${argv.join(' ')}`, async () => {
      const r = await run(argv);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Try 'precedent (help \w+|--help)'\.\n$/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    });
  }
});

describe('cli/args: the option parser', () => {
  const specs = [
    { name: 'corpus', kind: 'string' as const, multiple: true, description: '' },
    { name: 'limit', short: 'n', kind: 'integer' as const, description: '' },
    { name: 'no-bundled', kind: 'boolean' as const, description: '' },
  ];

  it('reads --name value, --name=value, short aliases, repeats and -- ', () => {
    const parsed = parseArgs(['a', '--corpus', 'x', '--corpus=y', '-n', '3', '--no-bundled', '--', '--limit', '-'], specs);
    assert.deepEqual(parsed.positionals, ['a', '--limit', '-']);
    assert.deepEqual(parsed.options.get('corpus'), ['x', 'y']);
    assert.equal(parsed.options.get('limit'), 3);
    assert.equal(parsed.options.get('no-bundled'), true);
    assert.equal(parseArgs(['-n5'], specs).options.get('limit'), 5);
  });

  it('refuses a value given to a flag', () => {
    assert.throws(() => parseArgs(['--no-bundled=yes'], specs), (e: unknown) => e instanceof UsageError && /takes no value/.test(e.message));
  });
});

describe('cli: internal errors and the command table', () => {
  const broken: Command = {
    name: 'broken',
    summary: 'Fails on purpose',
    usage: 'precedent broken',
    options: [],
    run: async () => {
      throw new TypeError('cannot read properties of undefined\nsecond line');
    },
  };
  before(() => registerCommand(broken));
  after(() => COMMANDS.delete('broken'));

  it('a registered command is listed in the help and dispatched to', async () => {
    assert.match((await run(['--help'])).stdout, /^ {2}broken +Fails on purpose$/m);
    assert.equal((await run(['broken'])).code, 2);
  });

  it('an internal error is one line plus a hint; PRECEDENT_DEBUG=1 adds the stack', async () => {
    const quiet = await run(['broken']);
    assert.equal(quiet.stderr, 'precedent: internal error: cannot read properties of undefined\n(set PRECEDENT_DEBUG=1 to see where)\n');
    const debug = await run(['broken'], { env: { PRECEDENT_DEBUG: '1' } });
    assert.match(debug.stderr, /^precedent: internal error: cannot read properties of undefined\nTypeError: cannot read/);
    assert.match(debug.stderr, /\n\s+at /);
  });
});
