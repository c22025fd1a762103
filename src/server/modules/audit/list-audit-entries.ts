import type { Executor } from '../../db/database.js';
import type { AuditEntry, AuditQuery } from '../../../shared/schemas/audit.js';

/** Vietnam is UTC+7 all year: a civil date's day starts at 00:00+07:00. */
function startOfDayVN(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

/** Audit rows of one center, filtered and paged, newest first. */
export async function listAuditEntries(
  db: Executor,
  centerId: string,
  query: AuditQuery,
): Promise<{ items: AuditEntry[]; total: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  let q = db.selectFrom('audit_log').where('center_id', '=', centerId);
  if (query.action) {
    q = query.action.endsWith('.') ? q.where('action', 'like', `${query.action.replace(/[%_]/g, '')}%`) : q.where('action', '=', query.action);
  }
  if (query.actor) q = q.where('actor_name', 'ilike', `%${query.actor.replace(/[%_]/g, '')}%`);
  if (query.targetId) q = q.where('target_id', '=', query.targetId);
  if (query.from) q = q.where('at', '>=', startOfDayVN(query.from));
  if (query.to) q = q.where('at', '<', new Date(startOfDayVN(query.to).getTime() + 86_400_000));
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actorType: r.actor_type,
      actorId: r.actor_id,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      before: r.before,
      after: r.after,
      ip: r.ip,
    })),
  };
}
