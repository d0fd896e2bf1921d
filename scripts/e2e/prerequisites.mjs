// System prerequisites of the editor tiers, checked before they start, each with the Debian package
// that provides it. A missing one skips the tier on a developer's machine and fails it under CI=true.
import { accessSync, constants, existsSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function which(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, command);
    try { accessSync(path, constants.X_OK); return path; } catch { /* not here */ }
  }
  return null;
}

export function chromiumPath() {
  const candidates = [process.env.PRECEDENT_CHROMIUM, '/usr/bin/chromium', which('chromium'), which('chromium-browser')];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

/** [{ what, package }] for every prerequisite that is missing. */
export function missing(checks) {
  return checks.filter((c) => !c.ok()).map(({ what, pkg }) => ({ what, pkg }));
}

export const CODE_SERVER_BUILD = [
  { what: 'ripgrep (rg)', pkg: 'ripgrep', ok: () => which('rg') !== null },
  { what: 'a C++ toolchain (make, g++)', pkg: 'build-essential', ok: () => which('make') !== null && which('g++') !== null },
  { what: 'python3 (node-gyp)', pkg: 'python3', ok: () => which('python3') !== null },
  { what: 'Kerberos headers (krb5.h)', pkg: 'libkrb5-dev', ok: () => existsSync('/usr/include/krb5.h') || existsSync('/usr/include/krb5/krb5.h') },
];

export const CHROMIUM = [{ what: 'Chromium', pkg: 'chromium', ok: () => chromiumPath() !== null }];
export const NEOVIM = [{ what: 'Neovim ≥ 0.7', pkg: 'neovim', ok: () => which('nvim') !== null }];

/**
 * Ends a tier whose prerequisites are missing: says what and which package, writes the tier summary
 * (a failure under CI=true, a skip elsewhere) and exits.
 */
export function endForMissing(tier, absent, writeSummary) {
  const list = absent.map((m) => `${m.what} (apt-get install ${m.pkg})`).join(', ');
  const packages = absent.map((m) => m.pkg).join(' ');
  if (process.env.CI === 'true') {
    console.error(`tier ${tier}: FAILED — missing prerequisite: ${list}.\n  Install with: apt-get install -y ${packages}`);
    writeSummary({ passed: 0, failed: 1, pending: 0 });
    process.exit(1);
  }
  console.log(`tier ${tier}: skipped — missing prerequisite: ${list}.\n  Install with: sudo apt-get install -y ${packages}`);
  writeSummary({ passed: 0, failed: 0, pending: 1 });
  process.exit(0);
}

/** Writes {passed, failed, pending} where scripts/test.mjs reads it (PRECEDENT_TIER_SUMMARY). */
export function writeSummary(summary) {
  if (process.env.PRECEDENT_TIER_SUMMARY) writeFileSync(process.env.PRECEDENT_TIER_SUMMARY, JSON.stringify(summary));
}
