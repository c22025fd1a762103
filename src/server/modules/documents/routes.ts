import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { PROBLEM, PROBLEMS } from '../../http/responses.js';
import { CompletenessBody, CompletenessResult, ReadDocumentResult, ReadIdCardResult } from '../../../shared/schemas/copilot.js';
import { registerMultipart } from '../files/receive-upload.js';
import { checkCompleteness } from './check-completeness.js';
import { readDocument } from './extract-fields.js';
import type { OcrPool } from './ocr-worker.js';
import { readIdCard } from './read-id-card.js';
import { MAX_IMAGE_BYTES, readImageUpload } from './read-upload.js';

const IMAGE_PROBLEMS = { ...PROBLEMS, 413: PROBLEM, 415: PROBLEM, 422: PROBLEM, 503: PROBLEM } as const;
const UPLOAD_NOTE =
  'multipart/form-data with one file field (any name): a JPEG or PNG photo or scan, at most 10 MiB; the type is read from the bytes. ' +
  'The image is read in memory and discarded: nothing is stored and nothing leaves the server.';

/**
 * The officials' copilot for reading documents and checking completeness (docs/documents.md).
 * Staff with the reception permission only; every answer is a suggestion to confirm.
 */
export async function copilotRoutes(fastify: FastifyInstance, opts: { database: Database; ocr: OcrPool }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = opts.database;
  await registerMultipart(app, { maxBytes: MAX_IMAGE_BYTES, maxFiles: 1 });
  // Answers carry personal data read from a card: no cache may keep them.
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });

  app.post(
    '/copilot/read-id',
    {
      config: { access: 'dossiers.receive' },
      schema: {
        tags: ['copilot'],
        summary: 'Read a citizen ID card (CCCD): its QR code first, OCR of the printed text as fallback',
        description: UPLOAD_NOTE,
        consumes: ['multipart/form-data'],
        response: { 200: ReadIdCardResult, ...IMAGE_PROBLEMS },
      },
    },
    async (request) => readIdCard({ image: await readImageUpload(request), ocr: opts.ocr }),
  );

  app.post(
    '/copilot/read-document',
    {
      config: { access: 'dossiers.receive' },
      schema: {
        tags: ['copilot'],
        summary: 'Read another document (birth certificate extract, form …): text and suggested fields',
        description: UPLOAD_NOTE,
        consumes: ['multipart/form-data'],
        response: { 200: ReadDocumentResult, ...IMAGE_PROBLEMS },
      },
    },
    async (request) => readDocument({ image: await readImageUpload(request), ocr: opts.ocr }),
  );

  app.post(
    '/copilot/completeness',
    {
      config: { access: 'dossiers.receive' },
      schema: {
        tags: ['copilot'],
        summary: "Check the documents handed in against the procedure's list: missing, extra, needs a certified copy",
        body: CompletenessBody,
        response: { 200: CompletenessResult, ...PROBLEMS },
      },
    },
    async (request) => checkCompleteness(db, request.body),
  );
}
