import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { staffOf } from '../../http/access-control.js';
import { PROBLEMS } from '../../http/responses.js';
import { listOutbox } from './outbox.js';

export async function messagesRoutes(app: FastifyInstance, opts: { database: Database }): Promise<void> {
  app.get(
    '/outbox',
    { config: { access: 'messages.read' }, schema: { tags: ['messages'], summary: 'Messages to citizens (newest first; the default channel only records them)', response: { ...PROBLEMS } } },
    async (request) => listOutbox(opts.database.db, staffOf(request).centerId),
  );
}
