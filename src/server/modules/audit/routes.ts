import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { staffOf } from '../../http/access-control.js';
import { AuditEntry, AuditQuery } from '../../../shared/schemas/audit.js';
import { Page } from '../../../shared/schemas/common.js';
import { listAuditEntries } from './list-audit-entries.js';

export async function auditRoutes(fastify: FastifyInstance, opts: { database: Database }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit log of my center (newest first)',
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry), 400: { $ref: 'Problem' }, 401: { $ref: 'Problem' }, 403: { $ref: 'Problem' } },
      },
    },
    async (request) => listAuditEntries(opts.database.db, staffOf(request).centerId, request.query as Static<typeof AuditQuery>),
  );
}
