import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SendError } from './outbox.js';
import { createSmsSender, createZaloZnsSender, normalizeVietnamesePhone, removeDiacritics } from './sms-zalo.js';

/** A fake provider on 127.0.0.1: records every request and answers what the test queues. */
interface Recorded {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}
const requests: Recorded[] = [];
let answers: { status: number; body?: unknown; delayMs?: number }[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : null });
      const answer = answers.shift() ?? { status: 200, body: { ok: true } };
      const reply = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs).unref();
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  requests.length = 0;
  answers = [];
});

const ID = '3f2c6a8e-9b1d-4c2e-8f00-0123456789ab';
const BODY = 'Số A004 của bạn sắp được gọi — Đến quầy 3. Trung tâm PVHCC phường Hòa Hưng';

async function failure(p: Promise<void>): Promise<SendError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SendError);
  return error as SendError;
}

describe('phone numbers and text', () => {
  it('normalises Vietnamese mobile numbers to 84xxxxxxxxx and rejects anything else', () => {
    expect(normalizeVietnamesePhone('0912345678')).toBe('84912345678');
    expect(normalizeVietnamesePhone(' 0912 345 678 ')).toBe('84912345678');
    expect(normalizeVietnamesePhone('091.234.5678')).toBe('84912345678');
    expect(normalizeVietnamesePhone('+84 912-345-678')).toBe('84912345678');
    expect(normalizeVietnamesePhone('0084912345678')).toBe('84912345678');
    expect(normalizeVietnamesePhone('84912345678')).toBe('84912345678');
    expect(normalizeVietnamesePhone('0387654321')).toBe('84387654321');
    for (const bad of ['', '091234567', '09123456789', '02838123456', '+1 415 555 0100', '0912abc678', '84012345678']) {
      expect(normalizeVietnamesePhone(bad), bad).toBeUndefined();
    }
  });

  it('removes diacritics for a non-Unicode SMS (composed or decomposed input)', () => {
    expect(removeDiacritics(BODY)).toBe('So A004 cua ban sap duoc goi - Den quay 3. Trung tam PVHCC phuong Hoa Hung');
    expect(removeDiacritics('Đặng Thị Ngọc Ánh'.normalize('NFD'))).toBe('Dang Thi Ngoc Anh');
  });
});

