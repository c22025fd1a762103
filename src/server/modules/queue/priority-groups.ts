import type { Db, Executor } from '../../db/database.js';
import { AppError, uniqueViolation } from '../../http/app-error.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import type { PriorityGroup, PriorityGroupBody, UpdatePriorityGroupBody } from '../../../shared/schemas/queue-settings.js';

/**
 * Priority groups are the center's rule (no legal text orders priority at one-stop counters;
 * the Law on the Elderly 2009 gives people aged 60+ priority "when using services" —
 * shared/domain REFERENCE §h). These defaults are what centers' internal rules commonly list.
 */
export const DEFAULT_PRIORITY_GROUPS = [
  { code: 'nguoi-cao-tuoi', name: 'Người cao tuổi (từ 60 tuổi)', nameEn: 'Elderly (60+)' },
  { code: 'nguoi-khuyet-tat', name: 'Người khuyết tật', nameEn: 'Person with a disability' },
  { code: 'phu-nu-mang-thai', name: 'Phụ nữ mang thai', nameEn: 'Pregnant woman' },
  { code: 'con-nho', name: 'Người đi cùng trẻ nhỏ dưới 6 tuổi', nameEn: 'With a child under 6' },
  { code: 'nguoi-co-cong', name: 'Người có công với cách mạng', nameEn: 'Person with merit to the revolution' },
] as const;

function present(r: { id: string; code: string; name: string; name_en: string | null; credit_minutes: number; sort_order: number; active: boolean }): PriorityGroup {
  return { id: r.id, code: r.code, name: r.name, nameEn: r.name_en, creditMinutes: r.credit_minutes, sortOrder: r.sort_order, active: r.active };
}

export async function listPriorityGroups(db: Executor, centerId: string): Promise<PriorityGroup[]> {
  const rows = await db.selectFrom('priority_groups').selectAll().where('center_id', '=', centerId).orderBy('sort_order').execute();
  return rows.map(present);
}

export async function createPriorityGroup(db: Db, ctx: AuditContext & { centerId: string }, input: PriorityGroupBody): Promise<PriorityGroup> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('priority_groups')
        .values({ center_id: ctx.centerId, code: input.code, name: input.name.trim(), name_en: input.nameEn ?? null, credit_minutes: input.creditMinutes ?? 20, sort_order: input.sortOrder ?? 0 })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'priority_group.create', targetType: 'priority_group', targetId: row.id, after: present(row) });
      return present(row);
    });
  } catch (error) {
    if (uniqueViolation(error) !== undefined) throw new AppError('VALIDATION_FAILED', { detail: 'Mã nhóm ưu tiên đã tồn tại.', cause: error });
    throw error;
  }
}

export async function updatePriorityGroup(db: Db, ctx: AuditContext & { centerId: string }, id: string, input: UpdatePriorityGroupBody): Promise<PriorityGroup> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('priority_groups').selectAll().where('center_id', '=', ctx.centerId).where('id', '=', id).executeTakeFirst();
    if (!before) throw new AppError('PRIORITY_GROUP_NOT_FOUND');
    const after = await trx
      .updateTable('priority_groups')
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
        ...(input.creditMinutes !== undefined ? { credit_minutes: input.creditMinutes } : {}),
        ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'priority_group.update', targetType: 'priority_group', targetId: id, before: present(before), after: present(after) });
    return present(after);
  });
}

export async function updateQueueSettings(db: Db, ctx: AuditContext & { centerId: string }, input: { waitAlertMinutes: number }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('centers').select('wait_alert_minutes').where('id', '=', ctx.centerId).executeTakeFirstOrThrow();
    await trx.updateTable('centers').set({ wait_alert_minutes: input.waitAlertMinutes }).where('id', '=', ctx.centerId).execute();
    await recordAudit(trx, ctx, { action: 'queue.settings', targetType: 'center', targetId: ctx.centerId, before: { waitAlertMinutes: before.wait_alert_minutes }, after: input });
  });
}
