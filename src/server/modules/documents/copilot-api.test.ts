import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { makeCenter, makeUser } from '../../test/factories.js';
import { importShippedCatalog } from '../../seed/prepare.js';
import { characterErrorRate } from './label-text.js';
import { OcrPool, prepareForOcr } from './ocr-worker.js';
import { degrade, renderForm, renderIdCard, syntheticPeople } from './synthetic-documents.js';

/** OCR is slow on the center's 2-core machine (and slower when the suite runs in parallel). */
const OCR_TIMEOUT = 180_000;

let t: TestApp;
let receptionist: Session;
let specialist: Session;
const person = syntheticPeople(1, 7)[0] ?? (() => { throw new Error('no synthetic person'); })();
let card: Buffer;

/** A multipart/form-data body with one file part. */
function upload(data: Buffer, filename = 'cccd.jpg', contentType = 'image/jpeg'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----motcua-copilot-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function post(session: Session, url: string, data: Buffer, filename?: string, contentType?: string) {
  const body = upload(data, filename, contentType);
  return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...session.headers, ...body.headers } });
}

beforeAll(async () => {
  t = await createTestApp();
  await importShippedCatalog(t.database);
  const center = await makeCenter(t.database.db);
  receptionist = await login(t.app, (await makeUser(t.database.db, center.id, 'receptionist')).username);
  specialist = await login(t.app, (await makeUser(t.database.db, center.id, 'specialist')).username);
  card = await sharp(await renderIdCard(person)).jpeg({ quality: 85 }).toBuffer();
});
afterAll(async () => t.close());

