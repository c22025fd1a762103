import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AppConfig } from './config.js';
import type { Database } from './db/database.js';
import { registerAccessControl } from './http/access-control.js';
import { AppError } from './http/app-error.js';
import { registerMetrics } from './http/metrics.js';
import { registerProblemHandlers, renderProblem } from './http/problem.js';
import { systemRoutes } from './http/system-routes.js';
import { ProblemSchema } from '../shared/schemas/common.js';
import { accountsRoutes } from './modules/accounts/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { catalogRoutes } from './modules/catalog/routes.js';
import { centersRoutes } from './modules/centers/routes.js';
import { queueRoutes } from './modules/queue/routes.js';
import { messagesRoutes } from './modules/messages/routes.js';
import { dossiersRoutes } from './modules/dossiers/routes.js';
import { dossierProcessRoutes } from './modules/dossiers/process-routes.js';
import { assistantRoutes } from './modules/assistant/routes.js';
import { createLlmClient, llmOutcomeCounter } from './modules/assistant/llm/llm-client.js';
import { onlineRoutes } from './modules/dossiers/online-routes.js';
import { createFileStore } from './modules/files/collect-files-job.js';
import type { FileStore } from './modules/files/file-store.js';
import { copilotRoutes } from './modules/documents/routes.js';
import { OcrPool, type OcrPoolOptions } from './modules/documents/ocr-worker.js';
import { dossierSlipFeeRoutes } from './modules/dossiers/slip-fee-routes.js';
import { EventHub } from './realtime/hub.js';
import { WEB_DIST_DIR } from './paths.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface BuildAppOptions {
  config: AppConfig;
  database: Database;
  /** Logger options; tests pass `false`. */
  logger?: FastifyServerOptions['logger'];
  webDistDir?: string;
  /** Where uploaded files go; default DATA_DIR/files. */
  fileStore?: FileStore;
  /** OCR worker pool of the copilot (default: 1 worker, created on first use). */
  ocr?: OcrPoolOptions;
}

/**
 * The composition root: infrastructure first (logging, errors, security, limits, access
 * control, OpenAPI, metrics), then the domain modules, then the web app.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Bodies are validated strictly (no coercion, unknown fields rejected); query strings and
  // path parameters are text, so they are coerced to the declared number/boolean types.
  const ajvOptions = { removeAdditional: false, useDefaults: true, allErrors: true, strict: false } as const;
  const strictAjv = addFormats(new Ajv({ ...ajvOptions, coerceTypes: false }));
  const coercingAjv = addFormats(new Ajv({ ...ajvOptions, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema as object),
  );

  // The API speaks JSON only; other bodies get 415 instead of being parsed as text. An empty
  // JSON body (a POST action sent with the JSON content type) counts as no body; a route that
  // needs one then reports the missing body through its schema.
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (error) {
      done(new AppError('MALFORMED_JSON', { internal: (error as Error).message }), undefined);
    }
  });
  registerProblemHandlers(app);
  app.addSchema(ProblemSchema);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: true,
    // Public endpoints get the configured per-IP budget; staff and devices, who may share a
    // center's single public IP, get a generous one. Login has its own stricter limit.
    max: (request) => (request.routeOptions.config.access === 'public' ? config.publicRateLimit : 20 * config.publicRateLimit),
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', { retryAfter: Math.ceil(context.ttl / 1000), internal: `rate limit ${context.max}` }),
  });

  registerAccessControl(app, database.db);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'motcua API',
        description:
          'Một cửa — API of a ward Public Administrative Service Center. Errors are RFC 9457 problem+json (see /api/problems/{code}).',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'motcua_sid' },
          device: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  // Realtime: one LISTEN per process; SSE streams end first on shutdown so close() does not wait.
  const hub = new EventHub(database);
  await hub.start();
  const metrics = registerMetrics(app, database, hub);
  // The assistant's optional LLM phrasing (docs/assistant.md); off unless ASSISTANT_LLM_URL is set.
  const assistantLlm = config.assistantLlm ? createLlmClient(config.assistantLlm, { log: app.log, onOutcome: llmOutcomeCounter(metrics) }) : null;
  app.addHook('preClose', async () => hub.endStreams());
  app.addHook('onClose', async () => hub.stop());
  const ocr = new OcrPool(options.ocr ?? config.ocr);
  app.addHook('onClose', async () => ocr.close());

  await app.register(
    async (api) => {
      await api.register(systemRoutes, { database });
      await api.register(accountsRoutes, { database, loginRateLimit: config.loginRateLimit });
      await api.register(centersRoutes, { database });
      await api.register(catalogRoutes, { database });
      await api.register(calendarRoutes, { database });
      await api.register(auditRoutes, { database });
      await api.register(queueRoutes, { database, hub });
      await api.register(messagesRoutes, { database });
      await api.register(dossiersRoutes, { database, lookupRateLimit: config.lookupRateLimit });
      await api.register(dossierProcessRoutes, { database });
      await api.register(assistantRoutes, { database, llm: assistantLlm });
      await api.register(onlineRoutes, {
        database,
        store: options.fileStore ?? createFileStore(config.dataDir),
        uploads: config.uploads,
        submissionRateLimit: config.submissionRateLimit,
        lookupRateLimit: config.lookupRateLimit,
      });
      await api.register(copilotRoutes, { database, ocr });
      await api.register(dossierSlipFeeRoutes, { database });
    },
    { prefix: '/api' },
  );

  const webDir = options.webDistDir ?? WEB_DIST_DIR;
  const hasWeb = existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((request, reply) => {
    const accept = request.headers.accept ?? '';
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api') && accept.includes('text/html')) {
      // Client-side routes of the single-page app.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webDir);
    }
    return renderProblem(request, reply, new AppError('ROUTE_NOT_FOUND', { internal: `${request.method} ${request.url}` }));
  });

  return app;
}
