import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import { ERRORS, type ErrorCode } from '../../shared/errors.js';
import { AppError } from './app-error.js';

/** Liveness, readiness and the error-code catalogue. */
export async function systemRoutes(app: FastifyInstance, opts: { database: Database }): Promise<void> {
  const { database } = opts;
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Liveness: the process answers', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Readiness: database reachable and migrations applied',
        response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }) },
      },
    },
    async () => {
      try {
        await sql`SELECT 1`.execute(database.db);
      } catch (error) {
        throw new AppError('NOT_READY', { internal: 'database unreachable', cause: error, detail: 'Không kết nối được cơ sở dữ liệu.' });
      }
      const pending = await pendingMigrations(database.db);
      if (pending.length > 0) {
        throw new AppError('NOT_READY', { internal: `pending migrations ${pending.join(',')}`, detail: 'Cơ sở dữ liệu chưa được cập nhật cấu trúc.' });
      }
      return { status: 'ready' as const, database: database.engine };
    },
  );

  app.get(
    '/problems/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'What an error code means',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const code = (request.params as { code: string }).code;
      if (!(code in ERRORS)) throw new AppError('ROUTE_NOT_FOUND');
      const entry = ERRORS[code as ErrorCode];
      return { code, status: entry.status, vi: entry.vi, en: entry.en };
    },
  );
}
