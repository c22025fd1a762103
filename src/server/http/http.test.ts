import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problemOf, type TestApp } from '../test/app.js';
import { makeCenter, makeUser } from '../test/factories.js';
import { login } from '../test/app.js';

let t: TestApp;
let adminHeaders: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  const center = await makeCenter(t.database.db);
  const admin = await makeUser(t.database.db, center.id, 'admin');
  adminHeaders = (await login(t.app, admin.username)).headers;
});
afterAll(async () => t.close());

describe('health and readiness', () => {
  it('answers /api/health and reports the database ready after migrations', async () => {
    expect((await t.app.inject('/api/health')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/api/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });
});

describe('errors are RFC 9457 problem+json with a Vietnamese message', () => {
  it('unknown API route → 404 problem', async () => {
    const res = await t.app.inject('/api/khong-co');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const p = problemOf(res);
    expect(p.code).toBe('ROUTE_NOT_FOUND');
    expect(p.detail).toBe('Không tìm thấy địa chỉ được yêu cầu.');
    expect(p.status).toBe(404);
  });

  it('malformed JSON → 400 MALFORMED_JSON, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/counters',
      headers: { ...adminHeaders, 'content-type': 'application/json' },
      payload: '{"number": 3,',
    });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).code).toBe('MALFORMED_JSON');
  });

  it('unknown fields and wrong types are refused with a pointer to the value', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/counters',
      headers: adminHeaders,
      payload: { number: 3, fieldIds: [], color: 'red' },
    });
    expect(unknown.statusCode).toBe(400);
    const p = problemOf(unknown);
    expect(p.code).toBe('VALIDATION_FAILED');
    expect(p.errors).toContainEqual({ path: 'body/color', message: 'Trường "color" không được chấp nhận.' });

    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/counters',
      headers: adminHeaders,
      payload: { number: '3', fieldIds: [] },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(problemOf(wrongType).errors?.[0]?.path).toBe('body/number');
  });

  it('an oversize body → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/counters',
      headers: { ...adminHeaders, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(problemOf(res).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a non-JSON content type → 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/counters',
      headers: { ...adminHeaders, 'content-type': 'text/plain' },
      payload: 'number=3',
    });
    expect(res.statusCode).toBe(415);
    expect(problemOf(res).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('English when the client asks for it', async () => {
    const res = await t.app.inject({ url: '/api/nope', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(problemOf(res).detail).toBe('The requested address does not exist.');
  });

  it('a bad query parameter type → 400 with the parameter named', async () => {
    const res = await t.app.inject('/api/procedures?page=abc');
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors?.[0]?.path).toBe('querystring/page');
  });
});

describe('infrastructure endpoints', () => {
  it('serves OpenAPI 3 generated from the route schemas', async () => {
    const res = await t.app.inject('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/procedures', '/api/counters', '/api/auth/login']));
    const ui = await t.app.inject('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('exposes Prometheus metrics with request latency, pool and event-loop lag', async () => {
    await t.app.inject('/api/health');
    const body = (await t.app.inject('/metrics')).body;
    expect(body).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/health"/);
    expect(body).toContain('db_pool_connections');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
  });

  it('sends security headers and a request id', async () => {
    const res = await t.app.inject({ url: '/api/health', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const p = problemOf(await t.app.inject({ url: '/api/missing', headers: { 'x-request-id': 'abc-456' } }));
    expect((p as { requestId?: string }).requestId).toBe('abc-456');
  });

  it('rate-limits public endpoints per client with a 429 problem', async () => {
    const limited = await createTestApp({ PUBLIC_RATE_LIMIT: '5' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await limited.app.inject('/api/health')).statusCode);
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const res = await limited.app.inject('/api/health');
      expect(res.statusCode).toBe(429);
      expect(problemOf(res).code).toBe('RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
