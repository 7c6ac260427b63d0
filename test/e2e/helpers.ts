// Browser helpers for the designer's end-to-end tests: Debian chromium via playwright-core, a fresh
// context per test, and steps in the user's words (ui.dragFromPalette('LSTM', {x, y}), ui.connect('in', 'emb')).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** Where screenshots go (looked at by people, kept out of git). */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-output/screenshots');

/** expect.poll with a timeout that suits a busy 2-core machine (vitest's default is 1 s). The timeout
 *  only catches a state that never comes: many polls wait for the worker (load a graph, run a step),
 *  which a loaded machine can stretch past 15 s. */
export function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 60_000, interval: 100 });
}

/** The toolbar menu each command used now and then sits in (File ▾, View ▾, Lessons ▾). */
const MENU_OF: Record<string, string> = {
  'toolbar-new': 'toolbar-file',
  'toolbar-import': 'toolbar-file',
  'toolbar-share': 'toolbar-file',
  'toolbar-layout': 'toolbar-view',
  'toolbar-fit': 'toolbar-view',
  'toolbar-theme': 'toolbar-view',
  'toolbar-keys': 'toolbar-view',
  'open-lesson': 'lessons-menu',
};

/** Clicks a toolbar command by its test id, opening the menu that holds it first. */
export async function clickToolbar(page: Page, testId: string): Promise<void> {
  const menu = MENU_OF[testId];
  if (menu) await page.getByTestId(menu).click();
  await page.getByTestId(testId).click();
}

/** Launches Debian's chromium headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** The app's URL (from global-setup, or E2E_BASE_URL). */
export function baseUrl(): string {
  return inject('baseUrl');
}

/** An open app in a fresh context: the page, and the user-language steps. */
export interface Session {
  context: BrowserContext;
  page: Page;
  ui: Ui;
  /** page errors seen so far (uncaught exceptions): a test should end with none */
  errors: string[];
}

/** Opens the app in a NEW browser context (empty storage). `empty` starts from a new, empty graph. */
export async function openApp(
  browser: Browser,
  opts: { empty?: boolean; path?: string } = {},
): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseUrl()}/${opts.path ?? ''}`);
  await page.getByTestId('app').waitFor();
  const ui = new Ui(page);
  if (opts.empty) await ui.newGraph();
  return { context, page, ui, errors };
}

/** Steps a student would take, named the way they would say them. */
export class Ui {
  constructor(readonly page: Page) {}

  /** The canvas node with this id. */
  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  /** The error message shown on a node. */
  nodeError(id: string): Locator {
    return this.page.getByTestId(`node-error-${id}`);
  }

  /** Ids of the nodes on the canvas, in document order. */
  async nodeIds(): Promise<string[]> {
    return (
      this.page
        // a card's error and data-fit notes are node-error-<id> and node-datafit-<id>, not nodes
        .locator(
          '.react-flow__node [data-testid^="node-"]:not([data-testid^="node-error-"]):not([data-testid^="node-datafit-"])',
        )
        .evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').slice('node-'.length)))
    );
  }

  /** Ids of the edges on the canvas. */
  async edgeIds(): Promise<string[]> {
    return this.page
      .locator('[data-testid^="edge-"]:not([data-testid^="edge-label-"])')
      .evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').slice('edge-'.length)));
  }

  /** Toolbar "New" (accepting the discard question when it comes). */
  async newGraph(): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await clickToolbar(this.page, 'toolbar-new');
    await this.page.getByTestId('empty-hint').waitFor();
  }

  /** Drags a layer from the palette and drops it at (x, y) px inside the canvas. */
  async dragFromPalette(type: string, at: { x: number; y: number }): Promise<void> {
    const before = await this.nodeIds();
    await this.page
      .getByTestId(`palette-${type}`)
      .dragTo(this.page.locator('.react-flow__pane'), { targetPosition: at });
    await this.page.waitForFunction(
      (n) => document.querySelectorAll('.react-flow__node').length > n,
      before.length,
    );
  }

  /** Drags from the right handle of `source` to the left handle of `target`. */
  async connect(source: string, target: string): Promise<void> {
    const from = await this.page.getByTestId(`handle-out-${source}`).boundingBox();
    const to = await this.page.getByTestId(`handle-in-${target}`).boundingBox();
    if (!from || !to) throw new Error(`handles of ${source} or ${target} are not visible`);
    const m = this.page.mouse;
    await m.move(from.x + from.width / 2, from.y + from.height / 2);
    await m.down();
    await m.move((from.x + to.x) / 2, (from.y + to.y) / 2 + 10, { steps: 5 });
    await m.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
    await m.up();
  }

  /** Clicks a node (its title) to select it. */
  async select(id: string): Promise<void> {
    await this.node(id).locator('.layer-node-type').click();
    await this.page.locator(`[data-testid="inspector-node"][data-node-id="${id}"]`).waitFor();
  }

  /** Sets a param of the selected node in the inspector (select, checkbox or typed field + Enter). */
  async setParam(key: string, value: string | number | boolean): Promise<void> {
    await this.setField(`param-${key}`, value);
  }

  /** Sets any inspector field by its test id. */
  async setField(testId: string, value: string | number | boolean): Promise<void> {
    const field = this.page.getByTestId(testId);
    const tag = await field.evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
    if (tag.startsWith('SELECT')) await field.selectOption(String(value));
    else if (tag.endsWith(':checkbox')) await field.setChecked(Boolean(value));
    else {
      await field.fill(String(value));
      await field.press('Enter');
    }
  }

  /** Opens a bottom-panel tab ("summary", "json", ...). */
  async openTab(id: string): Promise<void> {
    await this.page.getByTestId(`tab-${id}`).click();
    await this.page.getByTestId(`tab-body-${id}`).waitFor();
  }

  /** The summary's total parameter count as shown ("2,757,761"). */
  async summaryTotal(): Promise<string> {
    await this.openTab('summary');
    return (await this.page.getByTestId('summary-total').textContent()) ?? '';
  }

  /** Presses a shortcut with the focus outside any field (as after clicking the canvas), e.g. "Control+z".
   *  Keeps the selection, unlike a click on the empty canvas. */
  async press(keys: string): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
    await this.page.keyboard.press(keys);
  }

  /** Waits until the canvas stops moving (fit-view after opening a graph is animated), so positions
   *  measured next are where the cards will stay. Counted in rendered frames, not only in time: a fit
   *  is started two frames after the action that asks for it, and a starved renderer can draw no frame
   *  in 120 ms, so two readings 120 ms apart could agree before or during the animation. */
  async settle(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const moved = await this.page.evaluate(async () => {
        const frame = () => new Promise((r) => requestAnimationFrame(r));
        const read = () =>
          `${document.querySelector('.react-flow__viewport')?.getAttribute('style')}|${document.querySelectorAll('.react-flow__node').length}`;
        const before = read();
        for (let f = 0; f < 3; f++) await frame();
        await new Promise((r) => setTimeout(r, 120));
        await frame();
        return read() !== before;
      });
      if (!moved) return;
    }
    throw new Error('the canvas kept moving for 100 checks');
  }

  /** The toast's text (waits for it). */
  async toast(): Promise<string> {
    const t = this.page.getByTestId('toast');
    await t.waitFor();
    return (await t.textContent()) ?? '';
  }

  /** Saves a screenshot to test-output/screenshots/<name>.png. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}
