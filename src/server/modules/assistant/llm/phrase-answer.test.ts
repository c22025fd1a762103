import { Registry } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProcedureDetail } from '../../../../shared/schemas/catalog.js';
import { composeProcedureAnswer } from '../compose-answer.js';
import type { Aspect } from '../understand.js';
import { checkPhrasing } from './check-phrasing.js';
import { draftOf, startFakeLlmServer, type FakeLlmServer } from './fake-llm-server.js';
import { createLlmClient, llmOutcomeCounter, type LlmClient, type LlmOutcome } from './llm-client.js';
import { numbersIn } from './numbers.js';
import { phraseAnswer, type PhraseInput } from './phrase-answer.js';
import { recordFacts, sectionsIn } from './record-facts.js';

const base = {
  fieldCode: 'ho-tich',
  fieldName: 'Hộ tịch',
  level: 'xã',
  legalBasis: ['Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014', 'Nghị định số 123/2015/NĐ-CP'],
  channels: ['Trực tiếp', 'Trực tuyến'],
  online: true,
  authority: null,
  sourceUrl: null,
  publishingDecision: null,
  aliases: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
} as const;

/** Paid, three working days. */
const SINGLE_STATUS: ProcedureDetail = {
  ...base,
  legalBasis: [...base.legalBasis],
  channels: [...base.channels],
  aliases: [],
  code: '1.004873',
  name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
  processing: { text: '03 ngày làm việc', workingDays: 3, calendarDays: null, hours: null, after15hNextWorkingDay: false, sameDay: false, note: '' },
  fee: { text: ['Trực tiếp: 15,000 VNĐ', 'Trực tuyến: 7,500 VNĐ'], free: false, amountsVND: [15000, 7500] },
  documents: [
    { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', nameAsPublished: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', condition: null, copies: 1, copyType: 'bản chính', form: null },
    { name: 'Bản án, quyết định ly hôn đã có hiệu lực pháp luật', nameAsPublished: 'Bản án, quyết định ly hôn', condition: 'Trường hợp người yêu cầu đã từng kết hôn', copies: 1, copyType: 'bản sao', form: null },
  ],
  results: ['Giấy xác nhận tình trạng hôn nhân'],
};

/** Free, same day. */
const BIRTH: ProcedureDetail = {
  ...SINGLE_STATUS,
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  processing: { text: 'Ngay trong ngày', workingDays: null, calendarDays: null, hours: null, after15hNextWorkingDay: true, sameDay: true, note: '' },
  fee: { text: ['Trực tiếp: Miễn phí', 'Trực tuyến: Miễn phí'], free: true, amountsVND: null },
  documents: [
    { name: 'Tờ khai đăng ký khai sinh', nameAsPublished: 'Tờ khai đăng ký khai sinh', condition: null, copies: 1, copyType: 'bản chính', form: null },
    { name: 'Giấy chứng sinh', nameAsPublished: 'Giấy chứng sinh', condition: null, copies: 1, copyType: 'bản chính', form: null },
  ],
  results: ['Giấy khai sinh'],
};

function input(record: ProcedureDetail, aspects: Aspect[], question = 'hỏi', lang: 'vi' | 'en' = 'vi'): PhraseInput {
  return { question, lang, composedAnswer: composeProcedureAnswer(record, aspects, lang), records: [record], aspect: aspects[0] ?? 'general' };
}

/** The check alone (no server), for the rules that need no timing. */
function refusal(record: ProcedureDetail, aspects: Aspect[], text: string): string | null {
  const i = input(record, aspects);
  const facts = [recordFacts(record, sectionsIn(record, i.composedAnswer, 'vi'))];
  return checkPhrasing({ text, composedAnswer: i.composedAnswer, facts, aspect: i.aspect });
}

let fake: FakeLlmServer;
let client: LlmClient;
let outcomes: LlmOutcome[];

