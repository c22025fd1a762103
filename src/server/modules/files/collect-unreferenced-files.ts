import type { FileStore } from './file-store.js';

/** Files younger than this are never collected: their row may still be on its way to commit. */
export const DEFAULT_GC_GRACE_MS = 24 * 60 * 60 * 1000;

export interface CollectUnreferencedFilesOptions {
  store: FileStore;
  /**
   * Every sha256 a database row references, read just before this call (e.g.
   * `SELECT sha256 FROM dossier_files` in the job that runs the collection).
   */
  referenced: ReadonlySet<string>;
  /** Minimum age of a file (since it was stored or stored again) before it may go. */
  graceMs?: number;
  now?: Date;
}

export interface CollectUnreferencedFilesResult {
  /** Hashes of the removed files. */
  deleted: string[];
  /** Files left in place (referenced, or too young). */
  kept: number;
  /** Temp files of uploads that a crash interrupted, removed. */
  staleUploadsRemoved: number;
}

/**
 * The garbage collector of the file store; the only caller of `FileStore.delete`. Run it from
 * a scheduled job. A file goes when no row references it and it is older than the grace
 * period; the age is checked again at the moment of deletion, because `put` of the same bytes
 * refreshes it (a new row may be about to reference a file that was an orphan until now).
 * Leftover temp files of crashed uploads older than the grace period go too.
 */
export async function collectUnreferencedFiles(options: CollectUnreferencedFilesOptions): Promise<CollectUnreferencedFilesResult> {
  const { store, referenced } = options;
  const graceMs = options.graceMs ?? DEFAULT_GC_GRACE_MS;
  const cutoff = new Date((options.now ?? new Date()).getTime() - graceMs);
  const deleted: string[] = [];
  let kept = 0;
  for await (const file of store.list()) {
    if (referenced.has(file.sha256) || file.modifiedAt > cutoff) {
      kept += 1;
      continue;
    }
    if (await store.delete(file.sha256, { unmodifiedSince: cutoff })) deleted.push(file.sha256);
    else kept += 1;
  }
  const staleUploadsRemoved = await store.removeStaleUploads(cutoff);
  return { deleted, kept, staleUploadsRemoved };
}
