import type { Db } from '../../db/database.js';
import { AppError, uniqueViolation } from '../../http/app-error.js';
import type { Center } from '../../../shared/schemas/centers.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { DEFAULT_WORKING_WEEK, presentCenter } from './centers.js';

/** Adds a center (a ward) to the installation: operator action, from the CLI. */
export async function createCenter(
  db: Db,
  ctx: AuditContext,
  input: { slug: string; name: string; agencyCode: string; address: string },
): Promise<Center> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug)) {
    throw new AppError('VALIDATION_FAILED', { detail: 'Mã trung tâm (slug) chỉ gồm chữ thường không dấu, số và dấu gạch ngang.' });
  }
  if (!/^[A-Z0-9]+(\.[A-Z0-9]+)*$/.test(input.agencyCode) || input.agencyCode.length > 35) {
    throw new AppError('VALIDATION_FAILED', { detail: 'Mã định danh cơ quan gồm chữ in hoa, số và dấu chấm, tối đa 35 ký tự.' });
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('centers')
        .values({
          slug: input.slug,
          name: input.name.trim(),
          address: input.address.trim(),
          agency_code: input.agencyCode,
          working_week: JSON.stringify(DEFAULT_WORKING_WEEK),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { ...ctx, centerId: row.id }, { action: 'center.create', targetType: 'center', targetId: row.id, after: presentCenter(row) });
      return presentCenter(row);
    });
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === 'centers_agency_code') throw new AppError('AGENCY_CODE_TAKEN', { cause: error });
    if (constraint !== undefined) throw new AppError('CENTER_SLUG_TAKEN', { cause: error });
    throw error;
  }
}
