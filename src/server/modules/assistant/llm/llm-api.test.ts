import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AskResult } from '../../../../shared/schemas/assistant.js';
import { importShippedCatalog } from '../../../seed/prepare.js';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { draftOf, startFakeLlmServer, type FakeLlmServer } from './fake-llm-server.js';

/** (f) Through `POST /api/assistant/ask`: with ASSISTANT_LLM_URL set, and without it. */

let fake: FakeLlmServer;
let withLlm: TestApp;
let without: TestApp;

beforeAll(async () => {
  fake = await startFakeLlmServer();
  withLlm = await createTestApp({ ASSISTANT_LLM_URL: fake.baseURL, ASSISTANT_LLM_MODEL: 'qwen2.5:3b', ASSISTANT_LLM_TIMEOUT_MS: '8000' });
  await importShippedCatalog(withLlm.database);
  without = await createTestApp();
  await importShippedCatalog(without.database);
}, 60_000);
afterAll(async () => {
  await withLlm.close();
  await without.close();
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

async function ask(t: TestApp, question: string): Promise<AskResult> {
  const res = await t.app.inject({ method: 'POST', url: '/api/assistant/ask', payload: { question } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function metric(outcome: string): Promise<string | undefined> {
  const text = (await withLlm.app.inject({ method: 'GET', url: '/metrics' })).body;
  return new RegExp(`^motcua_assistant_llm_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text)?.[1];
}

describe('the assistant API with the optional LLM', () => {
  it('returns the model’s phrasing when it passes the check, with phrasedBy "llm"', async () => {
    const reply = 'Chào bạn, lệ phí cấp bản sao trích lục hộ tịch (mã 2.000635) là 8.000 đồng, dù nộp trực tuyến, qua bưu chính hay trực tiếp.';
    fake.script = () => ({ content: reply });
    const a = await ask(withLlm, 'lệ phí cấp bản sao trích lục khai sinh bao nhiêu');
    expect(a.procedures[0]?.code).toBe('2.000635');
    expect(a).toMatchObject({ answer: reply, phrasedBy: 'llm', citations: [{ code: '2.000635' }] });
    expect(fake.requests).toHaveLength(1);
    const prompt = fake.requests[0]?.messages.map((m) => m.content).join('\n') ?? '';
    expect(prompt).toContain('Trực tuyến: 8,000 VNĐ');
    expect(draftOf(fake.requests[0] ?? { model: '', messages: [], headers: {} })).toContain('Lệ phí: Trực tuyến: 8,000 VNĐ');
    expect(fake.requests[0]?.model).toBe('qwen2.5:3b');
    expect(await metric('accepted')).toBe('1');
  });

  it('accepts a concise rephrasing of real, paragraph-long document names that keeps each name’s head', async () => {
    const reply = [
      'Để đăng ký khai sinh (mã 1.001193), bạn chuẩn bị, mỗi loại 1 bản chính:',
      '- Tờ khai đăng ký khai sinh theo mẫu (khi nộp trực tiếp hoặc qua bưu chính), hoặc Mẫu hộ tịch điện tử tương tác đăng ký khai sinh khi nộp trực tuyến;',
      '- Giấy chứng sinh (nếu không có thì văn bản của người làm chứng hoặc giấy cam đoan về việc sinh);',
      '- Hộ chiếu/Thẻ căn cước công dân hoặc giấy tờ tùy thân khác còn giá trị sử dụng;',
      '- Giấy tờ có giá trị chứng minh thông tin về cư trú, nếu cơ quan không tự khai thác được;',
      '- Văn bản ủy quyền (được chứng thực) nếu bạn nhờ người khác làm thay.',
      'Trường hợp riêng: trẻ bị bỏ rơi cần Biên bản về việc trẻ bị bỏ rơi; trẻ sinh ra do mang thai hộ cần Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản.',
    ].join('\n');
    fake.script = () => ({ content: reply });
    const a = await ask(withLlm, 'dang ky khai sinh can giay to gi');
    expect(a.procedures[0]?.code).toBe('1.001193');
    expect(a).toMatchObject({ answer: reply, phrasedBy: 'llm' });
    // The same reply without the birth certificate leaves a document out: the composed answer instead.
    fake.script = () => ({ content: reply.replace(/^- Giấy chứng sinh.*\n/m, '') });
    const dropped = await ask(withLlm, 'dang ky khai sinh can giay to gi');
    expect(dropped.phrasedBy).toBe('catalog');
    expect(dropped.answer).toContain('Giấy tờ cần nộp/xuất trình:');
  });

  it('falls back to the composed answer (phrasedBy "catalog") when the model invents a fee', async () => {
    fake.script = () => ({ content: 'Lệ phí là 50.000 đồng.' });
    const a = await ask(withLlm, 'lệ phí cấp bản sao trích lục khai sinh bao nhiêu');
    expect(a.phrasedBy).toBe('catalog');
    expect(a.answer).toContain('Lệ phí: Trực tuyến: 8,000 VNĐ; Dịch vụ bưu chính: 8,000 VNĐ; Trực tiếp: 8,000 VNĐ.');
    expect(await metric('rejected')).toBe('2');
  });

  it('never sends an out-of-scope answer, a clarifying question or a dossier status to the model', async () => {
    fake.script = () => ({ content: 'không được gọi' });
    const outOfScope = await ask(withLlm, 'tôi muốn ly hôn, chia tài sản thế nào');
    expect(outOfScope.outOfScope).toBe(true);
    const clarifying = await ask(withLlm, 'khai sinh');
    expect(clarifying.clarifyingQuestion).toBeDefined();
    const status = await ask(withLlm, 'hồ sơ HHH-261127-0001 của tôi đến đâu rồi');
    expect(status.aspect).toBe('status');
    expect(fake.requests).toHaveLength(0);
    for (const a of [outOfScope, clarifying, status]) expect(a.phrasedBy).toBeUndefined();
  });

  it('without ASSISTANT_LLM_URL nothing is called and the answer is the composed one', async () => {
    fake.script = () => ({ content: 'không được gọi' });
    const a = await ask(without, 'lệ phí cấp bản sao trích lục khai sinh bao nhiêu');
    expect(a.answer).toContain('Lệ phí: Trực tuyến: 8,000 VNĐ');
    expect(a.phrasedBy).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
    expect((await without.app.inject({ method: 'GET', url: '/metrics' })).body).not.toContain('motcua_assistant_llm_total');
  });
});