describe('SMS brandname gateway adapter (fake provider)', () => {
  const sms = (extra: Partial<Parameters<typeof createSmsSender>[0]> = {}) =>
    createSmsSender({ url: `${base}/sms/send`, brandname: 'PHUONG HOAHUNG', apiKey: 'khoa-thu', ...extra });

  it('posts the documented request: brandname, 84-number, text without diacritics, the outbox id as request id and Idempotency-Key', async () => {
    await sms().send({ id: ID, recipient: '0912 345 678', subject: 'ignored', body: BODY });
    expect(requests).toHaveLength(1);
    const r = requests[0]!;
    expect(r).toMatchObject({ method: 'POST', path: '/sms/send' });
    expect(r.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer khoa-thu', 'idempotency-key': ID });
    expect(r.body).toEqual({ requestId: ID, brandname: 'PHUONG HOAHUNG', phone: '84912345678', message: removeDiacritics(BODY), unicode: false });
  });

  it('keeps diacritics with unicode: true, and maps to a provider body with toBody', async () => {
    const sender = sms({
      unicode: true,
      apiKey: undefined,
      headers: { 'x-api-key': 'khoa' },
      toBody: (q) => ({ Phone: q.phone, Content: q.message, Brandname: q.brandname, IsUnicode: q.unicode ? 1 : 0, RequestId: q.requestId }),
    });
    await sender.send({ id: ID, recipient: '+84912345678', subject: null, body: BODY });
    expect(requests[0]!.headers['x-api-key']).toBe('khoa');
    expect(requests[0]!.headers.authorization).toBeUndefined();
    expect(requests[0]!.body).toEqual({ Phone: '84912345678', Content: BODY, Brandname: 'PHUONG HOAHUNG', IsUnicode: 1, RequestId: ID });
  });

  it('a retry of the same outbox row carries the same idempotency key', async () => {
    answers = [{ status: 503, body: { error: 'busy' } }, { status: 200 }];
    const sender = sms();
    expect((await failure(sender.send({ id: ID, recipient: '0912345678', subject: null, body: 'x' }))).permanent).toBe(false);
    await sender.send({ id: ID, recipient: '0912345678', subject: null, body: 'x' });
    expect(requests.map((r) => r.headers['idempotency-key'])).toEqual([ID, ID]);
    expect(requests.map((r) => (r.body as { requestId: string }).requestId)).toEqual([ID, ID]);
  });

  it('classifies answers: 5xx, 429 and 401 temporary; 400 and 422 permanent', async () => {
    const cases: [number, boolean][] = [[500, false], [502, false], [429, false], [401, false], [400, true], [422, true]];
    for (const [status, permanent] of cases) {
      answers = [{ status, body: { message: `status ${status}` } }];
      const e = await failure(sms().send({ id: ID, recipient: '0912345678', subject: null, body: 'x' }));
      expect(e.permanent, `HTTP ${status}`).toBe(permanent);
      expect(e.message).toContain(`HTTP ${status}`);
    }
  });

  it('a provider that answers 200 with an error code is read through interpret', async () => {
    answers = [{ status: 200, body: { CodeResult: '99', ErrorMessage: 'Sai số điện thoại' } }];
    const sender = sms({
      interpret: (a) => {
        const code = typeof a.body === 'object' && a.body !== null && 'CodeResult' in a.body ? a.body.CodeResult : undefined;
        return code === '100' ? { accepted: true } : { accepted: false, permanent: true, reason: `code ${String(code)}` };
      },
    });
    const e = await failure(sender.send({ id: ID, recipient: '0912345678', subject: null, body: 'x' }));
    expect(e).toMatchObject({ permanent: true, message: expect.stringMatching(/code 99/) });
  });

  it('a provider that does not answer in time, or is not there, is temporary', async () => {
    answers = [{ status: 200, delayMs: 2_000 }];
    const e = await failure(sms({ timeoutMs: 200 }).send({ id: ID, recipient: '0912345678', subject: null, body: 'x' }));
    expect(e).toMatchObject({ permanent: false, message: expect.stringMatching(/no answer within 200 ms/) });
    const gone = createSmsSender({ url: 'http://127.0.0.1:1/sms', brandname: 'X' });
    const e2 = await failure(gone.send({ id: ID, recipient: '0912345678', subject: null, body: 'x' }));
    expect(e2).toMatchObject({ permanent: false, message: expect.stringMatching(/ECONNREFUSED|fetch failed/) });
  });

  it('an invalid phone number fails permanently without a request; a plain-http provider elsewhere is refused', async () => {
    const e = await failure(sms().send({ id: ID, recipient: '0283 812 3456', subject: null, body: 'x' }));
    expect(e.permanent).toBe(true);
    expect(requests).toHaveLength(0);
    expect(() => createSmsSender({ url: 'http://sms.example.vn/send', brandname: 'X' })).toThrow(/https/);
  });
});

describe('Zalo ZNS adapter (fake provider)', () => {
  const zns = (extra: Partial<Parameters<typeof createZaloZnsSender>[0]> = {}) =>
    createZaloZnsSender({ url: `${base}/message/template`, accessToken: 'oa-token', templateId: '123456', permanentErrorCodes: [-108], ...extra });

  it('posts template id, 84-number, template data and the outbox id as tracking id, with the access_token header', async () => {
    answers = [{ status: 200, body: { error: 0, message: 'Success', data: { msg_id: 'm1' } } }];
    await zns().send({ id: ID, recipient: '0912345678', subject: 'Sắp đến lượt', body: BODY });
    const r = requests[0]!;
    expect(r).toMatchObject({ method: 'POST', path: '/message/template' });
    expect(r.headers.access_token).toBe('oa-token');
    expect(r.body).toEqual({ phone: '84912345678', template_id: '123456', template_data: { title: 'Sắp đến lượt', content: BODY }, tracking_id: ID });
  });

  it('maps template data, development mode and a refreshed token', async () => {
    answers = [{ status: 200, body: { error: 0 } }, { status: 200, body: { error: 0 } }];
    let n = 0;
    const sender = zns({ development: true, accessToken: async () => `token-${++n}`, templateData: (m) => ({ noi_dung: m.body.slice(0, 30) }) });
    await sender.send({ id: ID, recipient: '84912345678', subject: null, body: BODY });
    await sender.send({ id: ID, recipient: '84912345678', subject: null, body: BODY });
    expect(requests.map((r) => r.headers.access_token)).toEqual(['token-1', 'token-2']);
    expect(requests[0]!.body).toEqual({ phone: '84912345678', template_id: '123456', template_data: { noi_dung: BODY.slice(0, 30) }, tracking_id: ID, mode: 'development' });
  });

  it('classifies ZNS answers: HTTP 5xx temporary, HTTP 4xx permanent, error codes permanent only when listed', async () => {
    const send = () => failure(zns().send({ id: ID, recipient: '0912345678', subject: null, body: 'x' }));
    answers = [{ status: 502 }];
    expect((await send()).permanent).toBe(false);
    answers = [{ status: 400, body: { error: -1 } }];
    expect((await send()).permanent).toBe(true);
    answers = [{ status: 200, body: { error: -108, message: 'Phone number is invalid' } }];
    expect(await send()).toMatchObject({ permanent: true, message: expect.stringMatching(/ZNS error -108/) });
    answers = [{ status: 200, body: { error: -124, message: 'Access token is invalid' } }];
    expect((await send()).permanent).toBe(false);
    answers = [{ status: 200, body: 'not json' }];
    expect(await send()).toMatchObject({ permanent: false, message: expect.stringMatching(/unexpected ZNS answer/) });
    expect(requests.map((r) => (r.body as { tracking_id: string }).tracking_id)).toEqual([ID, ID, ID, ID, ID]);
  });
});
