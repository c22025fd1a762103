import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureDetail } from '../../../../shared/schemas/catalog.js';
import { importShippedCatalog } from '../../../seed/prepare.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { makeCenter, makeCounter, makeField } from '../../../test/factories.js';
import { getProcedure } from '../../catalog/procedures.js';
import { composeProcedureAnswer } from '../compose-answer.js';
import type { Aspect } from '../understand.js';
import { draftOf, startFakeLlmServer, type FakeLlmServer } from './fake-llm-server.js';
import { createLlmClient } from './llm-client.js';
import { phraseAnswer } from './phrase-answer.js';

/**
 * No false refusals of the default's own facts: a model that echoes the composed answer is
 * accepted for every procedure of the shipped catalog, every aspect, both languages, and again
 * at a center for the sections a center changes (its field, counters and local fee/time/notes).
 */

const ASPECTS: Aspect[][] = [['general'], ['documents'], ['fee'], ['time'], ['where'], ['how'], ['conditions'], ['result'], ['documents', 'fee', 'time']];
/** The center changes only these sections (field, counters, local fee/time/notes). */
const CENTER_ASPECTS: Aspect[][] = [['general'], ['fee'], ['time'], ['where']];

let database: TestDatabase;
let fake: FakeLlmServer;
let records: ProcedureDetail[];

beforeAll(async () => {
  database = await createTestDatabase();
  await importShippedCatalog(database);
  const db = database.db;
  const center = await makeCenter(db, { slug: 'phuong-echo' });
  const field = await makeField(db, center.id, { name: 'Hộ tịch - Chứng thực', prefix: 'A' });
  await db.updateTable('fields').set({ national_fields: ['ho-tich', 'chung-thuc'] }).where('id', '=', field.id).execute();
  const counter = await makeCounter(db, center.id, 2);
  await db.insertInto('counter_fields').values({ center_id: center.id, counter_id: counter.id, field_id: field.id }).execute();
  const codes = (await db.selectFrom('procedures').select('code').orderBy('code').execute()).map((r) => r.code);
  await db
    .insertInto('center_procedures')
    .values([
      { center_id: center.id, procedure_code: codes[0] ?? '', local_working_days: 2, local_fee_text: 'Thu 5.000 đồng/bản tại quầy', local_notes: 'Mang theo 2 ảnh 4x6' },
      { center_id: center.id, procedure_code: codes[1] ?? '', local_working_days: 0.5 },
    ])
    .execute();
  records = [];
  for (const code of codes) {
    records.push(await getProcedure(db, code));
    records.push(await getProcedure(db, code, center.slug));
  }
  fake = await startFakeLlmServer();
  fake.script = (request) => ({ content: draftOf(request) });
}, 60_000);
afterAll(async () => {
  await fake.close();
  await database.close();
});

describe('a model that echoes the composed answer', () => {
  it('is accepted for every catalog procedure, aspect and language (no false refusals)', async () => {
    const client = createLlmClient({ baseURL: fake.baseURL, model: 'echo', timeoutMs: 5000 });
    expect(new Set(records.map((r) => r.code)).size).toBeGreaterThanOrEqual(30);
    const refused: string[] = [];
    let asked = 0;
    for (const record of records) {
      for (const aspects of record.center ? CENTER_ASPECTS : ASPECTS) {
        for (const lang of ['vi', 'en'] as const) {
          const composedAnswer = composeProcedureAnswer(record, aspects, lang);
          const result = await phraseAnswer({ question: 'hỏi', lang, composedAnswer, records: [record], aspect: aspects[0] ?? 'general' }, client);
          asked += 1;
          if (!result.usedLlm) refused.push(`${record.code}${record.center ? ' @center' : ''} ${aspects.join('+')} ${lang}: ${result.rejected ?? ''}`);
        }
      }
    }
    expect(refused).toEqual([]);
    expect(fake.requests).toHaveLength(asked);
  }, 120_000);
});
