import { mkdirSync } from 'node:fs';
import { buildApp } from './app.js';
import { ConfigError, parseConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { prepareDatabase } from './seed/prepare.js';
import { runQueueHousekeeping } from './modules/queue/close-day.js';
import { dispatchOutbox, logSender } from './modules/messages/outbox.js';
import { runJobOnce, slotOf } from './jobs/run-job.js';
import { warnDeadlines } from './modules/dossiers/warn-deadlines.js';
import { purgeOldConversations } from './modules/assistant/purge-conversations.js';
import { createEmailSender } from './modules/messages/email-sender.js';
import { collectStoredFiles } from './modules/files/collect-files-job.js';
import { createConfiguredFileStore } from './modules/files/configured-store.js';

/** Boots motcua: config → database → migrations and reference data → HTTP server; stops gracefully. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: config.dbPoolMax });
  const fileStore = createConfiguredFileStore(config);
  const app = await buildApp({ config, database, fileStore });
  const log = app.log;
  log.info({ database: database.describe }, 'database opened');

  const prepared = await prepareDatabase(database, { seedDemo: config.seedDemo, dataDir: config.dataDir, log });
  if (prepared.demo) {
    process.stdout.write(`\n${prepared.demoText}\n(Đã lưu vào ${config.dataDir}/demo-accounts.txt)\n\n`);
  }

  // Every minute: queue housekeeping (idempotent) and, once per slot across all processes (jobs
  // as data: job_runs), the dossier deadline warnings (15 min) and the assistant's retention (day).
  const housekeeping = async () => {
    try {
      const closed = await runQueueHousekeeping(database.db);
      if (closed > 0) log.info({ closed }, 'queue tickets closed at end of day');
      const warned = await runJobOnce(database.db, 'dossier-deadline-warnings', slotOf(new Date(), 15), () => warnDeadlines(database.db));
      if (warned && warned.dueSoon + warned.overdue > 0) log.info(warned, 'dossier deadline warnings');
      const purged = await runJobOnce(database.db, 'assistant-retention', slotOf(new Date(), 24 * 60), () => purgeOldConversations(database.db));
      if (purged && purged.deleted > 0) log.info(purged, 'old assistant conversations deleted');
    } catch (error) {
      log.error({ err: error }, 'queue housekeeping failed');
    }
  };
  let timer: NodeJS.Timeout | undefined;
  if (config.queueHousekeeping) {
    await housekeeping();
    timer = setInterval(() => void housekeeping(), 60_000);
    timer.unref();
  }

  // Messages leave after commit: the dispatcher sends what the outbox holds (log channel by
  // default; e-mail through the SMTP server of SMTP_URL when it is set).
  const senders = config.smtp ? { log: logSender, email: createEmailSender(config.smtp) } : { log: logSender };
  if (config.smtp) log.info({ smtp: `${config.smtp.host}:${config.smtp.port}`, from: config.smtp.from.address }, 'e-mail channel enabled');
  let dispatching = false; // one run at a time: a slow run must not overlap the next tick
  const dispatch = async () => {
    if (dispatching) return;
    dispatching = true;
    try {
      await dispatchOutbox(database.db, senders);
    } catch (error) {
      log.error({ err: error }, 'message dispatch failed');
    } finally {
      dispatching = false;
    }
  };
  const dispatcher = setInterval(() => void dispatch(), 5_000);
  dispatcher.unref();

  // Files no row references (a refused or crashed upload) go once per hour slot across all
  // processes, only when older than the 24-hour grace period: an upload in flight (file stored,
  // row not yet committed) is never collected (docs/files.md).
  const collectFiles = async () => {
    try {
      const collected = await runJobOnce(database.db, 'files-gc', slotOf(new Date(), 60), () => collectStoredFiles(database.db, fileStore));
      if (collected && collected.deleted + collected.staleUploadsRemoved > 0) log.info(collected, 'unreferenced files collected');
    } catch (error) {
      log.error({ err: error }, 'file garbage collection failed');
    }
  };
  const fileCollector = setInterval(() => void collectFiles(), 10 * 60_000);
  fileCollector.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    clearInterval(timer);
    clearInterval(dispatcher);
    clearInterval(fileCollector);
    log.info({ signal }, 'stopping: no new connections, finishing requests in flight');
    try {
      await app.close();
      await database.close();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  process.stdout.write(`motcua đang chạy tại / is running at http://${shown}:${config.port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`motcua failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
