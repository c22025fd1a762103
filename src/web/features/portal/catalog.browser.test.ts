import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_DIR, DESKTOP, horizontalOverflow, launchBrowser, newContext, PHONE, screenshot, startWebServer, type WebServer } from '../../../server/test/browser.js';

/**
 * The citizen's journey: search the catalog the way people type (no diacritics), open the
 * procedure, read what to bring; on a phone and on a desktop; print it; read it in English.
 */
describe('public catalog (browser)', () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`finds "đăng ký khai sinh" typed without diacritics and shows its documents (${device})`, async () => {
      const context = await newContext(browser, server.baseUrl, options);
      const page = await context.newPage();
      await page.goto('/');
      expect(await page.getAttribute('html', 'lang')).toBe('vi');

      const search = page.getByRole('searchbox', { name: 'Tìm thủ tục' });
      expect(await search.getAttribute('placeholder')).toBe('Tìm thủ tục, ví dụ: đăng ký khai sinh');
      await search.pressSequentially('dang ky khai sinh', { delay: 20 });
      // The search settles: the address carries the query and the list is no longer the stale one.
      await page.waitForURL(/q=dang\+ky\+khai\+sinh/);
      await page.locator('ol.result-list[aria-busy="false"][data-query="dang ky khai sinh"]').waitFor();
      const first = page.locator('.procedure-card-title').first();
      expect((await first.textContent())?.trim()).toBe('Thủ tục đăng ký khai sinh');
      expect(await page.locator('#results-heading').textContent()).toMatch(/^Tìm thấy \d+ thủ tục$/);
      const result = page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true });
      expect(await horizontalOverflow(page)).toEqual([]);
      await screenshot(page, `catalog-${device}`);

      await result.click();
      await page.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký khai sinh' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ' }).waitFor();
      const rows = page.locator('table.documents-table tbody tr');
      expect(await rows.count()).toBeGreaterThan(2);
      await expect.poll(() => page.locator('.document-condition').first().textContent()).toContain('Trường hợp');
      expect(await page.getByText('Hồ sơ nhận sau 15 giờ được tính từ ngày làm việc tiếp theo.').first().isVisible()).toBe(true);
      expect(await page.getByText('1 ngày làm việc').first().isVisible()).toBe(true);
      expect(await page.getByText('Miễn phí').first().isVisible()).toBe(true);
      expect(await horizontalOverflow(page)).toEqual([]);
      await screenshot(page, `procedure-${device}`);
      await context.close();
    });
  }

  it('prints the procedure page on A4 without navigation', async () => {
    const context = await newContext(browser, server.baseUrl, DESKTOP);
    const page = await context.newPage();
    await page.goto('/thu-tuc/1.001193');
    await page.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ' }).waitFor();
    expect(await page.getByRole('button', { name: 'In / Print' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'In / Print' }).isVisible()).toBe(false);
    await page.pdf({ path: path.join(ARTIFACT_DIR, 'procedure-1.001193.pdf'), format: 'A4', printBackground: true });
    await context.close();
  });

  it('switches to English and remembers it', async () => {
    const context = await newContext(browser, server.baseUrl, DESKTOP);
    const page = await context.newPage();
    await page.goto('/thu-tuc');
    await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administrative procedures' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'Sign in' }).isVisible()).toBe(true);
    await page.getByRole('searchbox', { name: 'Search procedures' }).fill('khai sinh');
    await page.getByText(/procedures found/).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Administrative procedures' }).waitFor();
    await page.goto('/thu-tuc/1.001193');
    await page.getByRole('heading', { level: 2, name: 'Required documents' }).waitFor();
    await screenshot(page, 'procedure-desktop-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await context.close();
  });
});
