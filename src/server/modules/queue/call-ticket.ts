import type { Db, Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import { lockMyCounter, type StaffContext } from './counter-session.js';
import { emitQueueEvent } from './events.js';
import { compareForService, nextTicketFor, type NextReason } from './ordering.js';
import { enqueueMessage } from '../messages/outbox.js';
import { loadCenterQueue, type CenterQueue } from './snapshot.js';

export interface CallOutcome {
  ticketId: string | null;
  reason: NextReason | null;
  overtakes: number;
}

export function explainNext(reason: NextReason, overtakes: number, group: string | null): string {
  if (reason === 'transferred') return 'Số được chuyển đến quầy này.';
  if (reason === 'priority') return `Ưu tiên: ${group ?? 'nhóm ưu tiên'} — được phục vụ trước ${overtakes} số lấy trước (trong giới hạn ưu tiên).`;
  return 'Đến lượt theo thứ tự lấy số.';
}

/** Marks a waiting ticket called at the counter; zero rows updated means another counter was faster. */
async function markCalled(trx: Executor, ctx: StaffContext, counter: { id: string; number: number }, ticketId: string, queue?: CenterQueue): Promise<boolean> {
  const row = await trx
    .updateTable('tickets')
    .set((eb) => ({ status: 'called', called_at: new Date(), counter_id: counter.id, staff_id: ctx.actorId, call_count: eb('call_count', '+', 1) }))
    .where('center_id', '=', ctx.centerId)
    .where('id', '=', ticketId)
    .where('status', '=', 'waiting')
    .returning(['id', 'display_number', 'field_id'])
    .executeTakeFirst();
  if (!row) return false;
  await trx.updateTable('counter_states').set({ current_ticket_id: row.id }).where('counter_id', '=', counter.id).execute();
  await emitQueueEvent(trx, {
    centerId: ctx.centerId,
    type: 'ticket.called',
    ticketId: row.id,
    counterId: counter.id,
    staffId: ctx.actorId,
    fieldId: row.field_id,
    ticket: row.display_number,
    counter: counter.number,
  });
  await recordAudit(trx, ctx, { action: 'ticket.call', targetType: 'ticket', targetId: row.id, after: { number: row.display_number, counter: counter.number } });
  await notifyNearTurn(trx, ctx.centerId, row.field_id, row.id, queue);
  return true;
}

/** People with this many or fewer tickets before them get the "your turn is near" message. */
export const NEAR_TURN_AHEAD = 2;

/**
 * After a call, citizens who left a phone number at the kiosk and now have at most
 * NEAR_TURN_AHEAD people before them are messaged once (dedupe key per ticket), through the
 * center's channel; the message leaves only if the call commits.
 */
async function notifyNearTurn(trx: Executor, centerId: string, fieldId: string, calledId: string, loaded?: CenterQueue): Promise<void> {
  const queue = loaded ?? (await loadCenterQueue(trx, centerId));
  // (a queue loaded before the call still lists the called ticket as waiting)
  const waiting = queue.tickets.filter((t) => t.status === 'waiting' && t.fieldId === fieldId && t.id !== calledId).sort(compareForService);
  const near = waiting.slice(0, NEAR_TURN_AHEAD + 1);
  if (near.length === 0) return;
  const phones = await trx.selectFrom('tickets').select(['id', 'phone']).where('id', 'in', near.map((t) => t.id)).where('phone', 'is not', null).execute();
  if (phones.length === 0) return;
  const center = await trx.selectFrom('centers').select(['name', 'message_channel']).where('id', '=', centerId).executeTakeFirstOrThrow();
  for (const p of phones) {
    const index = near.findIndex((t) => t.id === p.id);
    const ticket = near[index];
    if (!ticket || !p.phone) continue;
    await enqueueMessage(trx, {
      centerId,
      channel: center.message_channel,
      recipient: p.phone,
      body: `Số ${ticket.displayNumber} của bạn sắp được gọi (${index === 0 ? 'bạn là người tiếp theo' : `còn ${index} người trước`}). Vui lòng có mặt gần khu vực quầy. ${center.name}`,
      dedupeKey: `near-turn:${ticket.id}`,
    });
  }
}

/**
 * Calls the next ticket for a counter by the ordering rule (ordering.ts). The counter row lock
 * serialises calls of one counter; the conditional update on the ticket makes two counters
 * unable to call the same ticket — the slower one moves on to the following candidate.
 */
export async function callNextTicket(db: Db, ctx: StaffContext, counterId: string): Promise<CallOutcome> {
  return db.transaction().execute(async (trx) => {
    const { counter, state } = await lockMyCounter(trx, ctx, counterId);
    if (state.current_ticket_id) throw new AppError('COUNTER_BUSY');
    const queue = await loadCenterQueue(trx, ctx.centerId);
    const fieldIds = queue.counters.find((c) => c.id === counterId)?.fieldIds ?? [];
    let waiting = queue.tickets.filter((t) => t.status === 'waiting');
    for (let attempt = 0; attempt < 5; attempt++) {
      const next = nextTicketFor({ id: counterId, fieldIds }, waiting);
      if (!next) return { ticketId: null, reason: null, overtakes: 0 };
      if (await markCalled(trx, ctx, counter, next.ticket.id, queue)) {
        return { ticketId: next.ticket.id, reason: next.reason, overtakes: next.overtakes };
      }
      waiting = waiting.filter((t) => t.id !== next.ticket.id);
    }
    throw new AppError('TICKET_STATE_CONFLICT');
  });
}

/** Calls one specific waiting ticket (the officer chose it in the list). */
export async function callTicket(db: Db, ctx: StaffContext, counterId: string, ticketId: string): Promise<CallOutcome> {
  return db.transaction().execute(async (trx) => {
    const { counter, state } = await lockMyCounter(trx, ctx, counterId);
    if (state.current_ticket_id) throw new AppError('COUNTER_BUSY');
    const exists = await trx.selectFrom('tickets').select('status').where('center_id', '=', ctx.centerId).where('id', '=', ticketId).executeTakeFirst();
    if (!exists) throw new AppError('TICKET_NOT_FOUND');
    if (!(await markCalled(trx, ctx, counter, ticketId))) throw new AppError('TICKET_STATE_CONFLICT');
    return { ticketId, reason: 'order', overtakes: 0 };
  });
}

/** Announces the current ticket again (the board repeats the call). */
export async function recallTicket(db: Db, ctx: StaffContext, counterId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { counter, state } = await lockMyCounter(trx, ctx, counterId);
    if (!state.current_ticket_id) throw new AppError('NO_CURRENT_TICKET');
    const row = await trx
      .updateTable('tickets')
      .set((eb) => ({ call_count: eb('call_count', '+', 1) }))
      .where('id', '=', state.current_ticket_id)
      .where('status', '=', 'called')
      .returning(['id', 'display_number', 'field_id'])
      .executeTakeFirst();
    if (!row) throw new AppError('TICKET_STATE_CONFLICT', { detail: 'Chỉ gọi lại được số đang được mời, chưa bắt đầu phục vụ.' });
    await emitQueueEvent(trx, { centerId: ctx.centerId, type: 'ticket.recalled', ticketId: row.id, counterId, staffId: ctx.actorId, fieldId: row.field_id, ticket: row.display_number, counter: counter.number });
    await recordAudit(trx, ctx, { action: 'ticket.recall', targetType: 'ticket', targetId: row.id });
  });
}
