import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildApp } from '../app.js';
import { createFileStore } from '../modules/files/collect-files-job.js';
import { parseConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { ROOT, WEB_DIST_DIR } from '../paths.js';
import type { DemoSeed } from '../seed/demo.js';
import { prepareDatabase } from '../seed/prepare.js';
import { createTestDatabase } from './database.js';

/**
 * Browser journeys: the real server (in-process, fresh database with the shipped catalog and the
 * demo center) on a random port, driven by Debian's Chromium through playwright-core.
 * No browser is ever downloaded: `apt-get install chromium` provides /usr/bin/chromium.
 */

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(ROOT, 'test-artifacts', 'screenshots');
export const ARTIFACT_DIR = path.join(ROOT, 'test-artifacts');

export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WebServer {
  app: FastifyInstance;
  database: Database;
  baseUrl: string;
  demo: DemoSeed;
  /** The demo account with this role (its random password included). */
  account(role: DemoSeed['accounts'][number]['role']): DemoSeed['accounts'][number];
  close(): Promise<void>;
}

/** Starts the whole app on 127.0.0.1:<random port>, serving the built web app from dist/web. */
export async function startWebServer(): Promise<WebServer> {
  if (!existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    throw new Error('dist/web/index.html is missing: run `npm run build:web` before the browser tests');
  }
  const database = await createTestDatabase();
  const prepared = await prepareDatabase(database, { seedDemo: true });
  if (!prepared.demo) throw new Error('the demo center was not seeded');
  const demo = prepared.demo;
  // Uploaded files go to a directory of this run, removed on close (never ./data of the checkout).
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-web-'));
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '100000', SEED_DEMO: 'false', DATA_DIR: dataDir });
  const app = await buildApp({ config, database, logger: false, fileStore: createFileStore(dataDir) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    database,
    baseUrl: `http://127.0.0.1:${port}`,
    demo,
    account(role) {
      const found = demo.accounts.find((a) => a.role === role);
      if (!found) throw new Error(`no demo account with role ${role}`);
      return found;
    },
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh browser context (own cookies and storage) with a language and viewport. */
export async function newContext(browser: Browser, baseUrl: string, options: BrowserContextOptions = DESKTOP): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options });
}

/**
 * Saves a full-page screenshot as test-artifacts/screenshots/<name>.png; on a phone-sized page
 * also the first screen (<name>-screen.png), which is what a person sees first and is legible
 * when a long page is scaled down for review.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const viewport = page.viewportSize();
  if (viewport && viewport.width < 600) {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-screen.png`), fullPage: false });
  }
  return file;
}

/**
 * Fails when the page is wider than its viewport (a sideways-scrolling phone layout). Returns
 * the offending elements' descriptions to make the failure readable.
 */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const wide: string[] = [];
    // Content inside a scrolling or clipping box (a wide table, the admin tabs) is fine.
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && getComputedStyle(el).position !== 'fixed' && !clipped(el)) {
        wide.push(`${el.tagName.toLowerCase()}.${String(el.className)} right=${Math.round(r.right)}`);
      }
      if (wide.length >= 10) break;
    }
    return wide.length > 0 ? wide : [`scrollWidth ${document.documentElement.scrollWidth} > ${width}`];
  });
}

/** Signs a demo account in through the login page and waits for the page it was sent to. */
export async function signIn(page: Page, account: { username: string; password: string }, next: string): Promise<void> {
  await page.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Tên đăng nhập').fill(account.username);
  await page.getByLabel('Mật khẩu').fill(account.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}
