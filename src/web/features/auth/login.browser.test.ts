import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newContext, PHONE, screenshot, startWebServer, type WebServer } from '../../../server/test/browser.js';

/** Staff sign-in: the server's message for a wrong password, a session that survives a reload, sign-out. */
describe('staff login (browser)', () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the server’s message in an alert when the password is wrong', async () => {
    const context = await newContext(browser, server.baseUrl, PHONE);
    const page = await context.newPage();
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau-roi');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(page.url()).toContain('/dang-nhap');
    await screenshot(page, 'login-error-phone');
    await context.close();
  });

  it('keeps the session across a reload and signs out', async () => {
    const leader = server.account('leader');
    const context = await newContext(browser, server.baseUrl, DESKTOP);
    const page = await context.newPage();
    await page.goto('/quan-tri/nhat-ky');
    await page.waitForURL(/\/dang-nhap\?next=/);
    await page.getByLabel('Tên đăng nhập').fill(leader.username);
    await page.getByLabel('Mật khẩu').fill(leader.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhật ký hệ thống' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/quan-tri/nhat-ky');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Nhật ký hệ thống' }).waitFor();
    // A leader reads the queue overview, the audit log and the accounts, and nothing else in the admin area.
    const nav = page.getByRole('navigation', { name: 'Mục quản trị' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Hàng đợi', 'Tài khoản', 'Nhật ký hệ thống']);

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/dang-nhap$/);
    await page.goto('/quan-tri/nhat-ky');
    await page.waitForURL(/\/dang-nhap\?next=/);
    await context.close();
  });
});
