import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import type { ReceivedFile } from '../files/receive-upload.js';
import { recordDossierEvent } from './dossier-events.js';

/** A dossier that left the center without a result takes no more files. */
const CLOSED = ['refused', 'withdrawn', 'stopped'];

/**
 * Files an official adds to a dossier while handling it: the result document (`result`: the
 * signed certificate or extract, scanned) or a working attachment of a step (`scan`: a
 * verification note, a document brought later). The bytes are already in the store (written
 * before this transaction); the rows, an `attach` event that puts them in the dossier's history
 * with the comment, and the audit row are written together.
 */
export async function attachDossierFiles(
  db: Db,
  ctx: AuditContext & { centerId: string; actorId: string; actorRole: string | null },
  dossierId: string,
  files: readonly ReceivedFile[],
  input: { kind: 'scan' | 'result'; comment: string | null },
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('dossiers').select(['status']).where('center_id', '=', ctx.centerId).where('id', '=', dossierId).forUpdate().executeTakeFirst();
    if (!d) throw new AppError('DOSSIER_NOT_FOUND');
    if (CLOSED.includes(d.status)) throw new AppError('DOSSIER_STATE_CONFLICT', { detail: 'Hồ sơ đã kết thúc (từ chối, rút hoặc dừng), không thể thêm tệp.' });
    const rows = await trx
      .insertInto('dossier_files')
      .values(files.map((f) => ({ center_id: ctx.centerId, dossier_id: dossierId, document_position: null, original_name: f.originalName, sha256: f.sha256, size: f.size, mime: f.mime, kind: input.kind, uploaded_by: ctx.actorId, uploaded_at: now })))
      .returning(['id', 'original_name'])
      .execute();
    await recordDossierEvent(trx, ctx, { dossierId, at: now, action: 'attach', from: d.status, to: d.status, comment: input.comment, data: { kind: input.kind, files: rows.map((r) => ({ id: r.id, name: r.original_name })) } });
    await recordAudit(trx, ctx, { action: 'dossier.attach', targetType: 'dossier', targetId: dossierId, after: { kind: input.kind, files: rows.map((r) => r.original_name) } });
  });
}
