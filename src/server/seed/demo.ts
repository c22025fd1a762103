import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { cliAuditContext, recordAudit } from '../modules/audit/record-audit.js';
import { DEVICE_TOKEN_PREFIX } from '../modules/accounts/devices.js';
import { generatePassword, hashPassword } from '../modules/accounts/password.js';
import { newToken, sha256 } from '../modules/accounts/sessions.js';
import { DEFAULT_WORKING_WEEK } from '../modules/centers/centers.js';
import { DEFAULT_PRIORITY_GROUPS } from '../modules/queue/priority-groups.js';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  fullName: string;
}

export interface DemoDevice {
  kind: 'kiosk' | 'display' | 'rating';
  name: string;
  token: string;
}

export interface DemoSeed {
  centerId: string;
  accounts: DemoAccount[];
  devices: DemoDevice[];
}

/**
 * Demo fields of a ward center: each receives the procedures of some national fields
 * (codes from the shipped catalog) and prints its own ticket prefix.
 */
const FIELDS = [
  { name: 'Hộ tịch', nameEn: 'Civil status', prefix: 'A', national: ['ho-tich', 'nuoi-con-nuoi'] },
  { name: 'Chứng thực', nameEn: 'Certification', prefix: 'B', national: ['chung-thuc'] },
  { name: 'Cư trú và căn cước', nameEn: 'Residence and ID', prefix: 'C', national: ['cu-tru', 'can-cuoc', 'dinh-danh-dien-tu'] },
  { name: 'Hộ kinh doanh', nameEn: 'Household business', prefix: 'D', national: ['ho-kinh-doanh'] },
  {
    name: 'Đất đai, xây dựng, đô thị',
    nameEn: 'Land, construction, urban',
    prefix: 'E',
    national: ['dat-dai', 'xay-dung', 'ha-tang-ky-thuat', 'quy-hoach', 'nha-o'],
  },
  { name: 'Lĩnh vực khác', nameEn: 'Other matters', prefix: 'F', national: ['giam-ngheo', 'hoa-giai-co-so'] },
] as const;

/** Counter number → ticket prefixes of the fields it serves. */
const COUNTERS: Array<[number, string[]]> = [
  [1, ['A']],
  [2, ['A', 'B']],
  [3, ['B']],
  [4, ['C']],
  [5, ['D', 'E', 'F']],
];

const STAFF: Array<{ username: string; fullName: string; role: Role }> = [
  { username: 'quantri', fullName: 'Lê Minh Quản', role: 'admin' },
  { username: 'lanhdao', fullName: 'Châu Văn An', role: 'leader' },
  { username: 'tiepnhan1', fullName: 'Nguyễn Thị Lan', role: 'receptionist' },
  { username: 'tiepnhan2', fullName: 'Trần Quốc Bảo', role: 'receptionist' },
  { username: 'chuyenvien1', fullName: 'Phạm Thu Hà', role: 'specialist' },
];

/**
 * Seeds a demo center (Hòa Hưng ward, the center described in shared/domain) with fields,
 * counters, staff and devices. Passwords and device tokens are random, returned once and,
 * when a data directory is given, written to `demo-accounts.txt` there.
 * The agency code is illustrative, not the ward's real electronic identifier.
 */
export async function seedDemo(database: Database, options: { dataDir?: string } = {}): Promise<DemoSeed> {
  const accounts = await Promise.all(
    STAFF.map(async (s) => ({ ...s, password: generatePassword(), hash: '' })),
  );
  for (const a of accounts) a.hash = await hashPassword(a.password);
  const ctx = cliAuditContext();

  const seed = await database.db.transaction().execute(async (trx) => {
    const center = await trx
      .insertInto('centers')
      .values({
        slug: 'hoa-hung',
        name: 'Trung tâm Phục vụ hành chính công phường Hòa Hưng',
        address: 'TT20 Tam Đảo, phường Hòa Hưng, Thành phố Hồ Chí Minh',
        phone: '028 3864 0000',
        agency_code: 'H29.DEMO.HH',
        working_week: JSON.stringify(DEFAULT_WORKING_WEEK),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const fieldIds = new Map<string, string>();
    for (const [i, f] of FIELDS.entries()) {
      const row = await trx
        .insertInto('fields')
        .values({
          center_id: center.id,
          name: f.name,
          name_en: f.nameEn,
          ticket_prefix: f.prefix,
          sort_order: i + 1,
          national_fields: [...f.national],
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      fieldIds.set(f.prefix, row.id);
    }
    await trx
      .insertInto('priority_groups')
      .values(DEFAULT_PRIORITY_GROUPS.map((g, i) => ({ center_id: center.id, code: g.code, name: g.name, name_en: g.nameEn, sort_order: i + 1 })))
      .execute();
    const counterIds: string[] = [];
    for (const [number, prefixes] of COUNTERS) {
      const row = await trx
        .insertInto('counters')
        .values({ center_id: center.id, number, name: `Quầy số ${number}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      counterIds.push(row.id);
      await trx
        .insertInto('counter_fields')
        .values(prefixes.map((p) => ({ center_id: center.id, counter_id: row.id, field_id: fieldIds.get(p) ?? '' })))
        .execute();
    }
    for (const a of accounts) {
      await trx
        .insertInto('users')
        .values({ center_id: center.id, username: a.username, full_name: a.fullName, role: a.role, password_hash: a.hash })
        .execute();
    }
    const devices: DemoDevice[] = [
      { kind: 'kiosk', name: 'Kiosk lấy số sảnh chính', token: newToken(DEVICE_TOKEN_PREFIX) },
      { kind: 'display', name: 'Màn hình gọi số sảnh chính', token: newToken(DEVICE_TOKEN_PREFIX) },
      { kind: 'rating', name: 'Máy đánh giá quầy 1', token: newToken(DEVICE_TOKEN_PREFIX) },
    ];
    for (const d of devices) {
      await trx
        .insertInto('devices')
        .values({
          center_id: center.id,
          kind: d.kind,
          name: d.name,
          counter_id: d.kind === 'rating' ? (counterIds[0] ?? null) : null,
          token_hash: sha256(d.token),
          token_hint: d.token.slice(0, DEVICE_TOKEN_PREFIX.length + 6),
        })
        .execute();
    }
    await recordAudit(trx, { ...ctx, centerId: center.id }, { action: 'demo.seed', targetType: 'center', targetId: center.id });
    return { centerId: center.id, devices };
  });

  const result: DemoSeed = {
    centerId: seed.centerId,
    accounts: accounts.map(({ username, password, role, fullName }) => ({ username, password, role, fullName })),
    devices: seed.devices,
  };
  if (options.dataDir) {
    writeFileSync(path.join(options.dataDir, 'demo-accounts.txt'), formatDemoSeed(result), { mode: 0o600 });
  }
  return result;
}

export function formatDemoSeed(seed: DemoSeed): string {
  const lines = [
    'Tài khoản mẫu / demo accounts (đổi mật khẩu trước khi dùng thật / change before real use):',
    ...seed.accounts.map((a) => `  ${a.role.padEnd(13)} ${a.username.padEnd(12)} ${a.password}   (${a.fullName})`),
    'Mã thiết bị mẫu / demo device tokens:',
    ...seed.devices.map((d) => `  ${d.kind.padEnd(8)} ${d.token}   (${d.name})`),
  ];
  return `${lines.join('\n')}\n`;
}
