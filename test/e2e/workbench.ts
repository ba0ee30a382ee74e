/**
 * The workbench of code-server, through its UI as a user works it: the Explorer, editors and their tabs,
 * squiggles, hovers, the suggest widget, the Quick Fix menu, the Problems panel, the Command Palette, the status
 * bar and webview panels. Selectors are VS Code 1.100's; every wait polls with a deadline (common.ts).
 */

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import type { CodeServer } from './code-server';
import { TIMEOUT, artifactsDir, waitFor } from './common';

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly folder: string,
    readonly scenario: string,
  ) {}

  static async open(page: Page, server: CodeServer, folder: string, scenario: string): Promise<Workbench> {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`, { timeout: TIMEOUT.workbench });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: TIMEOUT.workbench });
    const workbench = new Workbench(page, folder, scenario);
    // The Explorer lists the folder once the remote file system answers.
    await page.locator('.explorer-folders-view .monaco-list-row[role="treeitem"]').first().waitFor({ state: 'visible', timeout: TIMEOUT.workbench });
    return workbench;
  }

  /** Saves a screenshot of the page now as test/e2e/artifacts/<scenario>-<label>.png. */
  async screenshot(label: string): Promise<void> {
    mkdirSync(artifactsDir, { recursive: true });
    await this.page.screenshot({ path: join(artifactsDir, `${this.scenario}-${label}.png`) });
  }

  /** The editor area (not the hovers and widgets floating above it). */
  get editor(): Locator {
    return this.page.locator('.part.editor .editor-instance .monaco-editor').first();
  }

  get errorSquiggles(): Locator {
    return this.page.locator('.part.editor .editor-instance .monaco-editor .squiggly-error');
  }

  /** The hover widget that is showing (VS Code keeps hidden ones in the DOM). */
  get hover(): Locator {
    return this.page.locator('.monaco-hover:not(.hidden)').filter({ has: this.page.locator('.hover-contents') });
  }

  explorerItem(name: string): Locator {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[role="treeitem"][aria-label="${name}"]`);
  }

  /** Opens a file at the top of the workspace by clicking it in the Explorer, and waits until its editor shows it. */
  async openFile(name: string): Promise<void> {
    const item = this.explorerItem(name);
    await item.waitFor({ state: 'visible', timeout: TIMEOUT.ui });
    await item.click();
    await this.waitForActiveTab(name);
    await this.editor.locator('.view-lines').waitFor({ state: 'visible', timeout: TIMEOUT.ui });
  }

  /** Waits until the active editor tab is the one titled `title` (a file name, or a panel's title). */
  async waitForActiveTab(title: string): Promise<void> {
    await this.page.locator('.part.editor .tab.active', { hasText: title }).waitFor({ state: 'visible', timeout: TIMEOUT.ui });
  }

  /** Brings the editor tab titled `title` to the front by clicking it. */
  async switchToTab(title: string): Promise<void> {
    await this.page.locator('.part.editor .tab', { hasText: title }).first().click();
    await this.waitForActiveTab(title);
  }

  /** Waits for the first error squiggle in the editor (the language server's diagnostics have arrived). */
  async waitForErrorSquiggle(): Promise<Locator> {
    const squiggle = this.errorSquiggles.first();
    await squiggle.waitFor({ state: 'visible', timeout: TIMEOUT.diagnostics }).catch((error: unknown) => {
      throw new Error(`No error squiggle appeared in ${this.scenario} within ${TIMEOUT.diagnostics / 1000} s: ${(error as Error).message.split('\n')[0]}`);
    });
    return squiggle;
  }

  /**
   * The text under the squiggle: the rendered line it sits on, cut at the columns its left and right edges
   * fall on (the editor font is monospace, so a column is the line's width over its length).
   */
  async textUnder(squiggle: Locator): Promise<string> {
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('The squiggle has no position on screen');
    for (const line of await this.editor.locator('.view-lines .view-line').all()) {
      const lineBox = await line.boundingBox();
      if (!lineBox || box.y + box.height / 2 < lineBox.y || box.y + box.height / 2 > lineBox.y + lineBox.height) continue;
      const text = ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ');
      const content = line.locator(':scope > span');
      const contentBox = await content.boundingBox();
      if (!contentBox || !text.length) return '';
      const column = contentBox.width / text.length;
      const start = Math.round((box.x - contentBox.x) / column);
      const end = Math.round((box.x + box.width - contentBox.x) / column);
      return text.slice(start, end);
    }
    throw new Error('No editor line under the squiggle');
  }

  /** Moves the mouse over the squiggle until the marker hover shows, re-hovering if it does not come up. */
  async hoverOver(squiggle: Locator): Promise<Locator> {
    return waitFor(
      async () => {
        const box = await squiggle.boundingBox();
        if (!box) return false;
        await this.page.mouse.move(box.x - 40, box.y + box.height * 2 + 200);
        await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
        const hover = this.hover.first();
        await hover.waitFor({ state: 'visible', timeout: 3_000 });
        return hover;
      },
      TIMEOUT.ui,
      'the hover over the squiggle',
    );
  }

  /**
   * The screen point in the middle of `text` on the first rendered editor line that contains `line` (default:
   * `text` itself), found the way `textUnder` reads columns (the editor font is monospace).
   */
  async pointAt(text: string, line = text): Promise<{ x: number; y: number }> {
    let best: { x: number; y: number } | undefined;
    for (const row of await this.editor.locator('.view-lines .view-line').all()) {
      const rendered = ((await row.textContent()) ?? '').replace(/\u00a0/g, ' ');
      const lineAt = rendered.indexOf(line);
      const index = lineAt < 0 ? -1 : rendered.indexOf(text, lineAt);
      if (index < 0) continue;
      const rowBox = await row.boundingBox();
      const contentBox = await row.locator(':scope > span').boundingBox();
      if (!rowBox || !contentBox) continue;
      const column = contentBox.width / rendered.length;
      const point = { x: contentBox.x + (index + text.length / 2) * column, y: rowBox.y + rowBox.height / 2 };
      if (!best || point.y < best.y) best = point;
    }
    if (!best) throw new Error(`no editor line shows "${text}"${line === text ? '' : ` in a line with "${line}"`}`);
    return best;
  }

  /**
   * Moves the mouse over `text` (on the first line containing `line`) until a hover shows that contains
   * `expected`, re-hovering if it does not come up (the language server may still be starting: give the first
   * request of a scenario TIMEOUT.diagnostics).
   */
  async hoverOverText(text: string, expected: string, line = text, timeout: number = TIMEOUT.ui): Promise<Locator> {
    const hover = this.hover.first();
    return waitFor(
      async () => {
        const point = await this.pointAt(text, line);
        await this.page.mouse.move(point.x - 40, point.y + 300);
        await hover.waitFor({ state: 'hidden', timeout: 3_000 });
        await this.page.mouse.move(point.x, point.y, { steps: 4 });
        await hover.waitFor({ state: 'visible', timeout: 3_000 });
        await waitFor(async () => ((await hover.textContent()) ?? '').includes(expected), 3_000, `the hover to say "${expected}"`);
        return hover;
      },
      timeout,
      `a hover over "${text}" that says "${expected}"`,
    );
  }

  /** Clicks the first editor line that contains `text` and puts the cursor at its end. */
  async cursorToEndOf(text: string): Promise<void> {
    const point = await this.pointAt(text);
    await this.page.mouse.click(point.x, point.y);
    await this.page.keyboard.press('End');
  }

  /** The suggest widget while it shows. */
  get suggestWidget(): Locator {
    return this.page.locator('.part.editor .monaco-editor .suggest-widget.visible');
  }

  /** The labels of the rows the suggest widget shows. */
  async suggestLabels(): Promise<string[]> {
    return this.suggestWidget.locator('.monaco-list-row .label-name').evaluateAll((elements) => elements.map((element) => element.textContent ?? ''));
  }

  /**
   * Opens the suggest widget at the cursor (Ctrl+Space) until it offers every label in `expected` (closing and
   * reopening it when it does not: the language server may still be starting); returns the labels it shows.
   */
  async suggest(expected: readonly string[], timeout: number = TIMEOUT.ui): Promise<string[]> {
    let labels: string[] = [];
    await waitFor(
      async () => {
        // Ctrl+Space on an open widget would toggle its details instead of asking again.
        if (await this.suggestWidget.isVisible()) {
          await this.page.keyboard.press('Escape');
          await this.suggestWidget.waitFor({ state: 'hidden', timeout: 2_000 });
        }
        await this.page.keyboard.press('Control+Space');
        await this.suggestWidget.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 3_000 });
        return waitFor(
          async () => {
            labels = await this.suggestLabels();
            return expected.every((label) => labels.includes(label));
          },
          3_000,
          `the suggestions to include ${JSON.stringify(expected)}`,
        );
      },
      timeout,
      `the suggest widget to offer ${JSON.stringify(expected)} (it offered ${JSON.stringify(labels)})`,
    );
    return labels;
  }

  /** Selects the suggestion labelled exactly `label` with the arrow keys and accepts it with Enter. */
  async acceptSuggestion(label: string): Promise<void> {
    const focused = this.suggestWidget.locator('.monaco-list-row.focused .label-name');
    await waitFor(
      async () => {
        if ((await focused.textContent({ timeout: 1_000 })) === label) return true;
        await this.page.keyboard.press('ArrowDown');
        return false;
      },
      TIMEOUT.ui,
      `"${label}" to be selected in the suggest widget`,
    );
    await this.page.keyboard.press('Enter');
    await this.suggestWidget.waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
  }

  /** The status bar's cursor position, e.g. "Ln 5, Col 17 (51 selected)". */
  get cursorPosition(): Locator {
    return this.page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first();
  }

  /**
   * Puts the cursor on the squiggle, opens the Quick Fix menu (Ctrl+.) and runs the action titled `title` with
   * the keyboard (the menu blocks pointer events until the mouse moves, which makes clicks unreliable).
   */
  async applyQuickFix(squiggle: Locator, title: string): Promise<void> {
    const menu = this.page.locator('.action-widget');
    const rows = menu.locator('.monaco-list-row.action');
    await waitFor(
      async () => {
        if (await menu.isVisible()) await this.page.keyboard.press('Escape');
        const box = await squiggle.boundingBox();
        if (!box) return false;
        await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await this.page.keyboard.press('Control+.');
        await rows.first().waitFor({ state: 'visible', timeout: 3_000 });
        const titles = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
        if (!titles.includes(title)) throw new Error(`the Quick Fix menu offers ${JSON.stringify(titles)}`);
        return true;
      },
      TIMEOUT.ui,
      `the Quick Fix menu to offer "${title}"`,
    );
    const focused = menu.locator('.monaco-list-row.action.focused');
    await waitFor(
      async () => {
        if ((await focused.getAttribute('aria-label', { timeout: 1_000 })) === title) return true;
        await this.page.keyboard.press('ArrowDown');
        return false;
      },
      TIMEOUT.ui,
      `"${title}" to be selected in the Quick Fix menu`,
    );
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
  }

  /** Saves the active editor with Ctrl+S and waits until its tab is no longer dirty. */
  async save(): Promise<void> {
    await this.editor.click({ position: { x: 5, y: 5 } }).catch(() => {});
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.part.editor .tab.active.dirty').waitFor({ state: 'detached', timeout: TIMEOUT.ui });
  }

  /** Waits until `file` (relative to the workspace) holds exactly `expected` on disk. */
  async expectFileContent(file: string, expected: string): Promise<void> {
    const path = join(this.folder, file);
    let actual = '';
    try {
      await waitFor(
        () => {
          actual = readFileSync(path, 'utf8');
          return actual === expected;
        },
        TIMEOUT.ui,
        `${file} to hold the expected text`,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\nexpected: ${JSON.stringify(expected)}\nactual:   ${JSON.stringify(actual)}`);
    }
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its rows. */
  async openProblems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible', timeout: TIMEOUT.ui });
    }
    return panel.locator('.monaco-list-row');
  }

  /**
   * Runs a command from the Command Palette by its title. The palette lists what is registered when it opens,
   * and a workbench that has just loaded may not have read the extensions' contributions yet: when the command
   * is not offered, the palette is closed and opened again.
   */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    const match = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await waitFor(
      async () => {
        if (await input.isVisible()) {
          await this.page.keyboard.press('Escape');
          await input.waitFor({ state: 'hidden', timeout: 2_000 });
        }
        await this.page.keyboard.press('Control+Shift+P');
        await input.waitFor({ state: 'visible', timeout: 2_000 });
        await input.fill(`>${title}`);
        await match.waitFor({ state: 'visible', timeout: 3_000 });
        return true;
      },
      TIMEOUT.ui,
      `the Command Palette to offer "${title}"`,
    );
    await waitFor(
      async () => (await this.page.locator('.quick-input-list .monaco-list-row.focused').textContent({ timeout: 1_000 }))?.includes(title),
      TIMEOUT.ui,
      `"${title}" to be the first match in the Command Palette`,
    );
    await this.page.keyboard.press('Enter');
  }

  /** The page of the open webview panel: nested iframes, the workbench's `iframe.webview`, then its `#active-frame`. */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  /** The same page as a Frame, for evaluating script in the panel's own page. */
  async webviewFrame(): Promise<Frame> {
    return waitFor(
      async () => {
        const element = await this.page.frameLocator('iframe.webview.ready').locator('iframe#active-frame').elementHandle({ timeout: 1_000 });
        return (await element?.contentFrame()) ?? undefined;
      },
      TIMEOUT.ui,
      "the webview panel's frame",
    );
  }
}
