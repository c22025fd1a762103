import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../server/test/app.js';
import { renderIdCard, syntheticPeople } from '../../server/modules/documents/synthetic-documents.js';
import { ARTIFACT_DIR, DESKTOP, launchBrowser, newContext, screenshot, signIn, startWebServer, type WebServer } from '../../server/test/browser.js';

/**
 * The money and paper side of a dossier at the desk: the fee with its VietQR code, a payment
 * with its receipt number, the official slips its history makes printable, the register, and the
 * month's progress a leader watches.
 */
describe('dossier fees, slips and progress (browser)', () => {
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

  async function signedIn(role: 'receptionist' | 'leader', next: string): Promise<Page> {
    const context = await newContext(browser, server.baseUrl, DESKTOP);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, server.account(role), next);
    return page;
  }

  it('a dossier handed in incomplete gets the supplementation slip listing what is missing, and no code', { timeout: 60_000 }, async () => {
    const page = await signedIn('receptionist', '/tiep-nhan');
    await page.getByLabel('Tìm thủ tục').fill('giam ho');
    await page.locator('.procedure-choice', { hasText: '1.004837' }).click();
    await page.getByRole('heading', { level: 2, name: 'Thủ tục đăng ký giám hộ' }).waitFor();
    await page.getByLabel('Họ và tên').fill('Đỗ Minh Tâm');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('001090054321');
    await page.getByLabel('Địa chỉ').fill('phường Hòa Hưng');
    await page.getByText('Không tiếp nhận hồ sơ (yêu cầu bổ sung hoặc từ chối)…').click();
    await page.getByLabel('Lý do / nội dung hướng dẫn').fill('Chưa có giấy tờ chứng minh điều kiện giám hộ');
    await screenshot(page, 'dossier-reception-decline');
    await page.getByRole('button', { name: 'Lập phiếu yêu cầu bổ sung (Mẫu 02)' }).click();
    await page.getByRole('heading', { name: 'Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' }).waitFor();
    const href = await page.getByRole('link', { name: /Phiếu yêu cầu bổ sung \(Mẫu 02\)/ }).getAttribute('href');
    const pdf = await page.request.get(href ?? '');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const pdfFile = path.join(ARTIFACT_DIR, 'dossier-supplement-request.pdf');
    writeFileSync(pdfFile, await pdf.body());
    if (existsSync('/usr/bin/pdftoppm')) execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, path.join(ARTIFACT_DIR, 'dossier-supplement-request')]);
    await screenshot(page, 'dossier-reception-declined');
  });

  it('the copilot suggests the procedure from the citizen’s words, fills the form from the ID card and checks the documents', { timeout: 90_000 }, async () => {
    const page = await signedIn('receptionist', '/tiep-nhan');
    await page.getByLabel('Ghi lại yêu cầu theo lời công dân').fill('toi muon dang ky giam ho cho me gia');
    await page.getByRole('button', { name: 'Gợi ý thủ tục' }).click();
    const choices = page.locator('.copilot-choices .procedure-choice');
    await choices.first().waitFor();
    expect(await choices.count()).toBeLessThanOrEqual(3);
    await page.locator('.copilot-choices .procedure-choice', { hasText: '1.004837' }).click();
    await page.getByRole('heading', { level: 2, name: 'Thủ tục đăng ký giám hộ' }).waitFor();

    const person = syntheticPeople(1)[0];
    if (!person) throw new Error('no synthetic person');
    const card = path.join(ARTIFACT_DIR, 'copilot-id-card.png');
    writeFileSync(card, await renderIdCard(person));
    await page.getByText('Trợ lý: đọc thẻ căn cước để điền thông tin').click();
    await page.getByLabel('Ảnh chụp hoặc bản quét mặt trước thẻ căn cước (JPEG, PNG)').setInputFiles(card);
    await page.getByTestId('idcard-result').waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe(person.fullName);
    expect(await page.getByLabel('Số định danh cá nhân (CCCD)').inputValue()).toBe(person.idNumber);

    await page.getByRole('button', { name: 'Trợ lý: kiểm tra thành phần hồ sơ' }).click();
    await page.getByTestId('completeness-result').getByText('Còn thiếu:').waitFor();
    await screenshot(page, 'copilot-reception');
    await page.getByRole('button', { name: 'Đã nhận đủ các giấy tờ bắt buộc' }).click();
    await page.getByRole('button', { name: 'Trợ lý: kiểm tra thành phần hồ sơ' }).click();
    // nothing missing any more; what remains is at most a reminder about certified copies
    const result = page.getByTestId('completeness-result');
    await result.getByText(/Đủ các giấy tờ bắt buộc theo danh mục\.|Cần bản sao có chứng thực:/).first().waitFor();
    expect(await result.getByText('Còn thiếu:').count()).toBe(0);
    await screenshot(page, 'copilot-reception-complete');
  });

  it('collects the fee with a receipt number, shows the transfer QR and prints the slips', { timeout: 90_000 }, async () => {
    const desk = server.account('receptionist');
    const api = await login(server.app, desk.username, desk.password);
    const procedure = (await server.app.inject('/api/procedures/1.004837')).json() as { documents: Array<{ condition: string | null }> };
    const documents = procedure.documents.map((d, i) => ({ position: i + 1, status: d.condition ? 'not_applicable' : 'received' }));
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: api.headers,
      payload: { procedureCode: '1.004837', applicant: { name: 'Phạm Văn Đức', idNumber: '001090012345', phone: '0987000111', address: 'phường Hòa Hưng' }, documents, feeVnd: 8000 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, code } = created.json() as { id: string; code: string };
    await server.database.db.updateTable('centers').set({ bank_bin: '970436', bank_account: '0071001234567', bank_account_name: 'TTPVHCC PHUONG HOA HUNG' }).execute();

    const page = await signedIn('receptionist', `/ho-so/${id}`);
    const fees = page.locator('.dossier-fees-card');
    await fees.getByRole('heading', { name: 'Phí, lệ phí' }).waitFor();
    expect(await fees.getByTestId('fee-due').textContent()).toMatch(/8\.000/);
    await fees.getByRole('button', { name: 'Hiện mã QR chuyển khoản' }).click();
    await fees.locator('.payment-qr-image svg').waitFor();
    expect(await fees.locator('figcaption').textContent()).toContain(code.replace(/[.-]/g, ' '));
    await screenshot(page, 'dossier-fee-qr');

    await fees.getByRole('button', { name: 'Ghi nhận đã thu và cấp số biên nhận' }).click();
    await fees.getByText(/BL-\d{4}-\d{6}/).waitFor();
    expect(await fees.getByTestId('fee-due').textContent()).toMatch(/^0/);
    // once paid, nothing more to collect
    expect(await fees.getByRole('button', { name: 'Ghi nhận đã thu và cấp số biên nhận' }).count()).toBe(0);

    // The slips this dossier's history allows: receipt and process control, no refusal.
    const slips = page.locator('nav.slip-links a');
    expect(await slips.evaluateAll((links) => links.map((a) => a.getAttribute('data-slip')))).toEqual(['receipt', 'process-control']);
    const pdf = await page.request.get(`/api/dossiers/${id}/slips/process-control.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const pdfFile = path.join(ARTIFACT_DIR, 'dossier-process-control.pdf');
    writeFileSync(pdfFile, await pdf.body());
    if (existsSync('/usr/bin/pdftoppm')) execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, path.join(ARTIFACT_DIR, 'dossier-process-control')]);
    // The result document is attached and appears in the files and the history.
    await page.getByText('Thêm tệp (kết quả, tài liệu kèm theo)…').click();
    await page.getByLabel('Tệp (PDF, JPEG, PNG)').setInputFiles(pdfFile);
    await page.getByLabel('Ghi chú').fill('Trích lục đã ký');
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await page.locator('.dossier-files-card').getByRole('link', { name: 'dossier-process-control.pdf' }).waitFor();
    await page.locator('.timeline').getByText('Trích lục đã ký').waitFor();
    await screenshot(page, 'dossier-fees-paid');

    // The leader sees the month's progress and the register export on the worklist.
    const leader = await signedIn('leader', '/ho-so');
    await leader.getByRole('heading', { name: 'Tiến độ giải quyết tháng này' }).waitFor();
    expect(await leader.getByTestId('on-time-rate').textContent()).toMatch(/100 %|—/);
    await leader.getByText('Sổ theo dõi hồ sơ (Mẫu 07)').click();
    const xlsxHref = await leader.getByRole('link', { name: 'XLSX' }).getAttribute('href');
    const sheet = await leader.request.get(xlsxHref ?? '');
    expect(sheet.status()).toBe(200);
    expect(sheet.headers()['content-type']).toContain('spreadsheetml');
    await screenshot(leader, 'dossier-worklist-progress');

    // Before signing, the leader reads the summary composed from the records.
    const specialist = server.account('specialist');
    const leaderApi = await login(server.app, server.account('leader').username, server.account('leader').password);
    const specialistApi = await login(server.app, specialist.username, specialist.password);
    const me = (await server.app.inject({ url: '/api/auth/me', headers: specialistApi.headers })).json() as { id: string };
    const assigned = await server.app.inject({ method: 'POST', url: `/api/dossiers/${id}/assign`, headers: leaderApi.headers, payload: { specialistId: me.id } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    await server.app.inject({ method: 'POST', url: `/api/dossiers/${id}/submit`, headers: specialistApi.headers, payload: { comment: 'Hồ sơ hợp lệ, đề nghị phê duyệt' } });
    await leader.goto(`/ho-so/${id}`);
    const summary = leader.locator('.dossier-summary-card');
    await summary.getByRole('heading', { name: 'Tóm tắt hồ sơ trước khi phê duyệt' }).waitFor();
    await summary.getByText('"Hồ sơ hợp lệ, đề nghị phê duyệt"', { exact: false }).waitFor();
    expect(await summary.textContent()).toContain('Phí, lệ phí 8.000 đồng: đã nộp đủ');
    await screenshot(leader, 'dossier-leader-summary');
  });
});
