import type { Db, Executor } from '../../db/database.js';
import type { CounterRow } from '../../db/schema.js';
import type { Counter, CreateCounterBody, UpdateCounterBody } from '../../../shared/schemas/centers.js';
import { AppError, uniqueViolation } from '../../http/app-error.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';

function present(c: CounterRow, fieldIds: string[]): Counter {
  return { id: c.id, number: c.number, name: c.name, active: c.active, fieldIds };
}

export async function listCounters(db: Executor, centerId: string): Promise<Counter[]> {
  const [counters, links] = await Promise.all([
    db.selectFrom('counters').selectAll().where('center_id', '=', centerId).orderBy('number').execute(),
    db.selectFrom('counter_fields').select(['field_id', 'counter_id']).where('center_id', '=', centerId).execute(),
  ]);
  return counters.map((c) =>
    present(
      c,
      links.filter((l) => l.counter_id === c.id).map((l) => l.field_id),
    ),
  );
}

/** Replaces the set of fields a counter serves; every field must belong to the same center. */
async function setCounterFields(trx: Executor, centerId: string, counterId: string, fieldIds: string[]): Promise<void> {
  if (fieldIds.length > 0) {
    const found = await trx
      .selectFrom('fields')
      .select('id')
      .where('center_id', '=', centerId)
      .where('id', 'in', fieldIds)
      .execute();
    if (found.length !== fieldIds.length) throw new AppError('FIELD_NOT_FOUND');
  }
  await trx.deleteFrom('counter_fields').where('counter_id', '=', counterId).execute();
  if (fieldIds.length > 0) {
    await trx
      .insertInto('counter_fields')
      .values(fieldIds.map((fieldId) => ({ center_id: centerId, counter_id: counterId, field_id: fieldId })))
      .execute();
  }
}

function conflict(error: unknown): never {
  if (uniqueViolation(error) !== undefined) throw new AppError('COUNTER_NUMBER_TAKEN', { cause: error });
  throw error;
}

export async function createCounter(db: Db, ctx: AuditContext & { centerId: string }, input: CreateCounterBody): Promise<Counter> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('counters')
        .values({ center_id: ctx.centerId, number: input.number, name: input.name?.trim() || `Quầy số ${input.number}` })
        .returningAll()
        .executeTakeFirstOrThrow();
      await setCounterFields(trx, ctx.centerId, row.id, input.fieldIds);
      const counter = present(row, input.fieldIds);
      await recordAudit(trx, ctx, { action: 'counter.create', targetType: 'counter', targetId: row.id, after: counter });
      return counter;
    });
  } catch (error) {
    return conflict(error);
  }
}

export async function updateCounter(
  db: Db,
  ctx: AuditContext & { centerId: string },
  id: string,
  input: UpdateCounterBody,
): Promise<Counter> {
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('counters')
        .selectAll()
        .where('center_id', '=', ctx.centerId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw new AppError('COUNTER_NOT_FOUND');
      const beforeFields = (
        await trx.selectFrom('counter_fields').select('field_id').where('counter_id', '=', id).execute()
      ).map((r) => r.field_id);
      const after = await trx
        .updateTable('counters')
        .set({
          ...(input.number !== undefined ? { number: input.number } : {}),
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (input.fieldIds) await setCounterFields(trx, ctx.centerId, id, input.fieldIds);
      const result = present(after, input.fieldIds ?? beforeFields);
      await recordAudit(trx, ctx, {
        action: 'counter.update',
        targetType: 'counter',
        targetId: id,
        before: present(before, beforeFields),
        after: result,
      });
      return result;
    });
  } catch (error) {
    return conflict(error);
  }
}