beforeAll(async () => {
  fake = await startFakeLlmServer();
});
afterAll(async () => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  outcomes = [];
  // generous: a loaded 2-core CI machine must not turn a scripted reply into a timeout; (d) has its own short one
  client = createLlmClient({ baseURL: fake.baseURL, model: 'fake-3b', timeoutMs: 5000 }, { onOutcome: (o) => outcomes.push(o) });
});

describe('phraseAnswer against a local OpenAI-compatible server', () => {
  it('(a) returns a faithful rephrasing, and the prompt holds only the cited record’s fields and the composed answer', async () => {
    const reply =
      'Lệ phí cấp Giấy xác nhận tình trạng hôn nhân (mã 1.004873): nộp trực tiếp 15.000 đồng, nộp trực tuyến 7.500 đồng.\nXem thêm tại /thu-tuc/1.004873.';
    fake.script = () => ({ content: reply });
    const i = input(SINGLE_STATUS, ['fee'], 'xin giấy độc thân mất bao nhiêu tiền');
    const result = await phraseAnswer(i, client);
    expect(result).toEqual({ text: reply, usedLlm: true });
    expect(outcomes).toEqual(['accepted']);
    const request = fake.requests[0];
    expect(request?.model).toBe('fake-3b');
    expect(draftOf(request ?? { model: '', messages: [], headers: {} })).toBe(i.composedAnswer);
    const user = request?.messages[1]?.content ?? '';
    expect(user).toContain('Trực tiếp: 15,000 VNĐ');
    expect(user).toContain('xin giấy độc thân mất bao nhiêu tiền');
    // Only the fee was asked: the documents are not shown, so the model cannot talk about them.
    expect(user).not.toContain('Tờ khai cấp Giấy');
    expect(request?.messages[0]?.content).toMatch(/in Vietnamese/);
  });

  it('(a) an English rephrasing keeps the Vietnamese document names and passes', async () => {
    const reply = 'For Cấp Giấy xác nhận tình trạng hôn nhân (code 1.004873) you bring:\n1. Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (1 original)\n2. Bản án, quyết định ly hôn đã có hiệu lực pháp luật (1 copy), only if you were married before.';
    fake.script = () => ({ content: reply });
    const result = await phraseAnswer(input(SINGLE_STATUS, ['documents'], 'what documents for single status', 'en'), client);
    expect(result.rejected).toBeUndefined();
    expect(result.text).toBe(reply);
  });

  it('(b) an invented fee is refused and the composed answer returned', async () => {
    fake.script = () => ({ content: 'Lệ phí đăng ký khai sinh là 50.000 đồng, nộp tại quầy.' });
    const free = input(BIRTH, ['fee']);
    expect(await phraseAnswer(free, client)).toEqual({ text: free.composedAnswer, usedLlm: false, rejected: expect.stringMatching(/amount 50000/) });
    fake.script = () => ({ content: 'Lệ phí: 8 nghìn đồng khi nộp trực tiếp.' });
    const paid = input(SINGLE_STATUS, ['fee']);
    expect((await phraseAnswer(paid, client)).rejected).toMatch(/amount 8000/);
    fake.script = () => ({ content: 'Thủ tục này không mất lệ phí, bạn chỉ cần mang tờ khai.' });
    expect(await phraseAnswer(paid, client)).toMatchObject({ text: paid.composedAnswer, usedLlm: false, rejected: expect.stringMatching(/free/) });
    expect(outcomes).toEqual(['rejected', 'rejected', 'rejected']);
  });

  it('(c) a wrong number of working days is refused, even if the number occurs elsewhere in the record', async () => {
    fake.script = () => ({ content: 'Thời hạn giải quyết là 5 ngày làm việc.' });
    const i = input(SINGLE_STATUS, ['time']);
    expect(await phraseAnswer(i, client)).toMatchObject({ text: i.composedAnswer, usedLlm: false, rejected: expect.stringMatching(/working days 5/) });
    // 1 is a number of the record (copies), but not a number of working days.
    fake.script = () => ({ content: 'Thời hạn giải quyết: 1 ngày làm việc.' });
    expect((await phraseAnswer(i, client)).rejected).toMatch(/working days 1/);
    fake.script = () => ({ content: 'Bạn sẽ nhận kết quả sau ba ngày làm việc.' });
    expect((await phraseAnswer(i, client)).usedLlm).toBe(true);
    fake.script = () => ({ content: 'Bạn sẽ nhận kết quả sau bốn ngày làm việc.' });
    expect((await phraseAnswer(i, client)).rejected).toMatch(/working days 4/);
  });

  it('(d) a server slower than the timeout: the composed answer comes back quickly', async () => {
    fake.script = () => ({ content: 'Lệ phí 15.000 đồng.', delayMs: 5000 });
    const quick = createLlmClient({ baseURL: fake.baseURL, model: 'fake-3b', timeoutMs: 400 }, { onOutcome: (o) => outcomes.push(o) });
    const i = input(SINGLE_STATUS, ['fee']);
    const started = Date.now();
    const result = await phraseAnswer(i, quick);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result).toMatchObject({ text: i.composedAnswer, usedLlm: false, rejected: expect.stringMatching(/^timeout/) });
    expect(outcomes).toEqual(['timeout']);
  });

  it('(e) a 500 (retried once) or malformed JSON gives the composed answer', async () => {
    const slow = createLlmClient({ baseURL: fake.baseURL, model: 'fake-3b', timeoutMs: 4000 }, { onOutcome: (o) => outcomes.push(o) });
    fake.script = () => ({ status: 500, body: '{"error":{"message":"model crashed"}}' });
    const i = input(SINGLE_STATUS, ['fee']);
    expect(await phraseAnswer(i, slow)).toMatchObject({ text: i.composedAnswer, usedLlm: false, rejected: expect.stringMatching(/^error/) });
    expect(fake.requests).toHaveLength(2);
    fake.requests.length = 0;
    fake.script = () => ({ status: 200, body: '{"choices": [ {"message": ' });
    expect(await phraseAnswer(i, slow)).toMatchObject({ text: i.composedAnswer, usedLlm: false });
    fake.script = () => ({ status: 200, body: '{"choices": []}' });
    expect(await phraseAnswer(i, slow)).toMatchObject({ text: i.composedAnswer, usedLlm: false, rejected: expect.stringMatching(/no message content/) });
    expect(outcomes).toEqual(['error', 'error', 'error']);
  });

  it('sends the API key as a bearer token when there is one', async () => {
    const keyed = createLlmClient({ baseURL: fake.baseURL, model: 'm', apiKey: 'sk-local-test', timeoutMs: 5000 });
    fake.script = () => ({ content: '' });
    expect(await phraseAnswer(input(BIRTH, ['fee']), keyed)).toMatchObject({ usedLlm: false, rejected: 'empty reply' });
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-local-test');
  });
});

