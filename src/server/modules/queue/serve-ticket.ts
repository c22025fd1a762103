import type { Db, Executor } from '../../db/database.js';
import type { TicketOutcome, TicketStatus } from '../../db/schema.js';
import { AppError } from '../../http/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import { lockMyCounter, type StaffContext } from './counter-session.js';
import { emitQueueEvent } from './events.js';
import { serviceDayOf } from './snapshot.js';

type Change = { status: TicketStatus; set: Record<string, unknown>; event: string; action: string };

/** Applies a guarded change to the counter's current ticket and frees the counter if it ends there. */
async function changeCurrent(db: Db, ctx: StaffContext, counterId: string, from: TicketStatus[], change: Change, freeCounter: boolean): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { counter, state } = await lockMyCounter(trx, ctx, counterId, true);
    if (!state.current_ticket_id) throw new AppError('NO_CURRENT_TICKET');
    const row = await trx
      .updateTable('tickets')
      .set({ status: change.status, ...change.set })
      .where('id', '=', state.current_ticket_id)
      .where('status', 'in', from)
      .returning(['id', 'display_number', 'field_id'])
      .executeTakeFirst();
    if (!row) throw new AppError('TICKET_STATE_CONFLICT');
    if (freeCounter) await trx.updateTable('counter_states').set({ current_ticket_id: null }).where('counter_id', '=', counterId).execute();
    await emitQueueEvent(trx, { centerId: ctx.centerId, type: change.event, ticketId: row.id, counterId, staffId: ctx.actorId, fieldId: row.field_id, ticket: row.display_number, counter: counter.number, data: change.set });
    await recordAudit(trx, ctx, { action: change.action, targetType: 'ticket', targetId: row.id, after: { status: change.status, ...change.set } });
    return row.id;
  });
}

/** The citizen came to the counter: service starts (the wait ends here for statistics). */
export function startService(db: Db, ctx: StaffContext, counterId: string): Promise<string> {
  return changeCurrent(db, ctx, counterId, ['called'], { status: 'serving', set: { serving_started_at: new Date() }, event: 'ticket.serving', action: 'ticket.start' }, false);
}

/** Nobody came after the calls: the ticket leaves the queue (it can be re-queued if the person returns). */
export function markNoShow(db: Db, ctx: StaffContext, counterId: string): Promise<string> {
  return changeCurrent(db, ctx, counterId, ['called'], { status: 'no_show', set: { finished_at: new Date() }, event: 'ticket.no_show', action: 'ticket.no_show' }, true);
}

/** Ends the service with its outcome; the rating tablet of the counter then asks for a rating. */
export function finishTicket(db: Db, ctx: StaffContext, counterId: string, outcome: TicketOutcome): Promise<string> {
  return changeCurrent(db, ctx, counterId, ['called', 'serving'], { status: 'done', set: { finished_at: new Date(), outcome }, event: 'ticket.finished', action: 'ticket.finish' }, true);
}

/**
 * Sends the current ticket to another field or to one counter. It goes back to waiting with its
 * original issue time, so the person does not start again at the end of the queue.
 */
export async function transferTicket(db: Db, ctx: StaffContext, counterId: string, to: { fieldId?: string; counterId?: string }): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { counter, state } = await lockMyCounter(trx, ctx, counterId, true);
    if (!state.current_ticket_id) throw new AppError('NO_CURRENT_TICKET');
    await checkTarget(trx, ctx.centerId, to);
    const row = await trx
      .updateTable('tickets')
      .set({
        status: 'waiting',
        counter_id: null,
        called_at: null,
        serving_started_at: null,
        ...(to.fieldId ? { field_id: to.fieldId, target_counter_id: null } : { target_counter_id: to.counterId ?? null }),
      })
      .where('id', '=', state.current_ticket_id)
      .where('status', 'in', ['called', 'serving'])
      .returning(['id', 'display_number', 'field_id'])
      .executeTakeFirst();
    if (!row) throw new AppError('TICKET_STATE_CONFLICT');
    await trx.updateTable('counter_states').set({ current_ticket_id: null }).where('counter_id', '=', counterId).execute();
    await emitQueueEvent(trx, { centerId: ctx.centerId, type: 'ticket.transferred', ticketId: row.id, counterId, staffId: ctx.actorId, fieldId: row.field_id, ticket: row.display_number, counter: counter.number, data: to });
    await recordAudit(trx, ctx, { action: 'ticket.transfer', targetType: 'ticket', targetId: row.id, after: to });
    return row.id;
  });
}

async function checkTarget(trx: Executor, centerId: string, to: { fieldId?: string; counterId?: string }): Promise<void> {
  if (to.fieldId) {
    const f = await trx.selectFrom('fields').select('id').where('center_id', '=', centerId).where('id', '=', to.fieldId).executeTakeFirst();
    if (!f) throw new AppError('FIELD_NOT_FOUND');
  }
  if (to.counterId) {
    const c = await trx.selectFrom('counters').select('id').where('center_id', '=', centerId).where('id', '=', to.counterId).executeTakeFirst();
    if (!c) throw new AppError('COUNTER_NOT_FOUND');
  }
}

/** A no-show who comes back is put back in the queue with the original issue time. */
export async function requeueTicket(db: Db, ctx: StaffContext, ticketId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('tickets')
      .set({ status: 'waiting', counter_id: null, called_at: null, finished_at: null })
      .where('center_id', '=', ctx.centerId)
      .where('id', '=', ticketId)
      .where('status', '=', 'no_show')
      .where('service_day', '=', serviceDayOf(new Date()))
      .returning(['id', 'display_number', 'field_id', 'service_day'])
      .executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom('tickets').select('id').where('center_id', '=', ctx.centerId).where('id', '=', ticketId).executeTakeFirst();
      throw new AppError(exists ? 'TICKET_STATE_CONFLICT' : 'TICKET_NOT_FOUND');
    }
    await emitQueueEvent(trx, { centerId: ctx.centerId, type: 'ticket.requeued', ticketId: row.id, staffId: ctx.actorId, fieldId: row.field_id, ticket: row.display_number });
    await recordAudit(trx, ctx, { action: 'ticket.requeue', targetType: 'ticket', targetId: row.id });
  });
}
