import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { auditContextOf, staffOf } from '../../http/access-control.js';
import { AppError } from '../../http/app-error.js';
import { PROBLEMS } from '../../http/responses.js';
import { IdParams, Uuid } from '../../../shared/schemas/common.js';
import { DossierView } from '../../../shared/schemas/dossiers.js';
import { OnlineStatus, OnlineSubmissionReceipt, OnlineWorklistQuery, ReviewBody, StatusTokenParams } from '../../../shared/schemas/online.js';
import type { FileStore } from '../files/file-store.js';
import { receiveMultipart, registerMultipart } from '../files/receive-upload.js';
import { sendStoredFile } from '../files/send-stored-file.js';
import { getDossier } from './dossier-views.js';
import { getOnlineStatus, renderCitizenSlip } from './online-status.js';
import { checkResubmission, prepareOnlineSubmission, resubmitOnlineDocuments, submitOnlineDossier, type PreparedSubmission } from './online-submission.js';
import { reviewDossier } from './review-dossier.js';
import { findDossierFile } from './review-files.js';
import { attachDossierFiles } from './attach-files.js';
import { listDossiers } from './worklist.js';

export interface OnlineRoutesOptions {
  database: Database;
  store: FileStore;
  uploads: { maxFileBytes: number; maxTotalBytes: number; maxFiles: number };
  /** Submissions and re-uploads per hour per IP. */
  submissionRateLimit: number;
  /** Status-page reads per minute per IP. */
  lookupRateLimit: number;
}

const requestInfo = (r: FastifyRequest) => ({ ip: r.ip, requestId: String(r.id) });
const originOf = (r: FastifyRequest) => `${r.protocol}://${r.host}`;
const pdfHeaders = (fileName: string) => ({ 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' });

/**
 * Online submission on the portal (public, rate-limited, multipart) and its review by the
 * receptionist. Multipart parsing is registered in this plugin only.
 */
export async function onlineRoutes(fastify: FastifyInstance, opts: OnlineRoutesOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = opts.database;
  const { store, uploads } = opts;
  await registerMultipart(fastify, { maxBytes: uploads.maxFileBytes, maxFiles: uploads.maxFiles });
  const uploadLimits = { store, maxBytes: uploads.maxFileBytes, maxFiles: uploads.maxFiles, maxTotalBytes: uploads.maxTotalBytes };
  const submissionLimit = { max: opts.submissionRateLimit, timeWindow: '1 hour' };

  app.post(
    '/public/dossiers',
    {
      config: { access: 'public', rateLimit: submissionLimit },
      schema: {
        tags: ['public'],
        summary: 'Submit a dossier online: multipart with a `data` JSON part first, then files `doc-<position>` (PDF/JPEG/PNG by content)',
        consumes: ['multipart/form-data'],
        response: { 201: OnlineSubmissionReceipt, ...PROBLEMS },
      },
    },
    async (request, reply) => {
      let prepared: PreparedSubmission | undefined;
      const { files } = await receiveMultipart(request, {
        ...uploadLimits,
        maxFieldBytes: 16 * 1024,
        onField: async (name, value) => {
          if (name === 'data') prepared = await prepareOnlineSubmission(db, value);
        },
        beforeFile: () => {
          if (!prepared) throw new AppError('ONLINE_SUBMISSION_INVALID', { detail: 'Phần dữ liệu hồ sơ (data) phải được gửi trước các tệp.' });
        },
      });
      if (!prepared) throw new AppError('ONLINE_SUBMISSION_INVALID', { detail: 'Thiếu phần dữ liệu hồ sơ (data), phần này phải được gửi trước các tệp.' });
      return reply.status(201).send(await submitOnlineDossier(db, store, prepared, files, requestInfo(request)));
    },
  );

  app.get(
    '/public/online/:token',
    {
      config: { access: 'public', rateLimit: { max: opts.lookupRateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['public'], summary: 'The private status page of an online submission', params: StatusTokenParams, response: { 200: OnlineStatus, ...PROBLEMS } },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer');
      return getOnlineStatus(db, request.params.token);
    },
  );

  app.post(
    '/public/online/:token/documents',
    {
      config: { access: 'public', rateLimit: submissionLimit },
      schema: { tags: ['public'], summary: 'Send the documents asked for (files `doc-<position>`): back to review', params: StatusTokenParams, consumes: ['multipart/form-data'], response: { 200: OnlineStatus, ...PROBLEMS } },
    },
    async (request) => {
      await checkResubmission(db, request.params.token);
      const { files } = await receiveMultipart(request, uploadLimits);
      await resubmitOnlineDocuments(db, store, request.params.token, files, requestInfo(request));
      return getOnlineStatus(db, request.params.token);
    },
  );

  app.get(
    '/public/online/:token/slip.pdf',
    {
      config: { access: 'public', rateLimit: { max: opts.lookupRateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['public'], summary: 'The slip of the submission as PDF: receipt (Mẫu 01) once accepted, supplementation request (Mẫu 02) or refusal (Mẫu 03)', params: StatusTokenParams },
    },
    async (request, reply) => {
      const { pdf, fileName } = await renderCitizenSlip(db, request.params.token, originOf(request));
      return reply.headers(pdfHeaders(fileName)).send(pdf);
    },
  );

  app.get(
    '/dossiers/online-submissions',
    {
      config: { access: 'dossiers.read' },
      schema: { tags: ['dossiers'], summary: 'Worklist: online submissions waiting for review, oldest first', querystring: OnlineWorklistQuery },
    },
    async (request) => {
      const s = staffOf(request);
      return listDossiers(db, s.centerId, s.id, { view: 'online_review', ...request.query, pageSize: 50 });
    },
  );

  app.post(
    '/dossiers/:id/review',
    {
      config: { access: 'dossiers.receive' },
      schema: { tags: ['dossiers'], summary: 'Review an online submission: accept (code, due date, receipt), request more (Mẫu 02) or refuse (Mẫu 03)', params: IdParams, body: ReviewBody, response: { 200: DossierView, ...PROBLEMS } },
    },
    async (request) => {
      const ctx = auditContextOf(request);
      await reviewDossier(db, ctx, request.params.id, request.body);
      return getDossier(db, ctx.centerId, request.params.id);
    },
  );

  app.post(
    '/dossiers/:id/files',
    {
      config: { access: 'dossiers.read' },
      schema: {
        tags: ['dossiers'],
        summary: 'Attach files to a dossier (multipart: kind = result | scan, comment, then the files): recorded in its history',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: DossierView, ...PROBLEMS },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const { files, fields } = await receiveMultipart(request, { ...uploadLimits, maxFiles: Math.min(uploads.maxFiles, 10) });
      const kind = fields.get('kind') === 'result' ? 'result' : 'scan';
      const comment = fields.get('comment')?.trim().normalize('NFC').slice(0, 2000) || null;
      await attachDossierFiles(db, { ...auditContextOf(request), actorRole: staff.role }, request.params.id, files, { kind, comment });
      return reply.status(201).send(await getDossier(db, staff.centerId, request.params.id));
    },
  );

  app.get(
    '/dossiers/:id/files/:fileId',
    {
      config: { access: 'dossiers.read' },
      schema: { tags: ['dossiers'], summary: 'Download a file of the dossier (always as an attachment, sniffed type, nosniff)', params: Type.Object({ id: Uuid, fileId: Uuid }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      const file = await findDossierFile(db, staffOf(request).centerId, request.params.id, request.params.fileId);
      return sendStoredFile(request, reply, store, file, { disposition: 'attachment' });
    },
  );
}
