// What a person sees in the VS Code workbench (code-server in Chromium), asserted on the DOM, with a
// screenshot of each view kept for the docs. Runs after the in-editor suite, in the same window.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

interface UiContext {
  page: Page;
  workbenchUrl: string;
  workspace: string;
  screenshotsDir: string;
}

// Set by scripts/e2e/code-server-tier.mjs before mocha loads this file.
const ui = (globalThis as unknown as { __precedentUi: UiContext }).__precedentUi;
const page = (): Page => ui.page;

async function shot(name: string, clip?: Locator): Promise<void> {
  const path = join(ui.screenshotsDir, `${name}.png`);
  if (clip) await clip.screenshot({ path });
  else await page().screenshot({ path });
}

async function runCommand(title: string): Promise<void> {
  await page().keyboard.press('F1');
  const input = page().locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page().locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
  await page().keyboard.press('Enter');
}

/** Opens a workspace file the way a person does: a click on its name in the Explorer. */
async function openFile(name: string): Promise<Locator> {
  const row = page().locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^\\s*${name.replace('.', '\\.')}`) }).first();
  await row.waitFor({ timeout: 60_000 });
  await row.click();
  await page().locator('.tab.active', { hasText: name }).waitFor();
  const editor = page().locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  await editor.locator('.view-lines').waitFor();
  return editor;
}

/** Puts the cursor at line:column (1-based) with Go to Line, as a keyboard user does. */
async function goTo(line: number, column: number): Promise<void> {
  await page().keyboard.press('Control+G');
  const input = page().locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page().keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** The rendered span holding exactly `text` (the grammar makes references their own tokens). */
function token(editor: Locator, text: string): Locator {
  return editor.locator('.view-line span span', { hasText: new RegExp(`^${text}$`) }).first();
}

describe('workbench (code-server in Chromium)', () => {
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await shot(`failed-${this.currentTest.title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}`).catch(() => undefined);
      await page().keyboard.press('Escape').catch(() => undefined);
      await runCommand('File: Revert File').catch(() => undefined);
    }
  });

  before(async () => {
    // A fresh window: whatever the in-editor suite left open is gone.
    await page().goto(ui.workbenchUrl);
    await page().locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  it('shows the indexed corpus in the status bar', async () => {
    await openFile('projet.decl');
    const item = page().locator('.statusbar-item', { hasText: /Précédent : \d+ précédents/ });
    await item.waitFor({ timeout: 60_000 });
    assert.match((await item.innerText()).trim(), /Précédent : 5 précédents/);
    await shot('status-bar', page().locator('.part.statusbar'));
  });

  it('lists the precedent opener in the completion widget as the drafter types', async () => {
    const editor = await openFile('projet.decl');
    // A new preamble clause, after "Rappelant …" (line 9): the preamble is written with participles.
    await goTo(9, 1);
    await page().keyboard.press('End');
    await page().keyboard.press('Enter');
    await page().keyboard.press('Enter');
    await page().keyboard.type('Réaff', { delay: 60 });
    const widget = page().locator('.editor-widget.suggest-widget');
    const row = widget.locator('.monaco-list-row', { hasText: 'Réaffirmant' }).first();
    try {
      await row.waitFor({ timeout: 10_000 });
    } catch {
      // Quick suggestions may be slower than the typing on a loaded machine: ask explicitly, as a person would.
      await page().keyboard.press('Control+Space');
      await row.waitFor({ timeout: 20_000 });
    }
    await shot('completion', page().locator('.editor-instance').first());
    const labels = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
    assert.equal(labels[0]?.trim(), 'Réaffirmant', labels.join(' | '));
    await page().keyboard.press('Enter');
    await editor.locator('.view-line', { hasText: /^Réaffirmant\s*$/ }).waitFor();
    await runCommand('File: Revert File');
  });

  it('shows the precedents that cite a reference when hovering it', async () => {
    const editor = await openFile('projet.decl');
    await token(editor, 'ONUDC').hover();
    const hover = page().locator('.monaco-hover:visible', { hasText: 'Office des Nations Unies contre la drogue et le crime' }).first();
    await hover.waitFor({ timeout: 20_000 });
    const text = await hover.innerText();
    assert.match(text, /Cité dans \d+ précédents/);
    assert.match(text, /Déclaration|Dialogue/);
    await shot('hover', page().locator('.editor-instance').first());
    await page().keyboard.press('Escape');
  });

  it('underlines the missing reference and the acronym, and fixes the acronym from the lightbulb', async () => {
    const editor = await openFile('projet.decl');
    await editor.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
    await editor.locator('.squiggly-info').first().waitFor({ timeout: 30_000 });
    await goTo(9, 25); // on "ONUDC" in "Rappelant le rôle de l’ONUDC"
    // The bulb is a content widget above the line, or a glyph in the gutter, depending on room.
    const bulb = page().locator('[widgetid="LightBulbWidget"][class*="codicon-"]:visible, .glyph-margin-widgets [class*="codicon-gutter-lightbulb"]:visible').first();
    await bulb.waitFor({ state: 'visible', timeout: 20_000 });
    await bulb.click();
    const fix = page().locator('.action-widget .monaco-list-row, .context-view .monaco-list-row', { hasText: 'Office des Nations Unies contre la drogue et le crime' }).first();
    await fix.waitFor({ timeout: 20_000 });
    await shot('quick-fix', page().locator('.editor-instance').first());
    // The action list takes the keyboard (a pointer block covers the page while it is open).
    for (let i = 0; i < 10 && !((await page().locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label')) ?? '').includes('Office des Nations Unies'); i++) {
      await page().keyboard.press('ArrowDown');
    }
    await page().keyboard.press('Enter');
    await editor.locator('.view-line', { hasText: 'Office des Nations Unies contre la drogue et le crime (ONUDC)' }).waitFor({ timeout: 20_000 });
    await runCommand('File: Revert File');
  });

  it('outlines the draft: sections and clause openers', async () => {
    await openFile('projet.decl');
    await runCommand('Explorer: Focus on Outline View');
    const outline = page().locator('.pane', { has: page().locator('.pane-header', { hasText: /outline/i }) });
    await outline.locator('.monaco-list-row', { hasText: 'Nous, les Ministres' }).first().waitFor({ timeout: 30_000 });
    await outline.locator('.monaco-list-row', { hasText: 'Conscients' }).first().waitFor({ timeout: 30_000 });
    await shot('outline');
  });

  it('finds similar precedent clauses and shows the differences in the picker', async () => {
    await openFile('projet.decl');
    await goTo(7, 3); // in "Conscients de la menace …"
    await runCommand('Précédent: Find similar precedent clauses');
    const row = page().locator('.quick-input-widget .monaco-list-row', { hasText: '%' }).first();
    await row.waitFor({ timeout: 30_000 });
    const text = await page().locator('.quick-input-widget').innerText();
    assert.match(text, /⟦[+−]/);
    await shot('similar-clauses');
    await page().keyboard.press('Escape');
  });
});

