import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import type { StaffActor, DeviceActor } from '../../http/actor.js';

export const SESSION_COOKIE = 'motcua_sid';
export const SESSION_HOURS = 12;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Starts a session; returns the cookie token (stored only as a hash) and the CSRF token. */
export async function createSession(
  trx: Executor,
  input: { userId: string; centerId: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken('');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await trx
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: input.userId,
      center_id: input.centerId,
      csrf_token: csrfToken,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The staff member behind a session cookie, or null if the session is unknown, expired or the account disabled. */
export async function findSessionActor(db: Executor, token: string): Promise<StaffActor | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId',
      's.csrf_token',
      's.last_seen_at',
      'u.id',
      'u.center_id',
      'u.role',
      'u.username',
      'u.full_name',
      'u.must_change_password',
    ])
    .where('s.id', '=', sha256(token))
    .where('s.expires_at', '>', new Date())
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', row.sessionId).execute();
  }
  return {
    type: 'user',
    id: row.id,
    centerId: row.center_id,
    role: row.role,
    username: row.username,
    fullName: row.full_name,
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password,
  };
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user (password reset, deactivation, role change). */
export async function deleteUserSessions(trx: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

/** The device behind a bearer token, or null if unknown or revoked. */
export async function findDeviceActor(db: Executor, token: string): Promise<DeviceActor | null> {
  const row = await db
    .selectFrom('devices')
    .select(['id', 'center_id', 'kind', 'name', 'counter_id', 'last_seen_at'])
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_seen_at || Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('devices').set({ last_seen_at: new Date() }).where('id', '=', row.id).execute();
  }
  return { type: 'device', id: row.id, centerId: row.center_id, kind: row.kind, name: row.name, counterId: row.counter_id };
}
