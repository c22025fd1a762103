import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, horizontalOverflow, launchBrowser, newContext, PHONE, screenshot, startWebServer, type WebServer } from '../../../server/test/browser.js';

/** The administrator's journey: sign in, add a counter, see it listed; every admin page renders. */
describe('administration (browser)', () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page) {
    const admin = server.account('admin');
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(admin.username);
    await page.getByLabel('Mật khẩu').fill(admin.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin Trung tâm' }).waitFor();
  }

  it('creates a counter that serves chosen fields and lists it', async () => {
    const context = await newContext(browser, server.baseUrl, DESKTOP);
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('navigation', { name: 'Mục quản trị' }).getByRole('link', { name: 'Quầy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quầy giao dịch' }).waitFor();
    const rows = page.getByTestId('counter-row');
    await rows.first().waitFor();
    const before = await rows.count();

    const form = page.locator('form').filter({ has: page.locator('#new-counter-number') });
    await form.getByLabel('Số quầy').fill('12');
    await form.getByLabel('Tên quầy').fill('Quầy tiếp nhận hồ sơ đất đai');
    await form.getByLabel('Hộ tịch').check();
    await form.getByLabel('Chứng thực').check();
    await form.getByRole('button', { name: 'Thêm' }).click();

    const created = rows.filter({ hasText: 'Quầy tiếp nhận hồ sơ đất đai' });
    await created.waitFor();
    expect(await created.textContent()).toContain('Hộ tịch, Chứng thực');
    expect(await rows.count()).toBe(before + 1);

    // The same number again is refused with the server's message.
    await form.getByLabel('Số quầy').fill('12');
    await form.getByRole('button', { name: 'Thêm' }).click();
    await form.getByRole('alert').filter({ hasText: 'Số quầy này đã tồn tại.' }).waitFor();
    await screenshot(page, 'admin-counters-desktop');
    await context.close();
  });

  const pages = [
    ['trung-tam', 'Thông tin Trung tâm'],
    ['linh-vuc', 'Lĩnh vực tiếp nhận'],
    ['quay', 'Quầy giao dịch'],
    ['tai-khoan', 'Tài khoản cán bộ'],
    ['thiet-bi', 'Thiết bị'],
    ['lich', 'Lịch làm việc'],
    ['thu-tuc', 'Thủ tục tại Trung tâm'],
    ['nhat-ky', 'Nhật ký hệ thống'],
    ['hang-doi', 'Hàng đợi hôm nay'],
    ['uu-tien', 'Nhóm ưu tiên'],
  ] as const;

  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`renders every admin page without errors (${device})`, async () => {
      const context = await newContext(browser, server.baseUrl, options);
      const page = await context.newPage();
      const failures: string[] = [];
      page.on('pageerror', (error) => failures.push(error.message));
      await signIn(page);
      for (const [path, title] of pages) {
        await page.goto(`/quan-tri/${path}`);
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await page.waitForFunction(() => document.querySelector('.loading') === null);
        expect(await page.getByRole('alert').count(), `${path}: ${await page.getByRole('alert').allTextContents()}`).toBe(0);
        expect(await horizontalOverflow(page), path).toEqual([]);
        await screenshot(page, `admin-${path}-${device}`);
      }
      expect(failures).toEqual([]);
      await context.close();
    });
  }

  it('enrols a device and shows its token once', async () => {
    const context = await newContext(browser, server.baseUrl, DESKTOP);
    const page = await context.newPage();
    await signIn(page);
    await page.goto('/quan-tri/thiet-bi');
    await page.getByLabel('Tên thiết bị').fill('Kiosk tầng 2');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    const token = page.getByLabel('Mã thiết bị “Kiosk tầng 2”');
    await token.waitFor();
    expect((await token.inputValue()).length).toBeGreaterThan(20);
    await page.getByText('Mã này sẽ không được hiển thị lại.', { exact: false }).waitFor();
    await screenshot(page, 'admin-device-token-desktop');
    await page.getByRole('button', { name: 'Tôi đã lưu lại, đóng thông báo' }).click();
    expect(await token.count()).toBe(0);
    await page.getByRole('cell', { name: 'Kiosk tầng 2', exact: true }).waitFor();
    await context.close();
  });

  it('sets a local note on a procedure and adds a center day off', async () => {
    const context = await newContext(browser, server.baseUrl, DESKTOP);
    const page = await context.newPage();
    await signIn(page);
    await page.goto('/quan-tri/thu-tuc');
    await page.getByLabel('Lọc theo tên hoặc mã').fill('1.001193');
    await page.getByRole('button', { name: 'Thiết lập Thủ tục đăng ký khai sinh', exact: true }).click();
    await page.getByLabel('Ghi chú cho người dân').fill('Nộp tại quầy 1 hoặc 2.');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('cell', { name: /Nộp tại quầy 1 hoặc 2\./ }).waitFor();

    await page.goto('/quan-tri/lich');
    await page.getByRole('heading', { level: 2, name: 'Ngày nghỉ và ngày làm bù' }).waitFor();
    const year = new Date().getFullYear();
    await page.getByLabel('Ngày', { exact: true }).fill(`15/06/${year}`);
    await page.getByLabel('Tên gọi').fill('Nghỉ kiểm kê tài sản');
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: 'Nghỉ kiểm kê tài sản' });
    await row.waitFor();
    expect(await row.textContent()).toContain(`15/06/${year}`);
    await screenshot(page, 'admin-calendar-added-desktop');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: /Xóa/ }).click();
    await row.waitFor({ state: 'detached' });
    await context.close();
  });
});
