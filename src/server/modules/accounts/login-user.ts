import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { createSession, deleteSession } from './sessions.js';

/** Failed attempts allowed before the account locks; each further failure doubles the lock. */
export const FREE_ATTEMPTS = 5;
const MAX_LOCK_MINUTES = 60;

export function lockMinutes(failedLogins: number): number {
  if (failedLogins < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failedLogins - FREE_ATTEMPTS));
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

/**
 * Signs a staff member in. Wrong passwords are counted and lock the account with back-off;
 * the count is committed even though the call then fails. An unknown username costs the same
 * time as a wrong password, so usernames cannot be probed by timing.
 */
export async function loginUser(
  db: Db,
  input: { username: string; password: string; ip: string | null; userAgent: string | null; requestId: string | null },
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const user = await db
    .selectFrom('users')
    .select(['id', 'center_id', 'username', 'full_name', 'role', 'password_hash', 'active', 'failed_logins', 'locked_until'])
    .where('username', '=', username)
    .executeTakeFirst();

  const ctxBase: Omit<AuditContext, 'centerId'> = {
    actorType: 'public',
    actorId: null,
    actorName: username,
    actorRole: null,
    ip: input.ip,
    requestId: input.requestId,
  };

  if (!user) {
    await verifyPassword(input.password, await dummyPasswordHash());
    throw new AppError('INVALID_CREDENTIALS', { internal: `unknown user ${username}` });
  }
  const now = Date.now();
  if (user.locked_until && new Date(user.locked_until).getTime() > now) {
    const retryAfter = Math.ceil((new Date(user.locked_until).getTime() - now) / 1000);
    throw new AppError('ACCOUNT_LOCKED', { internal: `locked ${username}`, retryAfter });
  }
  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok) {
    const failed = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('users')
        .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
        .where('id', '=', user.id)
        .returning('failed_logins')
        .executeTakeFirstOrThrow();
      const minutes = lockMinutes(row.failed_logins);
      if (minutes > 0) {
        await trx
          .updateTable('users')
          .set({ locked_until: new Date(now + minutes * 60_000) })
          .where('id', '=', user.id)
          .execute();
      }
      await recordAudit(trx, { ...ctxBase, centerId: user.center_id }, {
        action: minutes > 0 ? 'auth.account_locked' : 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        after: { failedLogins: row.failed_logins, lockMinutes: minutes },
      });
      return { count: row.failed_logins, minutes };
    });
    if (failed.minutes > 0) {
      throw new AppError('ACCOUNT_LOCKED', { internal: `locked ${username}`, retryAfter: failed.minutes * 60 });
    }
    throw new AppError('INVALID_CREDENTIALS', { internal: `wrong password for ${username}` });
  }
  if (!user.active) throw new AppError('ACCOUNT_DISABLED', { internal: `disabled ${username}` });

  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    const session = await createSession(trx, {
      userId: user.id,
      centerId: user.center_id,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await recordAudit(
      trx,
      { ...ctxBase, actorType: 'user', actorId: user.id, actorName: user.full_name, actorRole: user.role, centerId: user.center_id },
      { action: 'auth.login', targetType: 'user', targetId: user.id },
    );
    return { ...session, userId: user.id };
  });
}

/** Ends the caller's session (the cookie is cleared by the route). */
export async function logoutUser(db: Db, ctx: AuditContext & { actorId: string }, sessionId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionId);
    await recordAudit(trx, ctx, { action: 'auth.logout', targetType: 'user', targetId: ctx.actorId });
  });
}
