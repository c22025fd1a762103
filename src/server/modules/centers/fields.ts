import type { Db, Executor } from '../../db/database.js';
import type { FieldRow } from '../../db/schema.js';
import type { CreateFieldBody, Field, UpdateFieldBody } from '../../../shared/schemas/centers.js';
import { AppError, uniqueViolation } from '../../http/app-error.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';

function present(f: FieldRow, counterIds: string[]): Field {
  return {
    id: f.id,
    name: f.name,
    nameEn: f.name_en,
    ticketPrefix: f.ticket_prefix,
    sortOrder: f.sort_order,
    active: f.active,
    nationalFields: f.national_fields,
    counterIds,
  };
}

function conflict(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint !== undefined) {
    throw new AppError(constraint.includes('name') ? 'FIELD_NAME_TAKEN' : 'FIELD_PREFIX_TAKEN', { cause: error });
  }
  throw error;
}

export async function listFields(db: Executor, centerId: string): Promise<Field[]> {
  const [fields, links] = await Promise.all([
    db.selectFrom('fields').selectAll().where('center_id', '=', centerId).orderBy('sort_order').orderBy('name').execute(),
    db.selectFrom('counter_fields').select(['field_id', 'counter_id']).where('center_id', '=', centerId).execute(),
  ]);
  return fields.map((f) =>
    present(
      f,
      links.filter((l) => l.field_id === f.id).map((l) => l.counter_id),
    ),
  );
}

export async function createField(db: Db, ctx: AuditContext & { centerId: string }, input: CreateFieldBody): Promise<Field> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('fields')
        .values({
          center_id: ctx.centerId,
          name: input.name.trim(),
          name_en: input.nameEn?.trim() ?? null,
          ticket_prefix: input.ticketPrefix,
          sort_order: input.sortOrder ?? 0,
          national_fields: input.nationalFields ?? [],
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'field.create', targetType: 'field', targetId: row.id, after: present(row, []) });
      return present(row, []);
    });
  } catch (error) {
    return conflict(error);
  }
}

export async function updateField(
  db: Db,
  ctx: AuditContext & { centerId: string },
  id: string,
  input: UpdateFieldBody,
): Promise<Field> {
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('fields')
        .selectAll()
        .where('center_id', '=', ctx.centerId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw new AppError('FIELD_NOT_FOUND');
      const after = await trx
        .updateTable('fields')
        .set({
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.nameEn !== undefined ? { name_en: input.nameEn?.trim() ?? null } : {}),
          ...(input.ticketPrefix !== undefined ? { ticket_prefix: input.ticketPrefix } : {}),
          ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(input.nationalFields !== undefined ? { national_fields: input.nationalFields } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const counters = await trx.selectFrom('counter_fields').select('counter_id').where('field_id', '=', id).execute();
      const ids = counters.map((c) => c.counter_id);
      await recordAudit(trx, ctx, {
        action: 'field.update',
        targetType: 'field',
        targetId: id,
        before: present(before, ids),
        after: present(after, ids),
      });
      return present(after, ids);
    });
  } catch (error) {
    return conflict(error);
  }
}
