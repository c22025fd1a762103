import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { importShippedCatalog } from '../../seed/prepare.js';
import { makeCenter } from '../../test/factories.js';
import { CONVERSATION_RETENTION_DAYS, purgeOldConversations } from './purge-conversations.js';

let t: TestApp;
let centerId: string;

beforeAll(async () => {
  t = await createTestApp();
  await importShippedCatalog(t.database);
  centerId = (await makeCenter(t.database.db)).id;
});
afterAll(async () => t.close());

describe('conversation retention', () => {
  it('deletes conversations untouched for the retention period, keeps recent ones and those waiting for staff', async () => {
    const ask = async (question: string) => (await t.app.inject({ method: 'POST', url: '/api/assistant/ask', payload: { question, centerId } })).json() as { sessionId: string };
    const old = await ask('đăng ký khai sinh cần giấy tờ gì');
    const waiting = await ask('lệ phí chứng thực bản sao bao nhiêu');
    const recent = await ask('đăng ký kết hôn mất bao lâu');
    expect((await t.app.inject({ method: 'POST', url: `/api/assistant/sessions/${waiting.sessionId}/handoff` })).statusCode).toBe(200);
    const longAgo = new Date(Date.now() - (CONVERSATION_RETENTION_DAYS + 1) * 86_400_000);
    const db = t.database.db;
    await db.updateTable('assistant_conversations').set({ updated_at: longAgo }).where('session_id', 'in', [old.sessionId, waiting.sessionId]).execute();

    expect(await purgeOldConversations(db)).toEqual({ deleted: 1 });
    const left = await db.selectFrom('assistant_conversations').select('session_id').execute();
    const ids = left.map((r) => r.session_id);
    expect(ids).not.toContain(old.sessionId);
    expect(ids).toContain(waiting.sessionId);
    expect(ids).toContain(recent.sessionId);
    const orphanTurns = await db.selectFrom('assistant_turns').leftJoin('assistant_conversations as c', 'c.id', 'assistant_turns.conversation_id').select('assistant_turns.id').where('c.id', 'is', null).execute();
    expect(orphanTurns).toEqual([]);
    expect(await purgeOldConversations(db)).toEqual({ deleted: 0 });
  });
});
