import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { loadCenterQueue, serviceDayOf } from './snapshot.js';

/**
 * The leader's view: live queue per field (waiting, longest wait, average wait today), counter
 * status, alerts when a field's longest wait passes the center's threshold, and today's figures
 * (served, average wait and service time, satisfaction share).
 */
export async function getQueueOverview(db: Executor, centerId: string, now = new Date()) {
  const day = serviceDayOf(now);
  const [center, queue, fields, perField, ratings] = await Promise.all([
    db.selectFrom('centers').select(['wait_alert_minutes']).where('id', '=', centerId).executeTakeFirstOrThrow(),
    loadCenterQueue(db, centerId, now),
    db.selectFrom('fields').select(['id', 'name', 'ticket_prefix']).where('center_id', '=', centerId).where('active', '=', true).orderBy('sort_order').execute(),
    db
      .selectFrom('tickets')
      .select([
        'field_id',
        sql<number>`count(*) FILTER (WHERE status = 'done')`.as('served'),
        sql<number | null>`avg(extract(epoch from (called_at - issued_at))) FILTER (WHERE called_at IS NOT NULL)`.as('avg_wait_s'),
        sql<number | null>`avg(extract(epoch from (finished_at - coalesce(serving_started_at, called_at)))) FILTER (WHERE status = 'done')`.as('avg_service_s'),
        sql<number>`count(*)`.as('issued'),
      ])
      .where('center_id', '=', centerId)
      .where('service_day', '=', day)
      .groupBy('field_id')
      .execute(),
    db
      .selectFrom('ratings as r')
      .innerJoin('tickets as t', 't.id', 'r.ticket_id')
      .select(['r.level', (eb) => eb.fn.countAll<number>().as('n')])
      .where('r.center_id', '=', centerId)
      .where('t.service_day', '=', day)
      .groupBy('r.level')
      .execute(),
  ]);
  const minutes = (s: number | null | undefined) => (s === null || s === undefined ? null : Math.round((Number(s) / 60) * 10) / 10);
  const fieldRows = fields.map((f) => {
    const waiting = queue.tickets.filter((t) => t.fieldId === f.id && t.status === 'waiting');
    const longest = waiting.reduce((m, t) => Math.max(m, now.getTime() - t.issuedAt.getTime()), 0);
    const stats = perField.find((p) => p.field_id === f.id);
    const longestMinutes = Math.floor(longest / 60_000);
    return {
      fieldId: f.id,
      name: f.name,
      prefix: f.ticket_prefix,
      waiting: waiting.length,
      longestWaitMinutes: longestMinutes,
      averageWaitMinutes: minutes(stats?.avg_wait_s),
      served: Number(stats?.served ?? 0),
      alert: waiting.length > 0 && longestMinutes >= center.wait_alert_minutes,
    };
  });
  const served = perField.reduce((n, p) => n + Number(p.served), 0);
  const weighted = (key: 'avg_wait_s' | 'avg_service_s', weight: (p: (typeof perField)[number]) => number) => {
    const total = perField.reduce((n, p) => n + (p[key] === null ? 0 : weight(p)), 0);
    if (total === 0) return null;
    return minutes(perField.reduce((n, p) => n + (p[key] === null ? 0 : Number(p[key]) * weight(p)), 0) / total);
  };
  const count = (level: string) => Number(ratings.find((r) => r.level === level)?.n ?? 0);
  const rated = count('very_satisfied') + count('satisfied') + count('unsatisfied');
  return {
    day,
    alertThresholdMinutes: center.wait_alert_minutes,
    fields: fieldRows,
    counters: queue.counters.map((c) => ({
      id: c.id,
      number: c.number,
      status: c.state,
      staffName: c.staffName,
      pauseReason: c.pauseReason,
      ticket: c.currentTicketId ? (queue.tickets.find((t) => t.id === c.currentTicketId)?.displayNumber ?? null) : null,
    })),
    today: {
      issued: perField.reduce((n, p) => n + Number(p.issued), 0),
      served,
      averageWaitMinutes: weighted('avg_wait_s', (p) => Number(p.issued)),
      averageServiceMinutes: weighted('avg_service_s', (p) => Number(p.served)),
      ratings: { verySatisfied: count('very_satisfied'), satisfied: count('satisfied'), unsatisfied: count('unsatisfied') },
      satisfiedShare: rated === 0 ? null : Math.round(((count('very_satisfied') + count('satisfied')) / rated) * 1000) / 10,
    },
  };
}

/** What the kiosk offers: fields with their counters, priority groups. */
export async function getKioskOptions(db: Executor, centerId: string) {
  const [center, fields, links, groups] = await Promise.all([
    db.selectFrom('centers').select(['name', 'slug']).where('id', '=', centerId).executeTakeFirstOrThrow(),
    db.selectFrom('fields').select(['id', 'name', 'name_en', 'ticket_prefix']).where('center_id', '=', centerId).where('active', '=', true).orderBy('sort_order').execute(),
    db
      .selectFrom('counter_fields as cf')
      .innerJoin('counters as c', 'c.id', 'cf.counter_id')
      .select(['cf.field_id', 'c.number'])
      .where('cf.center_id', '=', centerId)
      .where('c.active', '=', true)
      .orderBy('c.number')
      .execute(),
    db.selectFrom('priority_groups').select(['id', 'name', 'name_en', 'code']).where('center_id', '=', centerId).where('active', '=', true).orderBy('sort_order').execute(),
  ]);
  return {
    centerName: center.name,
    centerSlug: center.slug,
    fields: fields.map((f) => ({ id: f.id, name: f.name, nameEn: f.name_en, prefix: f.ticket_prefix, counters: links.filter((l) => l.field_id === f.id).map((l) => l.number) })),
    priorityGroups: groups.map((g) => ({ id: g.id, code: g.code, name: g.name, nameEn: g.name_en })),
  };
}
