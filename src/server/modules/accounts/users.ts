import type { Db, Executor } from '../../db/database.js';
import type { Role, UserRow } from '../../db/schema.js';
import type { CreateUserBody, UpdateUserBody, User } from '../../../shared/schemas/accounts.js';
import { AppError, uniqueViolation } from '../../http/app-error.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { generatePassword, hashPassword, isPasswordAcceptable } from './password.js';
import { deleteUserSessions } from './sessions.js';

export function presentUser(u: UserRow): User {
  return {
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    role: u.role,
    active: u.active,
    mustChangePassword: u.must_change_password,
    lockedUntil: u.locked_until && new Date(u.locked_until) > new Date() ? new Date(u.locked_until).toISOString() : null,
    createdAt: new Date(u.created_at).toISOString(),
  };
}

function auditView(u: UserRow) {
  return { username: u.username, fullName: u.full_name, role: u.role, active: u.active };
}

export async function listUsers(db: Executor, centerId: string): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().where('center_id', '=', centerId).orderBy('username').execute();
  return rows.map(presentUser);
}

async function getUserForUpdate(trx: Executor, centerId: string, id: string): Promise<UserRow> {
  const row = await trx
    .selectFrom('users')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('USER_NOT_FOUND', { internal: `user ${id} not in center ${centerId}` });
  return row;
}

/** Creates a staff account in the caller's center; without a password, a temporary one is generated. */
export async function createUser(
  db: Db,
  ctx: AuditContext & { centerId: string },
  input: CreateUserBody,
): Promise<{ user: User; temporaryPassword?: string }> {
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generated ?? '';
  if (!isPasswordAcceptable(password, input.username)) throw new AppError('PASSWORD_TOO_WEAK');
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('users')
        .values({
          center_id: ctx.centerId,
          username: input.username,
          full_name: input.fullName.trim(),
          role: input.role,
          password_hash: passwordHash,
          must_change_password: generated !== undefined,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'user.create', targetType: 'user', targetId: row.id, after: auditView(row) });
      return { user: presentUser(row), ...(generated ? { temporaryPassword: generated } : {}) };
    });
  } catch (error) {
    if (uniqueViolation(error) !== undefined) throw new AppError('USERNAME_TAKEN', { cause: error });
    throw error;
  }
}

async function countActiveAdmins(trx: Executor, centerId: string): Promise<number> {
  const row = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('center_id', '=', centerId)
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Changes name, role or active flag. The last active admin of a center cannot lose that status. */
export async function updateUser(
  db: Db,
  ctx: AuditContext & { centerId: string },
  id: string,
  input: UpdateUserBody,
): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const before = await getUserForUpdate(trx, ctx.centerId, id);
    const losesAdmin =
      before.role === 'admin' && before.active && ((input.role && input.role !== 'admin') || input.active === false);
    if (losesAdmin && (await countActiveAdmins(trx, ctx.centerId)) <= 1) throw new AppError('LAST_ADMIN');
    const after = await trx
      .updateTable('users')
      .set({
        ...(input.fullName !== undefined ? { full_name: input.fullName.trim() } : {}),
        ...(input.role !== undefined ? { role: input.role as Role } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.active === false || (input.role !== undefined && input.role !== before.role)) {
      await deleteUserSessions(trx, id);
    }
    await recordAudit(trx, ctx, {
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return presentUser(after);
  });
}

/** Sets a new temporary password (shown once), unlocks the account and ends its sessions. */
export async function resetUserPassword(
  db: Db,
  ctx: AuditContext & { centerId: string },
  id: string,
): Promise<{ user: User; temporaryPassword: string }> {
  const temporaryPassword = generatePassword();
  const hash = await hashPassword(temporaryPassword);
  return db.transaction().execute(async (trx) => {
    await getUserForUpdate(trx, ctx.centerId, id);
    const row = await trx
      .updateTable('users')
      .set({
        password_hash: hash,
        must_change_password: true,
        failed_logins: 0,
        locked_until: null,
        password_changed_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await deleteUserSessions(trx, id);
    await recordAudit(trx, ctx, { action: 'user.reset_password', targetType: 'user', targetId: id });
    return { user: presentUser(row), temporaryPassword };
  });
}

/** A signed-in staff member changes their own password; other sessions of theirs end. */
export async function changeOwnPassword(
  db: Db,
  ctx: AuditContext & { centerId: string; actorId: string },
  input: { currentPassword: string; newPassword: string; sessionId: string },
  verify: (password: string, hash: string) => Promise<boolean>,
): Promise<void> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', ctx.actorId).executeTakeFirstOrThrow();
  if (!(await verify(input.currentPassword, user.password_hash))) throw new AppError('WRONG_CURRENT_PASSWORD');
  if (!isPasswordAcceptable(input.newPassword, user.username) || input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_TOO_WEAK');
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: false, password_changed_at: new Date(), updated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await deleteUserSessions(trx, user.id, input.sessionId);
    await recordAudit(trx, ctx, { action: 'user.change_password', targetType: 'user', targetId: user.id });
  });
}
