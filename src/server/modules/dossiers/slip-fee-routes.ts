import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { auditContextOf, staffOf } from '../../http/access-control.js';
import { PROBLEMS } from '../../http/responses.js';
import { IdParams } from '../../../shared/schemas/common.js';
import { AdjustFeeBody, DossierFees, DossierStats, DossierSummary, PaymentQr, RecordPaymentBody, RegisterQuery, SlipParams, StatsQuery } from '../../../shared/schemas/dossiers.js';
import { dossierStats } from './dossier-stats.js';
import { summarizeDossier } from './dossier-summary.js';
import { renderDossierSlip, renderRegister, type DossierSlipKind } from './dossier-slips.js';
import { adjustFee, getFees, paymentQr, recordPayment } from './dossier-fees.js';
import type { StaffCtx } from './process-dossier.js';

const MEDIA = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** Official slips of a dossier, the register, fees and payments, progress figures, the leader's summary. */
export async function dossierSlipFeeRoutes(fastify: FastifyInstance, opts: { database: Database }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = opts.database;
  const ctx = (r: FastifyRequest): StaffCtx => ({ ...auditContextOf(r), actorRole: staffOf(r).role });
  const origin = (r: FastifyRequest) => `${r.protocol}://${r.host}`;

  app.get(
    '/dossiers/:id/slips/:slip',
    {
      config: { access: 'dossiers.read' },
      schema: { tags: ['dossiers'], summary: 'An official slip of the dossier as PDF (Mẫu 01–06), built from its records', params: SlipParams },
    },
    async (request, reply) => {
      const kind = request.params.slip.replace(/\.pdf$/, '') as DossierSlipKind;
      const { pdf, fileName } = await renderDossierSlip(db, staffOf(request).centerId, request.params.id, kind, origin(request));
      return reply.type(MEDIA.pdf).header('content-disposition', `inline; filename="${fileName}"`).header('cache-control', 'private, no-store').send(pdf);
    },
  );

  app.get(
    '/dossier-register',
    {
      config: { access: 'dossiers.register' },
      schema: { tags: ['dossiers'], summary: 'The dossier register (sổ theo dõi hồ sơ, Mẫu 07) for a period, as PDF, CSV or XLSX', querystring: RegisterQuery },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'pdf';
      const { body, fileName } = await renderRegister(db, staffOf(request).centerId, request.query.from, request.query.to, format);
      const disposition = format === 'pdf' ? 'inline' : 'attachment';
      return reply.type(MEDIA[format]).header('content-disposition', `${disposition}; filename="${fileName}"`).header('cache-control', 'private, no-store').send(body);
    },
  );

  app.get(
    '/dossiers/:id/summary',
    {
      config: { access: 'dossiers.read' },
      schema: { tags: ['dossiers'], summary: 'Summary of the dossier’s history for the leader who approves it (composed from its records)', params: IdParams, response: { 200: DossierSummary, ...PROBLEMS } },
    },
    async (request) => summarizeDossier(db, staffOf(request).centerId, request.params.id),
  );

  app.get(
    '/dossier-stats',
    {
      config: { access: 'dossiers.stats' },
      schema: { tags: ['dossiers'], summary: 'Progress over a period (QĐ 766 indicator 5): early / on time / late, processing in time, channels, apologies', querystring: StatsQuery, response: { 200: DossierStats, ...PROBLEMS } },
    },
    async (request) => dossierStats(db, staffOf(request).centerId, request.query.from, request.query.to),
  );

  app.get(
    '/dossiers/:id/fees',
    { config: { access: 'dossiers.read' }, schema: { tags: ['dossiers'], summary: 'Fee, payments and what is still due', params: IdParams, response: { 200: DossierFees, ...PROBLEMS } } },
    async (request) => getFees(db, staffOf(request).centerId, request.params.id),
  );

  app.post(
    '/dossiers/:id/fee',
    {
      config: { access: 'dossiers.fees' },
      schema: { tags: ['dossiers'], summary: 'Change the fee, with a reason (audited)', params: IdParams, body: AdjustFeeBody, response: { 200: DossierFees, ...PROBLEMS } },
    },
    async (request) => {
      await adjustFee(db, ctx(request), request.params.id, request.body);
      return getFees(db, staffOf(request).centerId, request.params.id);
    },
  );

  app.post(
    '/dossiers/:id/payments',
    {
      config: { access: 'dossiers.fees' },
      schema: { tags: ['dossiers'], summary: 'Record a payment (cash or transfer); returns the fees with the new receipt', params: IdParams, body: RecordPaymentBody, response: { 201: DossierFees, ...PROBLEMS } },
    },
    async (request, reply) => {
      await recordPayment(db, ctx(request), request.params.id, request.body);
      return reply.status(201).send(await getFees(db, staffOf(request).centerId, request.params.id));
    },
  );

  app.get(
    '/dossiers/:id/payment-qr',
    { config: { access: 'dossiers.read' }, schema: { tags: ['dossiers'], summary: 'VietQR bank-transfer code for what is still due', params: IdParams, response: { 200: PaymentQr, ...PROBLEMS } } },
    async (request) => paymentQr(db, staffOf(request).centerId, request.params.id),
  );
}
