import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { hashPassword } from '../modules/accounts/password.js';
import { DEFAULT_WORKING_WEEK } from '../modules/centers/centers.js';

export const TEST_PASSWORD = 'mat-khau-thu-nghiem';

let passwordHash: Promise<string> | undefined;
function knownHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

function suffix(): string {
  return randomBytes(3).toString('hex');
}

export async function makeCenter(db: Db, overrides: { slug?: string; name?: string } = {}) {
  const s = suffix();
  return db
    .insertInto('centers')
    .values({
      slug: overrides.slug ?? `phuong-${s}`,
      name: overrides.name ?? `Trung tâm Phục vụ hành chính công phường ${s}`,
      address: '1 Đường Thử Nghiệm',
      agency_code: `H29.${s.toUpperCase()}`,
      working_week: JSON.stringify(DEFAULT_WORKING_WEEK),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A staff account whose password is TEST_PASSWORD. */
export async function makeUser(db: Db, centerId: string, role: Role, overrides: { username?: string } = {}) {
  return db
    .insertInto('users')
    .values({
      center_id: centerId,
      username: overrides.username ?? `${role}-${suffix()}`,
      full_name: `Nguyễn Văn ${role}`,
      role,
      password_hash: await knownHash(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeField(db: Db, centerId: string, overrides: { name?: string; prefix?: string } = {}) {
  return db
    .insertInto('fields')
    .values({ center_id: centerId, name: overrides.name ?? `Hộ tịch ${suffix()}`, ticket_prefix: overrides.prefix ?? 'A' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeCounter(db: Db, centerId: string, number: number) {
  return db
    .insertInto('counters')
    .values({ center_id: centerId, number, name: `Quầy số ${number}` })
    .returningAll()
    .executeTakeFirstOrThrow();
}
