import path from 'node:path';
import type { AppConfig } from '../../config.js';
import type { FileStore } from './file-store.js';
import { LocalFileStore } from './local-file-store.js';
import { createS3Client, S3FileStore } from './s3-file-store.js';

/**
 * The installation's file store, as FILE_STORE says (docs/files.md): `local` → DATA_DIR/files;
 * `s3` → the S3_BUCKET bucket, with uploads spooled in DATA_DIR/files/tmp while they arrive
 * (the same place LocalFileStore keeps its uploads in progress).
 */
export function createConfiguredFileStore(config: Pick<AppConfig, 'dataDir' | 'fileStore'>): FileStore {
  const root = path.join(config.dataDir, 'files');
  if (config.fileStore.kind === 'local') return new LocalFileStore(root);
  const { s3 } = config.fileStore;
  return new S3FileStore({ client: createS3Client(s3), bucket: s3.bucket, prefix: s3.prefix, spoolDir: path.join(root, 'tmp') });
}
