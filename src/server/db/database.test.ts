import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database.js';

/**
 * The server engine survives the server closing its connections (restart, failover, an admin
 * terminating backends): the process does not crash and the next query works. Runs in the
 * PostgreSQL pass (TEST_DATABASE_URL); the embedded engine has no connections to lose.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL connections', () => {
  it('a terminated idle connection is replaced and the next query succeeds', async () => {
    const database = await createTestDatabase();
    try {
      const name = (await sql<{ db: string }>`SELECT current_database() AS db`.execute(database.db)).rows[0]?.db ?? '';
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await admin.end();
      await new Promise((r) => setTimeout(r, 200));
      const again = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
      expect(again.rows[0]?.one).toBe(1);
    } finally {
      await database.close();
    }
  });
});