describe('the fact check', () => {
  it('reads numbers as values with their kind', () => {
    const read = numbersIn('Lệ phí 8.000 đồng hoặc 8,000 VNĐ hoặc 8 nghìn đồng; 03 ngày làm việc; 2 bản sao; 50%; sau 15:00; ngày 01/7/2025; mã 1.001193; hai bản');
    expect(read.numbers.map((n) => `${n.value} ${n.kind}`)).toEqual(['8000 money', '8000 money', '8000 money', '3 workdays', '2 copies', '50 percent', '15 hours', '2 copies']);
    expect(read.dates).toEqual(['1/7/2025']);
    expect(read.codes).toEqual(['1.001193']);
  });

  it('refuses links, uncited codes, dates and list numbers the records do not have', () => {
    expect(refusal(BIRTH, ['fee'], 'Miễn phí. Xem https://dichvucong.gov.vn/thu-tuc')).toMatch(/link/);
    expect(refusal(BIRTH, ['fee'], 'Miễn phí, xem dichvucong.gov.vn')).toMatch(/link/);
    expect(refusal(BIRTH, ['fee'], 'Miễn phí, xem /quan-tri/nguoi-dung')).toMatch(/link/);
    expect(refusal(BIRTH, ['fee'], 'Miễn phí, xem /thu-tuc/1.001193 hoặc /lay-so')).toBeNull();
    expect(refusal(BIRTH, ['fee'], 'Miễn phí (xem thêm thủ tục 1.004873).')).toMatch(/code 1.004873/);
    expect(refusal(BIRTH, ['fee'], 'Miễn phí theo luật ngày 01/01/2016.')).toMatch(/date/);
    expect(refusal(BIRTH, ['fee'], 'Miễn phí theo Luật Hộ tịch ngày 20/11/2014.')).toBeNull();
    expect(refusal(BIRTH, ['fee'], 'Gọi 1900 1234 để hỏi. Miễn phí.')).toMatch(/number 1900/);
    // A list index is a number of the reply, not a fact: allowed up to the number of numbered lines.
    const docs = ['documents'] as Aspect[];
    expect(refusal(BIRTH, docs, 'Bạn cần:\n1. Tờ khai đăng ký khai sinh (1 bản chính)\n2. Giấy chứng sinh (1 bản chính)')).toBeNull();
    expect(refusal(BIRTH, docs, 'Bạn cần:\n1. Tờ khai đăng ký khai sinh (1 bản chính)\n7. Giấy chứng sinh (1 bản chính)')).toMatch(/number 7/);
  });

  it('refuses documents the records do not have, a listed document said to be unneeded, and a dropped one', () => {
    const docs = ['documents'] as Aspect[];
    expect(refusal(BIRTH, docs, 'Mang theo:\n- Tờ khai đăng ký khai sinh\n- Giấy chứng sinh\n- Giấy xác nhận cư trú')).toMatch(/document the records do not have/);
    expect(refusal(BIRTH, docs, 'Mang Tờ khai đăng ký khai sinh và Giấy chứng sinh, kèm "Sổ hộ khẩu bản gốc".')).toMatch(/document the records do not have/);
    expect(refusal(BIRTH, docs, 'Mang Tờ khai đăng ký khai sinh; không cần Giấy chứng sinh.')).toMatch(/not needed/);
    expect(refusal(BIRTH, docs, 'Bạn chỉ cần mang Tờ khai đăng ký khai sinh (1 bản chính).')).toMatch(/leaves out the document "Giấy chứng sinh"/);
    expect(refusal(BIRTH, docs, 'Bạn mang Tờ khai đăng ký khai sinh và Giấy chứng sinh, mỗi loại 1 bản chính.')).toBeNull();
  });

  it('refuses an empty or too long reply, and a fee or time answer that drops the figure', () => {
    expect(refusal(BIRTH, ['fee'], '   ')).toBe('empty reply');
    expect(refusal(BIRTH, ['fee'], 'Miễn phí. '.repeat(200))).toMatch(/too long/);
    expect(refusal(SINGLE_STATUS, ['fee'], 'Lệ phí: 15.000 đồng.')).toMatch(/leaves out the fee/);
    expect(refusal(SINGLE_STATUS, ['time'], 'Bạn hỏi cán bộ nhé.')).toMatch(/leaves out the processing time/);
    expect(refusal(BIRTH, ['fee'], 'Bạn không phải nộp lệ phí.')).toBeNull();
  });

  it('counts outcomes in motcua_assistant_llm_total', async () => {
    const registry = new Registry();
    const count = llmOutcomeCounter(registry);
    count('accepted');
    count('timeout');
    count('timeout');
    const text = await registry.metrics();
    expect(text).toContain('motcua_assistant_llm_total{outcome="accepted"} 1');
    expect(text).toContain('motcua_assistant_llm_total{outcome="timeout"} 2');
    expect(text).toContain('motcua_assistant_llm_total{outcome="rejected"} 0');
  });
});
