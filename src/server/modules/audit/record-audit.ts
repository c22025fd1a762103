import type { Executor } from '../../db/database.js';
import type { ActorType } from '../../db/schema.js';

/** Who did something, from where: built once per request (or by the CLI / a job). */
export interface AuditContext {
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  centerId: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  /** The center the change belongs to, when it differs from the actor's (CLI, system). */
  centerId?: string | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_KEYS = /password|token|secret|hash/i;

/** Removes secrets before a snapshot goes into the audit log. */
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : scrub(v)]),
    );
  }
  return value;
}

/**
 * Appends one audit row. Call it with the transaction of the change it records, so that
 * the change and its audit row commit or roll back together.
 */
export async function recordAudit(trx: Executor, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      center_id: entry.centerId !== undefined ? entry.centerId : ctx.centerId,
      actor_type: ctx.actorType,
      actor_id: ctx.actorId,
      actor_name: ctx.actorName,
      actor_role: ctx.actorRole,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(scrub(entry.before)),
      after: entry.after === undefined ? null : JSON.stringify(scrub(entry.after)),
      ip: ctx.ip,
      request_id: ctx.requestId,
    })
    .execute();
}

/** The context for operator commands run from the CLI. */
export function cliAuditContext(centerId: string | null = null): AuditContext {
  return {
    actorType: 'cli',
    actorId: null,
    actorName: process.env.USER ?? 'cli',
    actorRole: 'operator',
    centerId,
    ip: null,
    requestId: null,
  };
}
