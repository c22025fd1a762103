import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { auditContextOf, staffOf } from '../../http/access-control.js';
import { AppError } from '../../http/app-error.js';
import type { Permission } from '../../http/access.js';
import { PROBLEMS } from '../../http/responses.js';
import { IdParams, IsoDateTime, Text, Uuid } from '../../../shared/schemas/common.js';
import { DossierView } from '../../../shared/schemas/dossiers.js';
import { getDossier } from './dossier-views.js';
import {
  apologize,
  approveDossier,
  assignDossier,
  requestSupplement,
  resumeAfterSupplement,
  returnResult,
  sendBack,
  stopDossier,
  submitForApproval,
  withdrawDossier,
  type StaffCtx,
} from './process-dossier.js';
import { listDossiers } from './worklist.js';

const Comment = Type.Object({ comment: Type.Optional(Text(2000)) }, { additionalProperties: false });
const Reason = Type.Object({ reason: Text(2000) }, { additionalProperties: false });

/** Processing a dossier: one route per action, each calling one use case. */
export async function dossierProcessRoutes(fastify: FastifyInstance, opts: { database: Database }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = opts.database;
  const ctx = (r: FastifyRequest): StaffCtx => ({ ...auditContextOf(r), actorRole: staffOf(r).role });
  const view = (r: FastifyRequest, id: string) => getDossier(db, staffOf(r).centerId, id);

  app.get(
    '/dossiers',
    {
      config: { access: 'dossiers.read' },
      schema: {
        tags: ['dossiers'],
        summary: 'Worklists: mine, due soon, overdue, awaiting approval, results to hand over',
        querystring: Type.Object(
          {
            view: Type.Optional(Type.Union(['all', 'mine', 'due_soon', 'overdue', 'awaiting_approval', 'result_ready'].map((v) => Type.Literal(v)))),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const s = staffOf(request);
      return listDossiers(db, s.centerId, s.id, request.query as Parameters<typeof listDossiers>[3]);
    },
  );

  function action<B extends Parameters<typeof Type.Object>[0]>(path: string, access: Permission, summary: string, body: B | null, run: (r: FastifyRequest<{ Params: { id: string }; Body: never }>, b: Record<string, unknown>) => Promise<void>) {
    app.post(
      `/dossiers/:id/${path}`,
      {
        config: { access },
        schema: { tags: ['dossiers'], summary, params: IdParams, ...(body ? { body: Type.Object(body, { additionalProperties: false }) } : {}), response: { 200: DossierView, ...PROBLEMS } },
        // An action whose fields are all optional may be posted without a body.
        preValidation: async (request) => {
          if (request.body === undefined || request.body === null) request.body = {};
        },
      },
      async (request) => {
        await run(request as FastifyRequest<{ Params: { id: string }; Body: never }>, (request.body ?? {}) as Record<string, unknown>);
        return view(request, request.params.id);
      },
    );
  }

  action('assign', 'dossiers.assign', 'Hand over to a specialist', { specialistId: Uuid, comment: Type.Optional(Text(2000)) }, (r, b) => assignDossier(db, ctx(r), r.params.id, b as { specialistId: string; comment?: string }));
  action('request-supplement', 'dossiers.process', 'Ask for more documents (once; the clock pauses)', { items: Type.Array(Text(500), { minItems: 1, maxItems: 50 }), reason: Text(2000) }, (r, b) => requestSupplement(db, ctx(r), r.params.id, b as { items: string[]; reason: string }));
  action('supplement-received', 'dossiers.assign', 'The documents arrived: the clock resumes, the due date moves', null, (r) => resumeAfterSupplement(db, ctx(r), r.params.id));
  action('submit', 'dossiers.process', 'Submit for the leader’s approval', Comment.properties, (r, b) => submitForApproval(db, ctx(r), r.params.id, b.comment as string | undefined));
  action('approve', 'dossiers.approve', 'Approve / sign: the result is ready', Comment.properties, (r, b) => approveDossier(db, ctx(r), r.params.id, b.comment as string | undefined));
  action('send-back', 'dossiers.approve', 'Send back to the specialist', { comment: Text(2000) }, (r, b) => sendBack(db, ctx(r), r.params.id, b.comment as string));
  action(
    'return',
    'dossiers.return',
    'Hand over the result (counter with ID check, or post)',
    { method: Type.Union([Type.Literal('counter'), Type.Literal('post')]), receiverName: Type.Optional(Text(200)), receiverIdNumber: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })), trackingNumber: Type.Optional(Text(60)) },
    (r, b) => {
      if (b.method === 'post') {
        if (typeof b.trackingNumber !== 'string') throw new AppError('VALIDATION_FAILED', { detail: 'Cần số hiệu bưu gửi.' });
        return returnResult(db, ctx(r), r.params.id, { method: 'post', trackingNumber: b.trackingNumber });
      }
      if (typeof b.receiverName !== 'string' || typeof b.receiverIdNumber !== 'string') {
        throw new AppError('VALIDATION_FAILED', { detail: 'Cần họ tên và số định danh của người nhận kết quả.' });
      }
      return returnResult(db, ctx(r), r.params.id, { method: 'counter', receiverName: b.receiverName, receiverIdNumber: b.receiverIdNumber });
    },
  );
  action('withdraw', 'dossiers.withdraw', 'The citizen withdraws the dossier', Reason.properties, (r, b) => withdrawDossier(db, ctx(r), r.params.id, b.reason as string));
  action('stop', 'dossiers.withdraw', 'Stop processing at the citizen’s request (stop notice)', Reason.properties, (r, b) => stopDossier(db, ctx(r), r.params.id, b.reason as string));
  action('apologize', 'dossiers.process', 'Apology with a new return date (once, at least a day before the due date)', { newDueAt: IsoDateTime, reason: Text(2000) }, (r, b) =>
    apologize(db, ctx(r), r.params.id, { newDueAt: new Date(b.newDueAt as string), reason: b.reason as string }),
  );
}
