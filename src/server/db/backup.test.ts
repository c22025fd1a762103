import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database.js';
import { makeCenter, makeUser } from '../test/factories.js';
import type { Database } from './database.js';
import { BACKUP_TABLES, createBackup, NOT_BACKED_UP, restoreBackup } from './backup.js';

let source: Database;
beforeAll(async () => {
  source = await createTestDatabase();
});
afterAll(async () => source.close());

describe('backup', () => {
  it('covers every table the migrations create (a new table must be added to the backup or excluded on purpose)', async () => {
    const rows = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(source.db);
    const known = new Set<string>([...BACKUP_TABLES, ...NOT_BACKED_UP]);
    expect(rows.rows.map((r) => r.table_name).filter((t) => !known.has(t))).toEqual([]);
  });

  it('round-trips rows, json, arrays and the append-only audit log (whose ids continue after restore)', async () => {
    const center = await makeCenter(source.db);
    await makeUser(source.db, center.id, 'admin');
    await source.db.insertInto('fields').values({ center_id: center.id, name: 'Hộ tịch', ticket_prefix: 'A', national_fields: ['ho-tich', 'nuoi-con-nuoi'] }).execute();
    await source.db.insertInto('audit_log').values({ center_id: center.id, actor_type: 'system', action: 'test.one', after: JSON.stringify({ a: [1, 2] }) }).execute();
    const { data } = await createBackup(source);
    const target = await createTestDatabase();
    try {
      await sql`DELETE FROM procedures`.execute(target.db);
      await restoreBackup(target, data);
      const field = await target.db.selectFrom('fields').selectAll().executeTakeFirstOrThrow();
      expect(field.national_fields).toEqual(['ho-tich', 'nuoi-con-nuoi']);
      const c = await target.db.selectFrom('centers').selectAll().executeTakeFirstOrThrow();
      expect(c.working_week['1']).toHaveLength(2);
      const audit = await target.db.selectFrom('audit_log').selectAll().where('action', '=', 'test.one').executeTakeFirstOrThrow();
      expect(audit.after).toEqual({ a: [1, 2] });
      const next = await target.db
        .insertInto('audit_log')
        .values({ actor_type: 'system', action: 'test.two' })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(Number(next.id)).toBeGreaterThan(Number(audit.id));
    } finally {
      await target.close();
    }
  });

  it('the audit log cannot be changed or deleted, even by SQL', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(source.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(source.db)).rejects.toThrow(/append-only/);
  });
});
