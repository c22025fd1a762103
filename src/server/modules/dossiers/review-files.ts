import type { Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { StoredFileRef } from '../files/send-stored-file.js';

/** A file of a dossier of the staff member's center (another center's id answers 404). */
export async function findDossierFile(db: Executor, centerId: string, dossierId: string, fileId: string): Promise<StoredFileRef> {
  const f = await db
    .selectFrom('dossier_files')
    .select(['sha256', 'mime', 'original_name'])
    .where('center_id', '=', centerId)
    .where('dossier_id', '=', dossierId)
    .where('id', '=', fileId)
    .executeTakeFirst();
  if (!f) throw new AppError('FILE_NOT_FOUND');
  return { sha256: f.sha256, mime: f.mime, originalName: f.original_name };
}
