import type { Db, Executor } from '../../db/database.js';
import type { CenterRow, WorkingWeek } from '../../db/schema.js';
import type { Center, UpdateCenterBody } from '../../../shared/schemas/centers.js';
import { AppError, uniqueViolation } from '../../http/app-error.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';

/** Mon–Fri 07:30–11:30 and 13:30–17:00, the usual office hours of a ward center. */
export const DEFAULT_WORKING_WEEK: WorkingWeek = {
  '1': [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }],
  '2': [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }],
  '3': [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }],
  '4': [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }],
  '5': [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }],
  '6': [],
  '7': [],
};

export function presentCenter(c: CenterRow): Center {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    address: c.address,
    phone: c.phone,
    email: c.email,
    agencyCode: c.agency_code,
    workingWeek: c.working_week,
    lateCutoff: c.late_cutoff,
    bankAccount: c.bank_bin && c.bank_account && c.bank_account_name ? { bin: c.bank_bin, account: c.bank_account, name: c.bank_account_name } : null,
    notifyEmail: c.notify_email,
  };
}

export async function getCenter(db: Executor, centerId: string): Promise<Center> {
  const row = await db.selectFrom('centers').selectAll().where('id', '=', centerId).executeTakeFirst();
  if (!row) throw new AppError('CENTER_NOT_FOUND');
  return presentCenter(row);
}

/** Sessions start before they end, are ordered and do not overlap. */
export function validateWorkingWeek(week: WorkingWeek): void {
  for (const sessions of Object.values(week)) {
    let previousEnd = '';
    for (const s of sessions) {
      if (s.start >= s.end || s.start < previousEnd) throw new AppError('WORKING_HOURS_INVALID');
      previousEnd = s.end;
    }
  }
}

export async function updateCenter(db: Db, ctx: AuditContext & { centerId: string }, input: UpdateCenterBody): Promise<Center> {
  if (input.workingWeek) validateWorkingWeek(input.workingWeek);
  try {
    return await updateCenterRow(db, ctx, input);
  } catch (error) {
    if (uniqueViolation(error) === 'centers_agency_code') throw new AppError('AGENCY_CODE_TAKEN', { cause: error });
    throw error;
  }
}

async function updateCenterRow(db: Db, ctx: AuditContext & { centerId: string }, input: UpdateCenterBody): Promise<Center> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('centers').selectAll().where('id', '=', ctx.centerId).forUpdate().executeTakeFirst();
    if (!before) throw new AppError('CENTER_NOT_FOUND');
    const after = await trx
      .updateTable('centers')
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.address !== undefined ? { address: input.address.trim() } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.agencyCode !== undefined ? { agency_code: input.agencyCode } : {}),
        ...(input.workingWeek !== undefined ? { working_week: JSON.stringify(input.workingWeek) } : {}),
        ...(input.lateCutoff !== undefined ? { late_cutoff: input.lateCutoff } : {}),
        ...(input.bankAccount !== undefined
          ? { bank_bin: input.bankAccount?.bin ?? null, bank_account: input.bankAccount?.account ?? null, bank_account_name: input.bankAccount ? input.bankAccount.name.trim().normalize('NFC') : null }
          : {}),
        ...(input.notifyEmail !== undefined ? { notify_email: input.notifyEmail } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', ctx.centerId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'center.update',
      targetType: 'center',
      targetId: ctx.centerId,
      before: presentCenter(before),
      after: presentCenter(after),
    });
    return presentCenter(after);
  });
}

export async function listPublicCenters(db: Executor): Promise<Array<{ slug: string; name: string; address: string }>> {
  return db.selectFrom('centers').select(['slug', 'name', 'address']).orderBy('name').execute();
}
