import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, horizontalOverflow, launchBrowser, newContext, PHONE, screenshot, signIn, startWebServer, type WebServer } from '../../../server/test/browser.js';

/** Xóa đăng ký tạm trú: available online, two required documents. */
const PROCEDURE = '1.010028';
const scan = (n: number) => ({ name: `giay-to-${n}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% scan ${n}\n${'x'.repeat(2000)}\n%%EOF\n`) });

/**
 * Online submission: a citizen on a phone fills the form, closes the page half-way and finds it
 * restored (files excepted), sends it with PDFs; the receptionist accepts it from the review
 * list; the citizen's private status page then shows the official code.
 */
describe('online submission (browser)', () => {
  let server: WebServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.close();
  });

  async function context(options = DESKTOP): Promise<BrowserContext> {
    const c = await newContext(browser, server.baseUrl, options);
    contexts.push(c);
    return c;
  }

  async function receptionist(next: string): Promise<Page> {
    const desk = await (await context()).newPage();
    await signIn(desk, server.account('receptionist'), next);
    return desk;
  }

  it('a citizen submits online, the form survives a closed page, the receptionist accepts, the status page shows the code', { timeout: 90_000 }, async () => {
    const citizen = await context(PHONE);
    let page: Page = await citizen.newPage();
    await page.goto(`/thu-tuc/${PROCEDURE}`);
    await page.getByTestId('submit-online').click();
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    await page.getByText('Tệp đính kèm không thể lưu lại').waitFor();
    await page.getByLabel('Họ và tên').fill('Võ Thị Lan');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('079190004567');
    await page.getByLabel('Số điện thoại').fill('0912000111');
    await page.getByLabel('Địa chỉ').fill('25 Lê Văn Sỹ, phường Hòa Hưng');
    await page.locator('#doc-file-1').setInputFiles(scan(1));
    await page.locator('.file-name', { hasText: 'giay-to-1.pdf' }).waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
    await screenshot(page, 'online-form-phone');

    // The browser closes half-way; coming back restores what was typed, not the files.
    await page.close();
    page = await citizen.newPage();
    await page.goto(`/nop-truc-tuyen/${PROCEDURE}`);
    await page.getByTestId('draft-restored').waitFor();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Võ Thị Lan');
    expect(await page.getByLabel('Địa chỉ').inputValue()).toBe('25 Lê Văn Sỹ, phường Hòa Hưng');
    expect(await page.locator('.file-name').count()).toBe(0);
    await screenshot(page, 'online-form-restored-phone');

    // Sending without the files says what is missing, before any upload.
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chưa chọn tệp cho:' }).waitFor();
    await page.locator('#doc-file-1').setInputFiles(scan(1));
    await page.locator('#doc-file-2').setInputFiles(scan(2));
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    const reference = ((await page.getByTestId('online-reference').textContent()) ?? '').trim();
    expect(reference).toMatch(/^TT-\d{6}-[A-Z2-9]{8}$/);
    expect(await horizontalOverflow(page)).toEqual([]);
    await screenshot(page, 'online-submitted-phone');
    await page.getByTestId('online-status-link').click();
    await page.getByTestId('status-reference').filter({ hasText: reference }).waitFor();
    await page.getByText('Hồ sơ đang chờ cán bộ kiểm tra.').waitFor();
    const statusUrl = page.url();
    expect(statusUrl).toMatch(/\/nop-truc-tuyen\/trang-thai\/[A-Za-z0-9_-]{32}$/);
    expect(await horizontalOverflow(page)).toEqual([]);
    await screenshot(page, 'online-status-submitted-phone');

    // The receptionist finds it in the review list, sees the scans and accepts it.
    const desk = await receptionist('/ho-so/truc-tuyen');
    await desk.getByRole('heading', { level: 1, name: 'Hồ sơ trực tuyến chờ xem xét' }).waitFor();
    await screenshot(desk, 'online-review-list');
    await desk.getByRole('link', { name: reference }).click();
    await desk.getByRole('heading', { level: 2, name: 'Hồ sơ nộp trực tuyến' }).waitFor();
    const scanLink = desk.getByRole('link', { name: 'giay-to-2.pdf' });
    await scanLink.waitFor();
    const download = await desk.request.get((await scanLink.getAttribute('href')) ?? '');
    expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers()['x-content-type-options']).toBe('nosniff');
    await desk.locator('summary', { hasText: /^Yêu cầu bổ sung$/ }).first().click();
    await screenshot(desk, 'online-review-page');
    await desk.locator('summary', { hasText: /^Yêu cầu bổ sung$/ }).first().click();
    await desk.locator('summary', { hasText: /^Tiếp nhận$/ }).click();
    await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    const codeEl = desk.locator('h1.dossier-code');
    await codeEl.filter({ hasText: /^[A-Z0-9.]+-\d{6}-\d{4,}$/ }).waitFor();
    const code = ((await codeEl.textContent()) ?? '').trim();
    await screenshot(desk, 'online-accepted');

    // The citizen's status page now shows the official code.
    await page.reload();
    await page.getByTestId('status-code').filter({ hasText: code }).waitFor();
    await page.getByRole('link', { name: 'Tải giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)' }).waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
    await screenshot(page, 'online-status-accepted-phone');
  });
  it('the receptionist asks for a document again; the citizen sends it from the status page', { timeout: 90_000 }, async () => {
    const page = await (await context(PHONE)).newPage();
    await page.goto(`/nop-truc-tuyen/${PROCEDURE}`);
    await page.getByLabel('Họ và tên').fill('Đặng Văn Minh');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('079085001122');
    await page.getByLabel('Địa chỉ').fill('8 Cách Mạng Tháng Tám, phường Hòa Hưng');
    await page.getByLabel('Người khác nộp thay (có người đại diện)').check();
    await page.getByLabel('Họ tên người đại diện').fill('Đặng Thị Hoa');
    await page.locator('#rep-id').fill('079192004321');
    await page.getByLabel('Quan hệ với người nộp').fill('Con gái');
    await page.locator('#doc-file-1').setInputFiles(scan(3));
    await page.locator('#doc-file-2').setInputFiles(scan(4));
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    const reference = ((await page.getByTestId('online-reference').textContent()) ?? '').trim();
    const row = await server.database.db.selectFrom('dossiers').select('representative').where('submission_reference', '=', reference).executeTakeFirstOrThrow();
    expect(row.representative).toMatchObject({ name: 'Đặng Thị Hoa', relation: 'Con gái' });
    await page.getByTestId('online-status-link').click();
    await page.getByTestId('status-reference').filter({ hasText: reference }).waitFor();

    const desk = await receptionist('/ho-so/truc-tuyen');
    await desk.getByRole('link', { name: reference }).click();
    await desk.locator('summary', { hasText: /^Yêu cầu bổ sung$/ }).first().click();
    await desk.getByRole('checkbox', { name: /Tờ khai thay đổi thông tin cư trú/ }).check();
    await desk.getByLabel('Ghi chú (cần bổ sung gì)').fill('Tờ khai chưa có chữ ký của người khai.');
    await desk.locator('#ask-reason').fill('Tờ khai chưa hợp lệ.');
    await desk.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
    await desk.locator('.dossier-header', { hasText: 'Chưa đủ hồ sơ' }).waitFor();
    await desk.getByRole('link', { name: /Phiếu yêu cầu bổ sung \(Mẫu 02\)/ }).waitFor();
    await screenshot(desk, 'online-review-requested');

    await page.reload();
    await page.getByText('Tờ khai chưa có chữ ký của người khai.').first().waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
    await screenshot(page, 'online-status-incomplete-phone');
    const slip = await page.request.get((await page.getByRole('link', { name: 'Tải phiếu yêu cầu bổ sung (Mẫu 02)' }).getAttribute('href')) ?? '');
    expect(slip.headers()['content-type']).toBe('application/pdf');
    await page.locator('#re-file-2').setInputFiles(scan(5));
    await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await page.getByText('Hồ sơ đang chờ cán bộ kiểm tra.').waitFor();
    expect(await page.locator('.file-list li', { hasText: 'giay-to-5.pdf' }).count()).toBe(1);
    await screenshot(page, 'online-status-resubmitted-phone');
  });
});
