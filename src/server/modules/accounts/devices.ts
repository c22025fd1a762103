import type { Db, Executor } from '../../db/database.js';
import type { DeviceRow } from '../../db/schema.js';
import type { CreateDeviceBody, Device } from '../../../shared/schemas/accounts.js';
import { AppError } from '../../http/app-error.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { newToken, sha256 } from './sessions.js';

export const DEVICE_TOKEN_PREFIX = 'mcd_';

export function presentDevice(d: DeviceRow): Device {
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    counterId: d.counter_id,
    tokenHint: d.token_hint,
    revokedAt: d.revoked_at ? new Date(d.revoked_at).toISOString() : null,
    lastSeenAt: d.last_seen_at ? new Date(d.last_seen_at).toISOString() : null,
    createdAt: new Date(d.created_at).toISOString(),
  };
}

export async function listDevices(db: Executor, centerId: string): Promise<Device[]> {
  const rows = await db
    .selectFrom('devices')
    .selectAll()
    .where('center_id', '=', centerId)
    .orderBy('revoked_at', (ob) => ob.nullsFirst())
    .orderBy('kind')
    .orderBy('name')
    .execute();
  return rows.map(presentDevice);
}

/**
 * Enrols a kiosk, display board or rating tablet. The token is returned once; only its
 * SHA-256 is stored, so a lost token is replaced by enrolling again and revoking the old one.
 */
export async function createDevice(
  db: Db,
  ctx: AuditContext & { centerId: string },
  input: CreateDeviceBody,
): Promise<{ device: Device; token: string }> {
  const token = newToken(DEVICE_TOKEN_PREFIX);
  return db.transaction().execute(async (trx) => {
    if (input.counterId) {
      const counter = await trx
        .selectFrom('counters')
        .select('id')
        .where('center_id', '=', ctx.centerId)
        .where('id', '=', input.counterId)
        .executeTakeFirst();
      if (!counter) throw new AppError('COUNTER_NOT_FOUND');
    }
    const row = await trx
      .insertInto('devices')
      .values({
        center_id: ctx.centerId,
        kind: input.kind,
        name: input.name.trim(),
        counter_id: input.counterId ?? null,
        token_hash: sha256(token),
        token_hint: token.slice(0, DEVICE_TOKEN_PREFIX.length + 6),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'device.create',
      targetType: 'device',
      targetId: row.id,
      after: { kind: row.kind, name: row.name, counterId: row.counter_id },
    });
    return { device: presentDevice(row), token };
  });
}

/** Revokes a device token at once: the next request from that device is refused. */
export async function revokeDevice(db: Db, ctx: AuditContext & { centerId: string }, id: string): Promise<Device> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('devices')
      .set({ revoked_at: new Date(), updated_at: new Date() })
      .where('center_id', '=', ctx.centerId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const exists = await trx
        .selectFrom('devices')
        .select('id')
        .where('center_id', '=', ctx.centerId)
        .where('id', '=', id)
        .executeTakeFirst();
      throw new AppError(exists ? 'DEVICE_ALREADY_REVOKED' : 'DEVICE_NOT_FOUND');
    }
    await recordAudit(trx, ctx, { action: 'device.revoke', targetType: 'device', targetId: id, after: { name: row.name } });
    return presentDevice(row);
  });
}
