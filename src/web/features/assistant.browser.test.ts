import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, launchBrowser, newContext, PHONE, screenshot, signIn, startWebServer, type WebServer } from '../../server/test/browser.js';

/**
 * The citizen assistant in Chromium, against the real server and catalog: on a phone the portal's
 * chat answers "dang ky khai sinh can giay to gi" with the documents and a citation that opens the
 * procedure's page, and hands the conversation to staff; on the kiosk (1080×1920 portrait) the
 * answer's "Lấy số cho lĩnh vực này" continues the kiosk's ticket flow and issues a ticket for
 * Hộ tịch.
 */
describe('assistant (browser)', () => {
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

  async function open(options: Parameters<typeof newContext>[2]): Promise<Page> {
    const context = await newContext(browser, server.baseUrl, options);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  const asked = (page: Page) => page.waitForResponse((r) => r.url().endsWith('/api/assistant/ask') && r.request().method() === 'POST');

  it('answers on the portal (phone) with the documents and a citation to the procedure page', async () => {
    const page = await open(PHONE);
    await page.goto('/thu-tuc');
    const launcher = page.getByRole('button', { name: 'Hỏi trợ lý' });
    await launcher.click();
    const panel = page.getByRole('dialog', { name: 'Trợ lý thủ tục' });
    await panel.waitFor();
    // The question box has the focus and a label; suggested questions are offered.
    const input = panel.getByLabel('Câu hỏi của ông/bà');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await panel.getByRole('group', { name: 'Câu hỏi gợi ý' }).getByRole('button').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'assistant-portal-phone-open');

    await input.fill('dang ky khai sinh can giay to gi');
    const response = asked(page);
    await panel.getByRole('button', { name: 'Gửi' }).click();
    const sent = await response;
    expect(sent.status()).toBe(200);
    const body = JSON.parse(sent.request().postData() ?? '{}') as { question: string; sessionId?: string };
    expect(body.question).toBe('dang ky khai sinh can giay to gi');
    const stored = await page.evaluate(() => sessionStorage.getItem('motcua.assistant'));
    expect(stored).toContain(body.sessionId ?? 'no session id sent');

    // The answer (in the live log) lists the birth registration's documents …
    const log = panel.getByRole('log', { name: 'Cuộc trò chuyện với trợ lý' });
    const answer = log.getByRole('article', { name: 'Trợ lý trả lời' }).last();
    await answer.waitFor();
    expect((await answer.textContent())?.toLowerCase()).toContain('giấy chứng sinh');
    // … and cites the procedure with a link to its page.
    const citation = answer.locator('.assistant-citations a').first();
    expect(await citation.getAttribute('href')).toBe('/thu-tuc/1.001193');
    expect(await answer.locator('.assistant-citations').textContent()).toContain('1.001193');
    expect(await horizontalOverflow(page)).toEqual([]);
    await screenshot(page, 'assistant-portal-phone-answer');

    // "Gặp cán bộ" hands the conversation to staff.
    const handoff = page.waitForResponse((r) => r.url().includes('/api/assistant/sessions/') && r.url().endsWith('/handoff'));
    await answer.getByRole('button', { name: 'Gặp cán bộ' }).click();
    expect((await handoff).ok()).toBe(true);
    await panel.getByText('Đã chuyển cuộc trò chuyện cho cán bộ').waitFor();
    await screenshot(page, 'assistant-portal-phone-handoff');

    // The conversation survives a reload (same tab); the citation opens the procedure page and,
    // on a phone, closes the panel.
    await page.reload();
    await panel.waitFor();
    await expect.poll(() => log.getByTestId('assistant-turn').count()).toBe(1);
    await log.locator('.assistant-citations a').first().click();
    await page.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký khai sinh' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/thu-tuc/1.001193');
    await expect.poll(() => panel.count()).toBe(0);

    // Another authority's procedure: the answer says so (no citation to follow), and a new
    // conversation starts from the suggestions.
    await launcher.click();
    await panel.waitFor();
    await panel.getByRole('button', { name: 'Hỏi lại từ đầu' }).click();
    await panel.getByRole('group', { name: 'Câu hỏi gợi ý' }).waitFor();
    await input.fill('làm hộ chiếu ở đâu');
    const oosResponse = asked(page);
    await panel.getByRole('button', { name: 'Gửi' }).click();
    const oos = (await (await oosResponse).json()) as { outOfScope: boolean; citations: unknown[] };
    const oosAnswer = log.getByRole('article', { name: 'Trợ lý trả lời' }).last();
    await oosAnswer.waitFor();
    if (oos.outOfScope) await oosAnswer.getByText('Không thuộc thẩm quyền của trung tâm').waitFor();
    expect(await oosAnswer.locator('.assistant-citations a').count()).toBe(oos.citations.length);
    await screenshot(page, 'assistant-portal-phone-out-of-scope');

    // Escape closes the panel and gives the focus back to the button.
    await page.keyboard.press('Escape');
    await expect.poll(() => launcher.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('takes a ticket for the right field from the kiosk', async () => {
    const token = server.demo.devices.find((d) => d.kind === 'kiosk')?.token;
    if (!token) throw new Error('no demo kiosk');
    const kiosk = await open({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1, hasTouch: true });
    await kiosk.addInitScript(() => {
      window.print = () => undefined;
    });
    await kiosk.goto(`/lay-so#token=${token}`);
    await kiosk.getByRole('heading', { name: 'Ông/bà cần làm thủ tục thuộc lĩnh vực nào?' }).waitFor();
    await kiosk.getByRole('button', { name: /Hỏi trợ lý/ }).click();
    await kiosk.getByRole('heading', { name: 'Ông/bà cần hỏi gì?' }).waitFor();
    const suggestions = kiosk.getByRole('group', { name: 'Câu hỏi gợi ý' }).getByRole('button');
    expect(await suggestions.count()).toBeGreaterThanOrEqual(4);
    // Suggested questions are big touch targets.
    const box = await suggestions.first().boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(80);
    await screenshot(kiosk, 'assistant-kiosk-start');

    await kiosk.getByLabel('Câu hỏi của ông/bà').fill('dang ky khai sinh can giay to gi');
    const response = asked(kiosk);
    await kiosk.getByRole('button', { name: 'Gửi' }).click();
    expect((await response).status()).toBe(200);
    const take = kiosk.getByRole('button', { name: /Lấy số cho lĩnh vực này/ });
    await take.waitFor();
    expect((await kiosk.getByRole('article', { name: 'Trợ lý trả lời' }).textContent())?.toLowerCase()).toContain('giấy chứng sinh');
    // The kiosk never links away from its own screen.
    expect(await kiosk.locator('.assistant-citations a').count()).toBe(0);
    await screenshot(kiosk, 'assistant-kiosk-answer');

    // The ticket button continues the kiosk's own flow: priority → phone → ticket for Hộ tịch.
    await take.click();
    await kiosk.getByRole('heading', { name: 'Ông/bà có thuộc đối tượng ưu tiên không?' }).waitFor();
    await kiosk.getByRole('button', { name: 'Không, tôi không thuộc diện ưu tiên' }).click();
    await kiosk.getByRole('heading', { name: 'Nhận tin nhắn khi sắp đến lượt?' }).waitFor();
    const issued = kiosk.waitForResponse((r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST');
    await kiosk.getByRole('button', { name: 'Bỏ qua và lấy số' }).click();
    const ticket = await issued;
    expect(ticket.status()).toBe(201);
    const issuedTicket = (await ticket.json()) as { number: string; fieldName: string };
    expect(issuedTicket.fieldName).toBe('Hộ tịch');
    await kiosk.getByTestId('kiosk-number').filter({ hasText: issuedTicket.number }).waitFor();
    await screenshot(kiosk, 'assistant-kiosk-ticket');

    // Back at the start, the assistant opens on a new, empty conversation (the next citizen).
    await kiosk.getByRole('button', { name: 'Xong' }).click();
    await kiosk.getByRole('button', { name: /Hỏi trợ lý/ }).click();
    await kiosk.getByRole('heading', { name: 'Ông/bà cần hỏi gì?' }).waitFor();
    expect(await kiosk.getByTestId('assistant-turn').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('staff see the handed-off conversation with its history and mark it dealt with', async () => {
    // A citizen's conversation handed over (through the API, so this test stands alone).
    const asked = await server.app.inject({ method: 'POST', url: '/api/assistant/ask', payload: { question: 'xin giấy xác nhận độc thân để đi làm hồ sơ vay', centerId: server.demo.centerId } });
    const { sessionId } = asked.json() as { sessionId: string };
    expect((await server.app.inject({ method: 'POST', url: `/api/assistant/sessions/${sessionId}/handoff` })).statusCode).toBe(200);

    const page = await open({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server.account('receptionist'), '/ho-so/tro-ly');
    await page.getByRole('heading', { level: 1, name: 'Câu hỏi công dân chuyển cán bộ' }).waitFor();
    const item = page.locator('.handoff', { hasText: 'xin giấy xác nhận độc thân để đi làm hồ sơ vay' });
    await item.waitFor();
    await screenshot(page, 'assistant-handoffs-staff');
    await item.getByRole('button', { name: 'Đã hỗ trợ xong' }).click();
    await item.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Đã xử lý' }).click();
    await page.locator('.handoff', { hasText: 'xin giấy xác nhận độc thân để đi làm hồ sơ vay' }).waitFor();
  });
});
