import type { Db, Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { emitQueueEvent } from './events.js';

export type StaffContext = AuditContext & { centerId: string; actorId: string };

/** The counter, checked to belong to the caller's center, locked for the rest of the transaction. */
export async function lockCounter(trx: Executor, centerId: string, counterId: string) {
  const counter = await trx
    .selectFrom('counters')
    .select(['id', 'number', 'name', 'active'])
    .where('center_id', '=', centerId)
    .where('id', '=', counterId)
    .forUpdate()
    .executeTakeFirst();
  if (!counter || !counter.active) throw new AppError('COUNTER_NOT_FOUND');
  const state = await trx.selectFrom('counter_states').selectAll().where('counter_id', '=', counterId).forUpdate().executeTakeFirst();
  return { counter, state };
}

/** The counter must be open (or paused) by the caller. */
export async function lockMyCounter(trx: Executor, ctx: StaffContext, counterId: string, allowPaused = false) {
  const { counter, state } = await lockCounter(trx, ctx.centerId, counterId);
  if (!state || state.status === 'closed' || (state.status === 'paused' && !allowPaused)) throw new AppError('COUNTER_NOT_OPEN');
  if (state.staff_id !== ctx.actorId) throw new AppError('COUNTER_TAKEN');
  return { counter, state };
}

/** Opens a counter for the calling officer (one officer per counter at a time). */
export async function openCounter(db: Db, ctx: StaffContext, counterId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { counter, state } = await lockCounter(trx, ctx.centerId, counterId);
    if (state && state.status !== 'closed' && state.staff_id !== ctx.actorId) throw new AppError('COUNTER_TAKEN');
    // An officer works at one counter: close any other counter they left open.
    await trx.updateTable('counter_states').set({ status: 'closed', staff_id: null, since: new Date() }).where('staff_id', '=', ctx.actorId).where('counter_id', '!=', counterId).where('current_ticket_id', 'is', null).execute();
    await trx
      .insertInto('counter_states')
      .values({ counter_id: counterId, center_id: ctx.centerId, status: 'open', staff_id: ctx.actorId, since: new Date() })
      .onConflict((oc) => oc.column('counter_id').doUpdateSet({ status: 'open', staff_id: ctx.actorId, pause_reason: null, since: new Date() }))
      .execute();
    await emitQueueEvent(trx, { centerId: ctx.centerId, type: 'counter.opened', counterId, staffId: ctx.actorId, counter: counter.number });
    await recordAudit(trx, ctx, { action: 'counter.open', targetType: 'counter', targetId: counterId });
  });
}

export async function closeCounter(db: Db, ctx: StaffContext, counterId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { counter, state } = await lockMyCounter(trx, ctx, counterId, true);
    if (state.current_ticket_id) throw new AppError('COUNTER_BUSY');
    await trx.updateTable('counter_states').set({ status: 'closed', staff_id: null, pause_reason: null, since: new Date() }).where('counter_id', '=', counterId).execute();
    await emitQueueEvent(trx, { centerId: ctx.centerId, type: 'counter.closed', counterId, staffId: ctx.actorId, counter: counter.number });
    await recordAudit(trx, ctx, { action: 'counter.close', targetType: 'counter', targetId: counterId });
  });
}

export async function pauseCounter(db: Db, ctx: StaffContext, counterId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { counter, state } = await lockMyCounter(trx, ctx, counterId);
    if (state.current_ticket_id) throw new AppError('COUNTER_BUSY');
    await trx.updateTable('counter_states').set({ status: 'paused', pause_reason: reason.trim(), since: new Date() }).where('counter_id', '=', counterId).execute();
    await emitQueueEvent(trx, { centerId: ctx.centerId, type: 'counter.paused', counterId, staffId: ctx.actorId, counter: counter.number, data: { reason } });
    await recordAudit(trx, ctx, { action: 'counter.pause', targetType: 'counter', targetId: counterId, after: { reason } });
  });
}

export async function resumeCounter(db: Db, ctx: StaffContext, counterId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { counter, state } = await lockMyCounter(trx, ctx, counterId, true);
    if (state.status !== 'paused') return;
    await trx.updateTable('counter_states').set({ status: 'open', pause_reason: null, since: new Date() }).where('counter_id', '=', counterId).execute();
    await emitQueueEvent(trx, { centerId: ctx.centerId, type: 'counter.resumed', counterId, staffId: ctx.actorId, counter: counter.number });
    await recordAudit(trx, ctx, { action: 'counter.resume', targetType: 'counter', targetId: counterId });
  });
}
