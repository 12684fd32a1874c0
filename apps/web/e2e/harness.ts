import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, type StartServerOptions, startServer } from '@firebreak/server';
import axe from 'axe-core';
import pino from 'pino';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { demoDataDir } from './demo-store';

const WEB = fileURLToPath(new URL('..', import.meta.url));
export const SCREENSHOTS = join(WEB, '..', '..', 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep headless Chromium from reaching for the network or a sandbox it cannot have. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * One Chromium per worker, launched on first use and shared by its files (isolate is off): each
 * page gets its own context, so nothing carries over but the launch, about half a second a file.
 * It ends with the worker (Playwright kills what it launched when the process exits).
 */
let workerBrowser: Promise<Browser> | undefined;

function sharedBrowser(): Promise<Browser> {
  if (!workerBrowser) {
    const launching = chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    workerBrowser = launching;
    launching.then(
      (browser) =>
        browser.on('disconnected', () => {
          if (workerBrowser === launching) workerBrowser = undefined;
        }),
      () => {
        if (workerBrowser === launching) workerBrowser = undefined;
      },
    );
  }
  return workerBrowser;
}

export interface WarRoom {
  server: RunningServer;
  /** The worker's browser, shared with other files: open contexts on it, never close it. */
  browser: Browser;
  adminToken: string;
  /** Console errors and page errors seen in any page opened through `open`. */
  problems: string[];
  open(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * The real server (demo data, fresh store, the built UI) and a browser pointed at it; `channels`
 * is the server's channels file, for tests that watch notifications go out (none by default);
 * `canaryEveryMs` how often the canary runner looks (30 s unless given).
 */
export async function startWarRoom(
  options: Pick<StartServerOptions, 'channels' | 'canaryEveryMs' | 'demoHistory'> = {},
): Promise<WarRoom> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const demoHistory = options.demoHistory ?? false;
  const seeded = await demoDataDir(demoHistory);
  const { dataDir } = seeded;
  const adminToken = seeded.adminToken ?? `fbk_e2e_${Math.random().toString(36).slice(2)}`;
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    demo: true,
    // The tests read the one-incident demo; the readiness test asks for the quarter of history.
    demoHistory,
    adminToken,
    webRoot: join(WEB, 'dist'),
    logger: pino({ level: 'silent' }),
    ...(options.channels ? { channels: options.channels } : {}),
    ...(options.canaryEveryMs ? { canaryEveryMs: options.canaryEveryMs } : {}),
  });
  const browser = await sharedBrowser();
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    server,
    browser,
    adminToken,
    problems,
    async open(options = {}) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 1280, height: 860 },
        timezoneId: 'Europe/Berlin',
        ...options,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
      return { context, page };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The setup most files share, for the `describe` it is called in: a war room (`options` as
 * startWarRoom's) started before the first test with one page signed in as the admin, no console
 * or page error allowed after any test, and all closed after the last. `room` and `page` are read
 * inside the tests, once the war room has started.
 *
 * @example
 * const session = signedInWarRoom({ demoHistory: true });
 * it('shows readiness', async () => {
 *   const { page } = session;
 *   await page.goto('/readiness');
 * });
 */
export function signedInWarRoom(options: Parameters<typeof startWarRoom>[0] = {}): {
  readonly room: WarRoom;
  readonly page: Page;
} {
  let room: WarRoom | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    room = await startWarRoom(options);
    page = (await room.open()).page;
    await signIn(page, room.adminToken);
  });
  afterEach(() => {
    expect(room?.problems).toEqual([]);
  });
  afterAll(async () => {
    await room?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the war room starts before the first test: read it inside one');
    return value;
  };
  return {
    get room() {
      return started(room);
    },
    get page() {
      return started(page);
    },
  };
}

/**
 * Chromium logs every refused request as a console error; a step that provokes one on purpose
 * clears exactly those, so anything else still fails the test.
 */
export function allowRefused(room: WarRoom, status: number): void {
  const refused = room.problems.filter((problem) => problem.includes(`status of ${status}`));
  if (refused.length === 0) throw new Error(`expected a request refused with ${status}, saw none`);
  room.problems.splice(0, room.problems.length, ...room.problems.filter((problem) => !refused.includes(problem)));
}

/** Signs in through the sign-in page with a token. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
}

/**
 * Saves a screenshot under test-results/screenshots: the full page, or for an open dialog the
 * window made tall enough to hold it (a full-page shot would leave the overlay short).
 */
export async function shoot(page: Page, name: string, options: { dialog?: boolean } = {}): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  if (!options.dialog) {
    await page.screenshot({ path, fullPage: true });
    return path;
  }
  const viewport = page.viewportSize() ?? { width: 1280, height: 860 };
  const dialog = page.getByRole('dialog');
  await dialog.evaluate((element) => element.scrollTo(0, 0));
  const height = await dialog.evaluate((element) => element.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height + 60, 2400)) });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
  return path;
}

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
}

/**
 * Runs axe-core's WCAG 2.1 A and AA rules on what the page shows now; one line per violation,
 * so a test can expect none.
 */
export async function a11y(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
  // govern (an inline script tag would be refused, as it should be).
  if (!loaded) await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: unknown): Promise<AxeResult> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // Only violations are read: the passes and the rest are left unaggregated (a sixth faster).
      resultTypes: ['violations'],
    }),
  );
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help} at ${v.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`,
  );
}

/**
 * The text of every chart label drawn (even partly) outside its chart's SVG, which the browser
 * clips: a chart whose labels all fit returns [].
 */
export async function clippedChartText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('svg.chart-svg')].flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')]
        .filter((text) => {
          const r = text.getBoundingClientRect();
          if (r.width === 0) return false;
          return (
            r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5
          );
        })
        .map((text) => `${svg.querySelector('title')?.textContent ?? '?'}: "${text.textContent}"`);
    }),
  );
}
