import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_DIR, DESKTOP, horizontalOverflow, launchBrowser, newContext, PHONE, screenshot, signIn, startWebServer, type WebServer } from '../../server/test/browser.js';

/**
 * A dossier's life at the center: reception at the counter (receipt PDF), assignment by the
 * leader, submission by the specialist, approval, hand-over at the counter; the citizen follows
 * it on the public lookup page on a phone.
 */
describe('dossiers (browser)', () => {
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

  async function signedIn(role: 'receptionist' | 'leader' | 'specialist', next: string, options = DESKTOP): Promise<Page> {
    const context = await newContext(browser, server.baseUrl, options);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, server.account(role), next);
    return page;
  }

  async function act(page: Page, summary: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>, confirm: string, status: string) {
    const details = page.locator('details.dossier-action').filter({ has: page.locator('summary', { hasText: new RegExp(`^${summary}$`) }) });
    await details.locator('summary').click();
    const form = details.locator('form');
    await fill(form);
    await form.getByRole('button', { name: confirm, exact: true }).click();
    await page.locator('.dossier-header .dossier-status', { hasText: status }).waitFor();
  }

  // The longest journey of the suite: four people sign in (password hashing is deliberately slow).
  it('receives, processes, hands over a dossier and shows it on the public lookup', { timeout: 90_000 }, async () => {
    // Reception at the counter.
    const reception = await signedIn('receptionist', '/tiep-nhan');
    await reception.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
    await reception.getByLabel('Tìm thủ tục').fill('giam ho');
    await reception.locator('.procedure-choice', { hasText: '1.004837' }).click();
    await reception.getByRole('heading', { level: 2, name: 'Thủ tục đăng ký giám hộ' }).waitFor();
    await reception.getByLabel('Họ và tên').fill('Trần Thị Mai');
    // Born in the 2000s according to the number (4th digit 2), 1985 according to the date: flagged at once.
    await reception.getByLabel('Số định danh cá nhân (CCCD)').fill('001285012345');
    await reception.getByLabel('Ngày sinh').fill('12/03/1985');
    await reception.getByText(/không khớp với năm sinh/).waitFor();
    await reception.getByLabel('Số định danh cá nhân (CCCD)').fill('001185012345');
    await reception.getByText(/không khớp với năm sinh/).waitFor({ state: 'detached' });
    await reception.getByLabel('Số điện thoại').fill('0912345678');
    await reception.getByLabel('Địa chỉ').fill('Số 5 ngõ 12 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội');

    // Nothing ticked: the refusal lists what is missing.
    await reception.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await reception.getByRole('alert').filter({ hasText: 'Hồ sơ chưa đủ — cần bổ sung:' }).waitFor();
    expect(await reception.locator('.checklist-missing').count()).toBeGreaterThan(0);
    await screenshot(reception, 'dossier-reception-incomplete');

    await reception.getByRole('button', { name: 'Đã nhận đủ các giấy tờ bắt buộc' }).click();
    await screenshot(reception, 'dossier-reception-form');
    await reception.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    const codeEl = reception.getByTestId('dossier-code');
    await codeEl.waitFor();
    const code = (await codeEl.textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9.]+-\d{6}-\d{4,}$/);
    expect(await reception.getByRole('link', { name: /In giấy tiếp nhận/ }).isVisible()).toBe(true);
    await screenshot(reception, 'dossier-success');

    const href = (await reception.getByRole('link', { name: 'Xem hồ sơ' }).getAttribute('href')) ?? '';
    const dossierId = href.split('/').pop() ?? '';
    expect(dossierId).toMatch(/^[0-9a-f-]{36}$/);

    // The receipt slip, fetched with the page's session.
    const pdf = await reception.request.get(`/api/dossiers/${dossierId}/slips/receipt.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    mkdirSync(ARTIFACT_DIR, { recursive: true });
    const pdfFile = path.join(ARTIFACT_DIR, 'dossier-receipt.pdf');
    writeFileSync(pdfFile, await pdf.body());
    if (existsSync('/usr/bin/pdftoppm')) execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', pdfFile, path.join(ARTIFACT_DIR, 'dossier-receipt')]);

    // The leader assigns it to the specialist.
    const leader = await signedIn('leader', '/ho-so?view=all');
    await leader.getByRole('link', { name: code }).waitFor();
    await leader.locator('.timeliness', { hasText: 'Trong hạn' }).first().waitFor();
    await screenshot(leader, 'dossier-worklist');
    // The search folds diacritics: "tran thi mai" finds Trần Thị Mai; a stranger finds nothing.
    await leader.getByLabel('Tìm hồ sơ').fill('tran thi mai');
    await leader.waitForURL(/q=tran\+thi\+mai/);
    await leader.getByRole('link', { name: code }).waitFor();
    await leader.getByLabel('Tìm hồ sơ').fill('nguyen van khong');
    await leader.getByText('Không có hồ sơ nào trong danh sách này.').waitFor();
    await leader.getByLabel('Tìm hồ sơ').fill('');
    await leader.getByRole('link', { name: code }).click();
    await leader.getByRole('heading', { level: 1, name: code }).waitFor();
    expect(await horizontalOverflow(leader)).toEqual([]);
    await leader.locator('summary', { hasText: /^Phân công$/ }).click();
    await screenshot(leader, 'dossier-page-leader');
    await leader.locator('summary', { hasText: /^Phân công$/ }).click();
    await act(leader, 'Phân công', (form) => form.getByLabel('Chuyên viên xử lý').selectOption({ label: 'Phạm Thu Hà' }).then(() => undefined), 'Phân công', 'Đang xử lý');

    // The specialist finds it in "Của tôi" and submits it.
    const specialist = await signedIn('specialist', '/ho-so');
    await specialist.getByRole('button', { name: 'Của tôi' }).waitFor();
    await specialist.getByRole('link', { name: code }).click();
    await act(specialist, 'Trình phê duyệt', (form) => form.getByLabel('Ý kiến').fill('Đủ điều kiện, đề nghị phê duyệt.'), 'Trình', 'Chờ phê duyệt');

    // The leader approves.
    await leader.goto(`/ho-so/${dossierId}`);
    await act(leader, 'Phê duyệt', async () => undefined, 'Phê duyệt', 'Đã có kết quả');

    // Reception hands the result over at the counter.
    await reception.goto(`/ho-so/${dossierId}`);
    await act(
      reception,
      'Trả kết quả tại quầy',
      async (form) => {
        await form.getByLabel('Họ tên người nhận').fill('Trần Thị Mai');
        await form.getByLabel('Số định danh người nhận').fill('001185012345');
      },
      'Xác nhận trả kết quả',
      'Đã trả kết quả',
    );
    expect(await reception.locator('.timeline-item').count()).toBe(5);
    await screenshot(reception, 'dossier-page');
    const onPhone = await signedIn('receptionist', `/ho-so/${dossierId}`, PHONE);
    await onPhone.getByRole('heading', { level: 2, name: 'Quá trình xử lý' }).waitFor();
    expect(await horizontalOverflow(onPhone)).toEqual([]);
    await screenshot(onPhone, 'dossier-page-phone');

    // The citizen scans the QR code on the receipt: the public lookup on a phone.
    const phoneContext = await newContext(browser, server.baseUrl, PHONE);
    contexts.push(phoneContext);
    const phone = await phoneContext.newPage();
    await phone.goto(`/tra-cuu/${code}`);
    await phone.getByRole('heading', { level: 2, name: code }).waitFor();
    const steps = phone.locator('.timeline-item');
    expect(await steps.allTextContents()).toEqual([
      expect.stringContaining('Đã tiếp nhận'),
      expect.stringContaining('Đang xử lý'),
      expect.stringContaining('Chờ phê duyệt'),
      expect.stringContaining('Đã có kết quả'),
      expect.stringContaining('Đã trả kết quả'),
    ]);
    expect((await phone.getByTestId('lookup-applicant').textContent()) ?? '').toContain('Trần T. M.');
    expect(await phone.getByText('Trần Thị Mai').count()).toBe(0);
    expect(await horizontalOverflow(phone)).toEqual([]);
    await screenshot(phone, 'dossier-lookup-phone');

    // The last 4 phone digits unmask the name.
    await phone.getByLabel('4 số cuối điện thoại (không bắt buộc)').fill('5678');
    await phone.getByRole('button', { name: 'Tra cứu' }).click();
    await phone.getByTestId('lookup-applicant').filter({ hasText: 'Trần Thị Mai' }).waitFor();

    // The same page in English.
    await phone.getByRole('button', { name: 'English' }).click();
    await phone.getByRole('heading', { level: 3, name: 'Steps' }).waitFor();
    expect(await phone.locator('.timeline-item').last().textContent()).toContain('Result handed over');
    expect(await horizontalOverflow(phone)).toEqual([]);
  });

  it('fits the reception form and the worklist on a phone', async () => {
    const page = await signedIn('receptionist', '/tiep-nhan', PHONE);
    await page.getByLabel('Tìm thủ tục').fill('giam ho');
    await page.locator('.procedure-choice', { hasText: '1.004837' }).click();
    await page.getByRole('button', { name: 'Đã nhận đủ các giấy tờ bắt buộc' }).waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
    await screenshot(page, 'dossier-reception-phone');
    await page.goto('/ho-so');
    await page.getByRole('button', { name: 'Tất cả' }).waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
    await screenshot(page, 'dossier-worklist-phone');
  });

  it('asks for the working days when the catalog gives none, with a representative', async () => {
    const page = await signedIn('receptionist', '/tiep-nhan');
    await page.getByLabel('Tìm thủ tục').fill('hoa giai tranh chap dat dai');
    await page.locator('.procedure-choice', { hasText: '1.012812' }).click();
    await page.getByRole('button', { name: 'Đã nhận đủ các giấy tờ bắt buộc' }).click();
    await page.getByLabel('Họ và tên').fill('Lê Văn Bình');
    await page.getByLabel('Số định danh cá nhân (CCCD)').first().fill('079090001234');
    await page.getByLabel('Địa chỉ').fill('Tổ 3, phường Hòa Hưng');
    await page.getByLabel('Người khác nộp thay (có người đại diện)').check();
    await page.getByLabel('Họ tên người đại diện').fill('Lê Thị Cúc');
    await page.locator('#rep-id').fill('079192004321');
    await page.getByLabel('Quan hệ với người nộp').fill('Con gái');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Nhập số ngày làm việc' }).waitFor();
    await page.getByLabel('Thời hạn giải quyết (số ngày làm việc)').fill('30');
    await screenshot(page, 'dossier-reception-deadline');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await page.getByTestId('dossier-code').waitFor();
    expect(await page.getByText('Hẹn trả kết quả:').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}/);
  });
});
