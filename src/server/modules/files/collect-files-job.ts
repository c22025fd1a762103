import path from 'node:path';
import type { Executor } from '../../db/database.js';
import { collectUnreferencedFiles, DEFAULT_GC_GRACE_MS } from './collect-unreferenced-files.js';
import type { FileStore } from './file-store.js';
import { LocalFileStore } from './local-file-store.js';

/** The installation's file store: DATA_DIR/files (docs/files.md). */
export function createFileStore(dataDir: string): LocalFileStore {
  return new LocalFileStore(path.join(dataDir, 'files'));
}

/**
 * The scheduled garbage collection of the file store (main.ts, once per hour slot across
 * processes): reads every sha256 a row references (`dossier_files`) right before collecting,
 * then removes files that nothing references and that are older than the grace period (24 h:
 * an upload in flight — file stored, row not yet committed — is never that old).
 */
export async function collectStoredFiles(db: Executor, store: FileStore, options: { graceMs?: number; now?: Date } = {}): Promise<{ deleted: number; kept: number; staleUploadsRemoved: number }> {
  const rows = await db.selectFrom('dossier_files').select('sha256').distinct().execute();
  const result = await collectUnreferencedFiles({ store, referenced: new Set(rows.map((r) => r.sha256)), graceMs: options.graceMs ?? DEFAULT_GC_GRACE_MS, ...(options.now ? { now: options.now } : {}) });
  return { deleted: result.deleted.length, kept: result.kept, staleUploadsRemoved: result.staleUploadsRemoved };
}
