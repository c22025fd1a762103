import type { Executor } from '../../db/database.js';
import { predictWaits, serviceStatsFrom, type QueueSnapshot, type ServiceStats } from './eta.js';
import { compareForService } from './ordering.js';
import { loadCenterQueue, loadServiceHistory, type CenterQueue } from './snapshot.js';

export interface WaitEstimate {
  peopleAhead: number;
  /** null when no open counter can serve the ticket now (unknown, not zero). */
  seconds: number | null;
}

/** The predictor's view of a center queue: waiting tickets and what each counter is doing. */
export function toSnapshot(queue: CenterQueue, now: Date): QueueSnapshot {
  const byId = new Map(queue.tickets.map((t) => [t.id, t]));
  return {
    now,
    waiting: queue.tickets.filter((t) => t.status === 'waiting'),
    counters: queue.counters.map((c) => {
      const current = c.currentTicketId ? byId.get(c.currentTicketId) : undefined;
      const startedAt = current?.servingStartedAt ?? current?.calledAt;
      return {
        id: c.id,
        fieldIds: c.fieldIds,
        state: c.state,
        serving: current && startedAt ? { fieldId: current.fieldId, startedAt } : null,
      };
    }),
  };
}

/** Priority tickets per second per field over the last hour: they will go ahead of recent normal tickets. */
function recentPriorityArrivals(queue: CenterQueue, now: Date): Record<string, number> {
  const since = now.getTime() - 3_600_000;
  const rates: Record<string, number> = {};
  for (const t of queue.tickets) {
    if (t.priorityCreditMinutes > 0 && t.issuedAt.getTime() >= since) rates[t.fieldId] = (rates[t.fieldId] ?? 0) + 1 / 3600;
  }
  return rates;
}

/** Service-time statistics change slowly: recomputed from history at most once a minute per center. */
const STATS_TTL_MS = 60_000;
const statsCache = new Map<string, { at: number; stats: ServiceStats }>();

async function serviceStats(db: Executor, centerId: string, now: Date): Promise<ServiceStats> {
  const cached = statsCache.get(centerId);
  if (cached && now.getTime() - cached.at < STATS_TTL_MS && now.getTime() >= cached.at) return cached.stats;
  const stats = serviceStatsFrom(await loadServiceHistory(db, centerId, now), { now });
  statsCache.set(centerId, { at: now.getTime(), stats });
  return stats;
}

/**
 * Predicted wait and people ahead of every waiting ticket of a center, from its own history
 * (eta.ts: a forward simulation of the counters with the ordering rule).
 */
export async function estimateWaits(db: Executor, centerId: string, now = new Date(), loaded?: CenterQueue): Promise<Map<string, WaitEstimate>> {
  const [queue, stats] = await Promise.all([loaded ?? loadCenterQueue(db, centerId, now), serviceStats(db, centerId, now)]);
  const snapshot = { ...toSnapshot(queue, now), priorityArrivalRatePerSecond: recentPriorityArrivals(queue, now) };
  const predictions = predictWaits(snapshot, stats);
  const waiting = queue.tickets.filter((t) => t.status === 'waiting');
  const result = new Map<string, WaitEstimate>();
  for (const t of waiting) {
    const ahead = waiting.filter((o) => o.id !== t.id && o.fieldId === t.fieldId && compareForService(o, t) < 0).length;
    const p = predictions.get(t.id);
    result.set(t.id, { peopleAhead: ahead, seconds: p === undefined ? null : Math.max(0, Math.round(p)) });
  }
  return result;
}

/** A center's queue as last loaded, shared by requests within a second (single flight). */
const QUEUE_TTL_MS = 1000;
const queueCache = new Map<string, { at: number; queue: Promise<CenterQueue> }>();

function cachedQueue(db: Executor, centerId: string, now: Date): Promise<CenterQueue> {
  const hit = queueCache.get(centerId);
  if (hit && Math.abs(now.getTime() - hit.at) < QUEUE_TTL_MS) return hit.queue;
  const queue = loadCenterQueue(db, centerId, now);
  queueCache.set(centerId, { at: now.getTime(), queue });
  queue.catch(() => queueCache.delete(centerId));
  return queue;
}

/**
 * The estimate printed on a new ticket, computed before it is inserted: the center's queue
 * (at most a second old, shared by concurrent kiosks) plus this ticket, at the end of its
 * issue time. Being up to a second stale changes a printed "khoảng N phút" by nothing visible,
 * and it keeps issuance from reloading the whole queue for every ticket.
 */
export async function estimateNewTicket(
  db: Executor,
  centerId: string,
  ticket: { fieldId: string; issuedAt: Date; priorityCreditMinutes: number },
): Promise<WaitEstimate> {
  const now = ticket.issuedAt;
  const [queue, stats] = await Promise.all([cachedQueue(db, centerId, now), serviceStats(db, centerId, now)]);
  const probe = { id: '__new__', fieldId: ticket.fieldId, number: Number.MAX_SAFE_INTEGER, issuedAt: ticket.issuedAt, priorityCreditMinutes: ticket.priorityCreditMinutes, targetCounterId: null };
  const snapshot = toSnapshot(queue, now);
  const waiting = [...snapshot.waiting, probe];
  const predictions = predictWaits({ ...snapshot, waiting, priorityArrivalRatePerSecond: recentPriorityArrivals(queue, now) }, stats);
  const ahead = waiting.filter((o) => o !== probe && o.fieldId === probe.fieldId && compareForService(o, probe) < 0).length;
  const p = predictions.get(probe.id);
  return { peopleAhead: ahead, seconds: p === undefined ? null : Math.max(0, Math.round(p)) };
}