describe('POST /api/copilot/read-id', () => {
  it('reads every field exactly from the QR code of a photographed card', async () => {
    const res = await post(receptionist, '/api/copilot/read-id', card);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.source).toBe('qr');
    expect(body.fields).toEqual({
      idNumber: person.idNumber,
      oldIdNumber: person.oldIdNumber,
      fullName: person.fullName,
      birthDate: person.birthDate,
      sex: person.sex,
      nationality: 'Việt Nam',
      placeOfResidence: person.placeOfResidence,
      dateOfIssue: person.dateOfIssue,
    });
    expect(body.idNumberWarning).toBeNull();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('is documented in OpenAPI', async () => {
    const spec = (await t.app.inject('/api/docs/json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/copilot/read-id', '/api/copilot/read-document', '/api/copilot/completeness']));
  });

  it(
    'falls back to OCR when the QR code is covered, and the server keeps answering meanwhile',
    async () => {
      const covered = await degrade(card, 'qr-covered');
      const reading = post(receptionist, '/api/copilot/read-id', covered);
      let settled = false;
      void reading.finally(() => {
        settled = true;
      });
      // While the OCR runs in its worker thread, a health check is answered at once.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = performance.now();
      const health = await t.app.inject('/api/health');
      const healthMs = performance.now() - started;
      expect(health.statusCode).toBe(200);
      expect(healthMs).toBeLessThan(1000);
      expect(settled).toBe(false);

      const res = await reading;
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.source).toBe('ocr');
      expect(body.fields.idNumber).toBe(person.idNumber);
      expect(characterErrorRate(person.fullName, body.fields.fullName ?? '')).toBeLessThanOrEqual(0.15);
      expect(body.text).toMatch(/CĂN CƯỚC/);
    },
    OCR_TIMEOUT,
  );

  it('refuses a PDF or an HTML page sent as an image with a clear problem', async () => {
    const html = await post(receptionist, '/api/copilot/read-id', Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script>'), 'cccd.png', 'image/png');
    expect(html.statusCode).toBe(415);
    expect(html.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(html.json()).toMatchObject({ code: 'IMAGE_EXPECTED', status: 415, detail: 'Chỉ nhận ảnh chụp hoặc ảnh quét dạng JPEG hoặc PNG.' });
    const pdf = await post(receptionist, '/api/copilot/read-id', Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n'), 'cccd.jpg');
    expect(pdf.json()).toMatchObject({ code: 'IMAGE_EXPECTED', status: 415 });
    const json = await t.app.inject({ method: 'POST', url: '/api/copilot/read-id', headers: receptionist.headers, payload: { image: 'x' } });
    expect(json.json().code).toBe('MULTIPART_EXPECTED');
    const big = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await post(receptionist, '/api/copilot/read-id', big, 'cccd.png', 'image/png');
    expect(tooLarge.json()).toMatchObject({ code: 'FILE_TOO_LARGE', status: 413 });
    // A PNG header on bytes that are not a picture.
    const broken = await post(receptionist, '/api/copilot/read-id', big.subarray(0, 2000), 'cccd.png', 'image/png');
    expect(broken.json()).toMatchObject({ code: 'IMAGE_UNREADABLE', status: 422 });
  });

  it('is for reception staff only', async () => {
    expect((await post(specialist, '/api/copilot/read-id', card)).json().code).toBe('FORBIDDEN');
    expect((await t.app.inject({ method: 'POST', url: '/api/copilot/read-id', ...upload(card) })).statusCode).toBe(401);
  });
});

describe('POST /api/copilot/read-document', () => {
  it(
    'extracts the text of a form and suggests its fields',
    async () => {
      const res = await post(receptionist, '/api/copilot/read-document', await renderForm(person), 'to-khai.png', 'image/png');
      expect(res.statusCode, res.body).toBe(200);
      const byKey = Object.fromEntries((res.json().suggestions as Array<{ key: string; value: string }>).map((s) => [s.key, s.value]));
      expect(byKey.idNumber).toBe(person.idNumber);
      expect(byKey.birthDate).toBe(person.birthDate);
      expect(characterErrorRate(person.fullName, byKey.fullName ?? '')).toBeLessThanOrEqual(0.15);
    },
    OCR_TIMEOUT,
  );
});

describe('POST /api/copilot/completeness', () => {
  it('lists a missing document and one that needs a certified copy, ready for the supplementation slip', async () => {
    // 1.004884 đăng ký lại khai sinh: ID document, birth certificate copy (certified), form …
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/copilot/completeness',
      headers: receptionist.headers,
      payload: { procedureCode: '1.004884', handed: [{ name: 'CCCD bản chính' }, { name: 'bản photo giấy khai sinh' }, { name: 'giấy xác nhận độc thân' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.complete).toBe(false);
    expect(r.received.map((x: { document: { name: string } }) => x.document.name)).toEqual([expect.stringMatching(/^Hộ chiếu\/Thẻ căn cước công dân/), expect.stringMatching(/^Bản sao Giấy khai sinh/)]);
    expect(r.missing.map((d: { name: string }) => d.name)).toContainEqual(expect.stringMatching(/^Tờ khai đăng ký lại khai sinh/));
    expect(r.needsCertifiedCopy).toHaveLength(1);
    expect(r.needsCertifiedCopy[0]).toMatchObject({ handedAs: 'copy', document: { copyKind: 'certified_copy' } });
    expect(r.extra.map((e: { name: string }) => e.name)).toEqual(['giấy xác nhận độc thân']);
    expect(r.slipItems.some((i: { certifiedCopies: number; note?: string }) => i.certifiedCopies === 1 && i.note !== undefined)).toBe(true);
  });

  it('answers 404 for an unknown procedure and 400 for a malformed body', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/api/copilot/completeness', headers: receptionist.headers, payload: { procedureCode: '9.999999', handed: [] } });
    expect(unknown.json().code).toBe('PROCEDURE_NOT_FOUND');
    const bad = await t.app.inject({ method: 'POST', url: '/api/copilot/completeness', headers: receptionist.headers, payload: { procedureCode: '1.004884', handed: [], extra: 1 } });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('OCR pool', () => {
  it(
    'refuses a job with OCR_BUSY when its queue is full, then recovers',
    async () => {
      const pool = new OcrPool({ size: 1, queueLimit: 0 });
      try {
        const tiny = await prepareForOcr(await sharp({ text: { text: 'Số 12', dpi: 150 } }).png().toBuffer());
        const first = pool.recognize(tiny);
        await expect(pool.recognize(tiny)).rejects.toMatchObject({ code: 'OCR_BUSY', status: 503 });
        expect(pool.stats()).toMatchObject({ busy: 1, waiting: 0 });
        await first;
        expect(pool.stats()).toMatchObject({ busy: 0, workers: 1 });
      } finally {
        await pool.close();
      }
      expect(pool.stats().workers).toBe(0);
    },
    OCR_TIMEOUT,
  );
});
