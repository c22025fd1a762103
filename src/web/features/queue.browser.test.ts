import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_DIR, DESKTOP, launchBrowser, newContext, PHONE, screenshot, SCREENSHOT_DIR, startWebServer, type WebServer } from '../../server/test/browser.js';
import { callText } from './display/voice/compose.js';

/**
 * The queue, end to end in Chromium: a kiosk issues a ticket (printed on an 80 mm roll), the
 * receptionist calls it at counter 1, the display board shows and announces it, the citizen's
 * phone sees the call, the officer serves and finishes, the rating tablet records "Rất hài lòng"
 * and the leader's view counts it. Plus: a board that loses its stream says so and recovers.
 */
describe('queue (browser)', () => {
  let server: WebServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const tokenOf = (kind: 'kiosk' | 'display' | 'rating') => {
    const device = server.demo.devices.find((d) => d.kind === kind);
    if (!device) throw new Error(`no demo ${kind}`);
    return device.token;
  };

  async function open(options: Parameters<typeof newContext>[2]): Promise<Page> {
    const context = await newContext(browser, server.baseUrl, options);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  /** The set-up screen of a device page: paste the token, connect. */
  async function enrol(page: Page, route: string, token: string) {
    await page.goto(route);
    await page.getByRole('heading', { name: 'Nhập mã thiết bị' }).waitFor();
    await page.getByLabel('Mã thiết bị', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Kết nối' }).click();
  }

  async function signIn(page: Page, role: 'receptionist' | 'leader') {
    const account = server.account(role);
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(account.username);
    await page.getByLabel('Mật khẩu').fill(account.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  it('issues, calls, shows, announces, serves, rates and counts a ticket', { timeout: 90_000 }, async () => {
    // The display board first, so its stream is open when the call happens.
    const board = await open(DESKTOP);
    await board.goto('/man-hinh');
    await board.getByRole('heading', { name: 'Nhập mã thiết bị' }).waitFor();
    await screenshot(board, 'queue-device-setup');
    // A wrong code is refused and the set-up screen stays.
    await board.getByLabel('Mã thiết bị', { exact: true }).fill('mcd_thisisnotavalidtoken');
    await board.getByRole('button', { name: 'Kết nối' }).click();
    await board.getByRole('alert').filter({ hasText: 'Mã thiết bị không hợp lệ' }).waitFor();
    await enrol(board, '/man-hinh', tokenOf('display'));
    await board.getByRole('heading', { level: 1, name: 'Trung tâm Phục vụ hành chính công phường Hòa Hưng' }).waitFor();
    await board.getByText('Chưa gọi số nào').waitFor();

    // Kiosk (portrait touch screen); the token comes in the address, as for a screen without a keyboard.
    const kiosk = await open({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1, hasTouch: true });
    await kiosk.addInitScript(() => {
      Object.assign(window, { printed: 0 });
      window.print = () => Object.assign(window, { printed: Number(Reflect.get(window, 'printed')) + 1 });
    });
    await kiosk.goto(`/lay-so#token=${tokenOf('kiosk')}`);
    await kiosk.getByRole('heading', { name: 'Ông/bà cần làm thủ tục thuộc lĩnh vực nào?' }).waitFor();
    expect(new URL(kiosk.url()).hash).toBe('');
    await screenshot(kiosk, 'queue-kiosk-start');
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).click();
    await kiosk.getByRole('heading', { name: 'Ông/bà có thuộc đối tượng ưu tiên không?' }).waitFor();
    await kiosk.getByRole('button', { name: 'Không, tôi không thuộc diện ưu tiên' }).click();
    await kiosk.getByRole('heading', { name: 'Nhận tin nhắn khi sắp đến lượt?' }).waitFor();
    const issued = kiosk.waitForResponse((r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST');
    await kiosk.getByRole('button', { name: 'Bỏ qua và lấy số' }).click();
    const response = await issued;
    expect(response.status()).toBe(201);
    const ticket = (await response.json()) as { number: string; liveUrl: string };
    expect(ticket.number).toBe('A001');
    await kiosk.getByTestId('kiosk-number').filter({ hasText: 'A001' }).waitFor();
    await kiosk.waitForFunction(() => Number(Reflect.get(window, 'printed')) >= 1);
    const slip = kiosk.locator('.ticket-slip');
    expect(await slip.textContent()).toContain('chưa xác định'); // no counter of Hộ tịch is open yet

    // A retry with the same key (a double tap, a network retry) gets the same ticket back.
    const body: unknown = JSON.parse(response.request().postData() ?? '{}');
    const again = await kiosk.request.post('/api/tickets', { data: body, headers: { authorization: `Bearer ${tokenOf('kiosk')}` } });
    expect(again.status()).toBe(200);
    expect(((await again.json()) as { number: string }).number).toBe('A001');
    await screenshot(kiosk, 'queue-kiosk-ticket');

    // The printed ticket: print media at 80 mm (≈302 CSS px), then a real PDF on an 80 mm roll.
    await kiosk.emulateMedia({ media: 'print' });
    await kiosk.setViewportSize({ width: 302, height: 900 });
    await slip.screenshot({ path: path.join(SCREENSHOT_DIR, 'queue-kiosk-print.png') });
    mkdirSync(ARTIFACT_DIR, { recursive: true });
    const pdf = path.join(ARTIFACT_DIR, 'queue-ticket.pdf');
    await kiosk.pdf({ path: pdf, width: '80mm', preferCSSPageSize: true, printBackground: true });
    execFileSync('pdftoppm', ['-png', '-r', '100', '-singlefile', pdf, path.join(SCREENSHOT_DIR, 'queue-kiosk-print-pdf')]);
    const pages = execFileSync('pdfinfo', [pdf]).toString();
    expect(pages).toMatch(/Pages:\s+1\b/u);
    await kiosk.emulateMedia({ media: 'screen' });

    // "Xong" brings the kiosk back to its start; on a landscape screen, in English.
    await kiosk.setViewportSize({ width: 1280, height: 800 });
    await kiosk.getByRole('button', { name: 'Xong' }).click();
    await kiosk.getByRole('button', { name: 'English' }).click();
    await kiosk.getByRole('heading', { name: 'Which area is your matter in?' }).waitFor();
    await kiosk.getByRole('button', { name: /Civil status/ }).waitFor();
    await screenshot(kiosk, 'queue-kiosk-start-en-1280');
    // Searching a procedure by name (without diacritics) offers the center's matching ones.
    await kiosk.getByRole('button', { name: 'Search by procedure name' }).click();
    await kiosk.getByLabel('Procedure name').fill('khai sinh');
    await kiosk.getByRole('button', { name: /Thủ tục đăng ký khai sinh/ }).first().waitFor();
    await screenshot(kiosk, 'queue-kiosk-search-en-1280');
    await kiosk.getByRole('button', { name: 'Back' }).click();

    // The citizen's phone, from the QR code's address: waiting, nobody ahead.
    const phone = await open(PHONE);
    await phone.goto(new URL(ticket.liveUrl, server.baseUrl).href);
    await phone.getByRole('heading', { level: 1, name: 'A001' }).waitFor();
    await phone.getByTestId('live-ahead').filter({ hasText: '0' }).waitFor();

    // The rating tablet at counter 1 waits, idle.
    const tablet = await open({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true });
    await enrol(tablet, '/danh-gia', tokenOf('rating'));
    await tablet.getByRole('heading', { name: 'Cảm ơn quý khách' }).waitFor();
    await screenshot(tablet, 'queue-rating-idle');

    // The receptionist opens counter 1 and calls the next ticket.
    const desk = await open({ viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 });
    await signIn(desk, 'receptionist');
    await desk.getByRole('heading', { level: 1, name: 'Chọn quầy làm việc' }).waitFor();
    await desk.getByRole('link', { name: /Quầy số 5/ }).waitFor();
    await screenshot(desk, 'queue-counter-picker');
    await desk.getByRole('link', { name: /Quầy số 1/ }).click();
    await desk.getByRole('heading', { level: 1, name: 'Quầy số 1' }).waitFor();
    await desk.getByRole('button', { name: 'Mở quầy' }).click();
    await desk.getByTestId('counter-status').filter({ hasText: 'Đang mở' }).waitFor();
    await desk.getByTestId('console-why').filter({ hasText: 'A001' }).waitFor();
    await desk.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    await desk.getByTestId('console-number').filter({ hasText: 'A001' }).waitFor();
    await desk.getByRole('status').filter({ hasText: 'Đã gọi số A001.' }).waitFor();
    // Two more citizens arrive; the elderly one (A003) goes before A002 by the priority rule.
    await issue({ fieldId: await fieldIdOf('A'), idempotencyKey: 'journey-a002' });
    await issue({ fieldId: await fieldIdOf('A'), priorityGroupId: await priorityGroupIdOf('nguoi-cao-tuoi'), idempotencyKey: 'journey-a003' });
    await desk.locator('tr.is-next').filter({ hasText: 'A003' }).waitFor();
    await desk.getByTestId('console-why').filter({ hasText: 'A003' }).waitFor();
    await screenshot(desk, 'queue-console');

    // The board shows the number at counter 1 and announces it (chime + voice, aria-live sentence).
    await board.getByTestId('board-counter-1').filter({ hasText: 'A001' }).waitFor();
    await board.getByTestId('board-latest').filter({ hasText: 'A001' }).waitFor();
    const sound = board.getByRole('button', { name: 'Bật âm thanh / Enable sound' });
    if (await sound.isVisible()) await sound.click();
    const sentence = callText({ ticket: 'A001', counter: 1 });
    expect(sentence).toBe('Mời công dân có số thứ tự A không không một đến quầy số một');
    await board.locator('[aria-live="polite"]').filter({ hasText: sentence }).waitFor({ timeout: 15_000 });
    await screenshot(board, 'queue-board-1920');
    await board.setViewportSize({ width: 1366, height: 768 });
    await screenshot(board, 'queue-board-1366');
    const fits = await board.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth);
    expect(fits).toBe(true);

    // The phone sees the call live.
    await phone.getByTestId('live-called').filter({ hasText: 'Mời bạn đến quầy số 1' }).waitFor();
    await screenshot(phone, 'queue-live-ticket');

    // Start and finish the service.
    await desk.getByRole('button', { name: 'Bắt đầu phục vụ' }).click();
    // While serving, the receptionist can open the dossier reception form for this ticket.
    expect(await desk.getByRole('link', { name: 'Nhập hồ sơ tiếp nhận' }).getAttribute('href')).toMatch(/^\/tiep-nhan\?ticket=[0-9a-f-]{36}$/);
    await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await desk.getByText('Chưa gọi số nào.').waitFor();
    await desk.getByTestId('my-served').filter({ hasText: '1' }).waitFor();
    await phone.getByText('Đã phục vụ xong. Cảm ơn bạn!').waitFor();

    // The tablet asks (on the ticket.finished message), the citizen answers "Rất hài lòng".
    await tablet.getByRole('heading', { name: 'Quý khách có hài lòng với sự phục vụ của cán bộ Nguyễn Thị Lan không?' }).waitFor();
    await screenshot(tablet, 'queue-rating');
    await tablet.getByRole('button', { name: 'Rất hài lòng' }).click();
    await tablet.getByRole('button', { name: 'Thái độ phục vụ' }).click();
    await screenshot(tablet, 'queue-rating-reasons');
    await tablet.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await tablet.getByRole('heading', { name: 'Cảm ơn quý khách đã đánh giá!' }).waitFor();

    // The leader's view counts one served ticket and one rating, 100 % satisfied.
    const leader = await open(DESKTOP);
    await signIn(leader, 'leader');
    await leader.getByRole('heading', { level: 1, name: 'Hàng đợi hôm nay' }).waitFor();
    await leader.getByTestId('today-served').filter({ hasText: /^1$/u }).waitFor();
    await leader.getByTestId('today-satisfied').filter({ hasText: '100 %' }).waitFor();
    expect(await leader.getByTestId('queue-today').textContent()).toContain('Rất hài lòng 1');
    await screenshot(leader, 'queue-leader');
    expect(pageErrors).toEqual([]);
  });

  it('shows a board that lost its stream as offline, then reconnects and resynchronises', async () => {
    const board = await open({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
    await enrol(board, '/man-hinh', tokenOf('display'));
    await board.getByRole('heading', { level: 2, name: 'Đang chờ' }).waitFor();
    const waitingC = board.locator('.board-waiting li').filter({ hasText: 'Cư trú và căn cước' });
    await waitingC.filter({ hasText: '0 người' }).waitFor();

    // The server drops every connection (a restart, a proxy timeout) and refuses the reconnections.
    await board.route('**/api/queue/stream', (route) => route.abort('connectionrefused'));
    server.app.server.closeAllConnections();
    const banner = board.getByRole('alert').filter({ hasText: 'Mất kết nối — đang kết nối lại…' });
    await banner.waitFor({ timeout: 15_000 });
    await screenshot(board, 'queue-board-offline');

    // Meanwhile a ticket is issued elsewhere; the board learns of it only through the snapshot.
    await issue({ fieldId: await fieldIdOf('C'), idempotencyKey: 'offline-test-0001' });

    await board.unroute('**/api/queue/stream');
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    await waitingC.filter({ hasText: '1 người' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('lets an administrator change a priority group\'s credit minutes', async () => {
    const page = await open(DESKTOP);
    const admin = server.account('admin');
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(admin.username);
    await page.getByLabel('Mật khẩu').fill(admin.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin Trung tâm' }).waitFor();
    await page.getByRole('navigation', { name: 'Mục quản trị' }).getByRole('link', { name: 'Ưu tiên' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhóm ưu tiên' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.locator('input[value="Người khuyết tật"]') });
    await row.getByLabel('Số phút ưu tiên').fill('30');
    await row.getByRole('button', { name: /Lưu/ }).click();
    await expect.poll(async () => (await server.database.db.selectFrom('priority_groups').select('credit_minutes').where('code', '=', 'nguoi-khuyet-tat').executeTakeFirstOrThrow()).credit_minutes).toBe(30);
    await screenshot(page, 'queue-admin-priority');
    expect(pageErrors).toEqual([]);
  });

  /** A ticket from the kiosk's API, as another kiosk would take it. */
  async function issue(body: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${server.baseUrl}/api/tickets`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${tokenOf('kiosk')}`, 'content-type': 'application/json' },
    });
    expect(response.status).toBe(201);
  }

  async function priorityGroupIdOf(code: string): Promise<string> {
    const row = await server.database.db.selectFrom('priority_groups').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    return row.id;
  }

  async function fieldIdOf(prefix: string): Promise<string> {
    const row = await server.database.db.selectFrom('fields').select('id').where('ticket_prefix', '=', prefix).executeTakeFirstOrThrow();
    return row.id;
  }
});
