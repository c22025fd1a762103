import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { auditContextOf, staffOf } from '../../http/access-control.js';
import { AppError } from '../../http/app-error.js';
import {
  CenterProcedureRow,
  CenterProcedureSettings,
  ProcedureDetail,
  ProcedureField,
  ProcedureSearchQuery,
  ProcedureSearchResult,
  UpdateProcedureSettingsBody,
} from '../../../shared/schemas/catalog.js';
import { getProcedure, listCenterProcedures, listProcedureFields, updateProcedureSettings } from './procedures.js';
import { searchProcedures } from './search-procedures.js';
import { PROBLEMS } from '../../http/responses.js';

const CodeParams = Type.Object({ code: Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' }) }, { additionalProperties: false });

export async function catalogRoutes(fastify: FastifyInstance, opts: { database: Database }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = opts.database;

  app.get(
    '/procedures',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'Search the procedure catalog (ranked; with or without diacritics)',
        querystring: ProcedureSearchQuery,
        response: { 200: ProcedureSearchResult, ...PROBLEMS },
      },
    },
    async (request) => {
      let centerId: string | null = null;
      if (request.query.center) {
        const c = await db.selectFrom('centers').select('id').where('slug', '=', request.query.center).executeTakeFirst();
        if (!c) throw new AppError('CENTER_NOT_FOUND');
        centerId = c.id;
      }
      return searchProcedures(db, { ...request.query, centerId });
    },
  );

  app.get(
    '/procedures/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'One procedure: documents, fee, time, result, legal basis (and a center’s settings)',
        params: CodeParams,
        querystring: Type.Object({ center: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
        response: { 200: ProcedureDetail, ...PROBLEMS },
      },
    },
    async (request) => getProcedure(db, request.params.code, request.query.center),
  );

  app.get(
    '/procedure-fields',
    { config: { access: 'public' }, schema: { tags: ['catalog'], summary: 'Fields of the catalog with procedure counts', response: { 200: Type.Array(ProcedureField) } } },
    async () => listProcedureFields(db),
  );

  app.get(
    '/center/procedures',
    {
      config: { access: 'procedure-settings.read' },
      schema: { tags: ['catalog'], summary: "My center's settings for every procedure", response: { 200: Type.Array(CenterProcedureRow), ...PROBLEMS } },
    },
    async (request) => listCenterProcedures(db, staffOf(request).centerId),
  );

  app.put(
    '/center/procedures/:code',
    {
      config: { access: 'procedure-settings.manage' },
      schema: {
        tags: ['catalog'],
        summary: "Change my center's settings for a procedure (receiving field, local notes, local time/fee)",
        params: CodeParams,
        body: UpdateProcedureSettingsBody,
        response: { 200: CenterProcedureSettings, ...PROBLEMS },
      },
    },
    async (request) => updateProcedureSettings(db, auditContextOf(request), request.params.code, request.body),
  );
}
