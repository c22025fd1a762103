import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { auditContextOf, staffOf } from '../../http/access-control.js';
import { PROBLEMS } from '../../http/responses.js';
import { IdParams } from '../../../shared/schemas/common.js';
import { DeclineAtCounterBody, DossierView, PublicDossier, PublicDossierQuery, ReceiveDossierBody } from '../../../shared/schemas/dossiers.js';
import { getDossier, lookupDossier } from './dossier-views.js';
import { receiveDossier } from './receive-dossier.js';
import { declineAtCounter } from './reception-decisions.js';

const CodeParams = Type.Object({ code: Type.String({ minLength: 10, maxLength: 60, pattern: '^[A-Z0-9.]+-[0-9]{6}-[0-9]{4,}$' }) }, { additionalProperties: false });

export async function dossiersRoutes(fastify: FastifyInstance, opts: { database: Database; lookupRateLimit: number }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = opts.database;

  app.post(
    '/dossiers',
    {
      config: { access: 'dossiers.receive' },
      schema: { tags: ['dossiers'], summary: 'Accept a complete dossier at the counter: official code, due date, documents', body: ReceiveDossierBody, response: { 201: DossierView, ...PROBLEMS } },
    },
    async (request, reply) => {
      const ctx = auditContextOf(request);
      const { dossier } = await receiveDossier(db, ctx, request.body);
      return reply.status(201).send(await getDossier(db, ctx.centerId, dossier.id));
    },
  );

  app.post(
    '/dossiers/not-accepted',
    {
      config: { access: 'dossiers.receive' },
      schema: {
        tags: ['dossiers'],
        summary: 'Record a dossier not accepted at the counter: ask for more (Mẫu 02) or refuse (Mẫu 03)',
        body: DeclineAtCounterBody,
        response: { 201: DossierView, ...PROBLEMS },
      },
    },
    async (request, reply) => {
      const ctx = auditContextOf(request);
      const { id } = await declineAtCounter(db, ctx, request.body);
      return reply.status(201).send(await getDossier(db, ctx.centerId, id));
    },
  );

  app.get(
    '/dossiers/:id',
    { config: { access: 'dossiers.read' }, schema: { tags: ['dossiers'], summary: 'A dossier of my center', params: IdParams, response: { 200: DossierView, ...PROBLEMS } } },
    async (request) => getDossier(db, staffOf(request).centerId, request.params.id),
  );

  app.get(
    '/public/dossiers/:code',
    {
      config: { access: 'public', rateLimit: { max: opts.lookupRateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['public'], summary: 'Public dossier lookup by code (masked name; last 4 phone digits unmask it)', params: CodeParams, querystring: PublicDossierQuery, response: { 200: PublicDossier, ...PROBLEMS } },
    },
    async (request) => lookupDossier(db, request.params.code, request.query.phone),
  );
}
