#!/usr/bin/env node
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from './config.js';
import { createBackup, restoreBackup, RestoreError } from './db/backup.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import type { Role } from './db/schema.js';
import { AppError } from './http/app-error.js';
import { cliAuditContext } from './modules/audit/record-audit.js';
import { parseCatalogFile } from './modules/catalog/catalog-file.js';
import { importCatalog } from './modules/catalog/import-catalog.js';
import { createCenter } from './modules/centers/create-center.js';
import { createUser, resetUserPassword } from './modules/accounts/users.js';
import { prepareDatabase } from './seed/prepare.js';
import { formatDemoSeed, seedDemo } from './seed/demo.js';
import { ERRORS } from '../shared/errors.js';

const HELP = `motcua — công cụ vận hành / operator commands

Cách dùng / usage: npx motcua <lệnh> [tùy chọn]   (or: npm run cli -- <command> …)

  migrate                                   áp dụng migration / apply database migrations
  seed-demo                                 tạo trung tâm mẫu / seed the demo center (empty database only)
  catalog import <file.json> [--dry-run]    nhập danh mục thủ tục / import a procedure catalog file
  center create --slug S --name N --agency-code C [--address A]
  user create --center S --username U --name N --role R [--password P]
                                            R: admin | leader | receptionist | specialist
  user reset-password <username>            đặt mật khẩu tạm / set a temporary password and unlock
  backup <file.json.gz>                     sao lưu / write a logical backup
  restore <file.json.gz>                    khôi phục vào CSDL trống / restore into an empty database

Cấu hình qua biến môi trường / configured by environment: DATA_DIR (./data), DATABASE_URL.
`;

type Out = (line: string) => void;

/** Runs one CLI command; returns the exit code. Exported for tests. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, out: Out, err: Out): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out(HELP);
    return command ? 0 : 1;
  }
  let config;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      err(error.message);
      return 1;
    }
    throw error;
  }
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  let database: Database | undefined;
  const open = async (): Promise<Database> => {
    database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: 4 });
    return database;
  };
  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrate(await open());
        out(applied.length ? `Đã áp dụng / applied: ${applied.join(', ')}` : 'Không có migration mới / nothing to apply');
        return 0;
      }
      case 'seed-demo': {
        const db = await open();
        await prepareDatabase(db, { seedDemo: false });
        const centers = await db.db.selectFrom('centers').select('id').limit(1).execute();
        if (centers.length > 0) {
          err('Cơ sở dữ liệu đã có trung tâm; không tạo dữ liệu mẫu / the database already has centers');
          return 1;
        }
        out(formatDemoSeed(await seedDemo(db, config.databaseUrl ? {} : { dataDir: config.dataDir })));
        return 0;
      }
      case 'catalog':
        return await catalogCommand(sub, rest, open, out, err);
      case 'center':
        return await centerCommand(sub, rest, open, out);
      case 'user':
        return await userCommand(sub, rest, open, out, err);
      case 'backup': {
        if (!sub) throw new UsageError('backup <file>');
        const db = await open();
        const { data, counts } = await createBackup(db);
        writeFileSync(sub, data, { mode: 0o600 });
        out(`Đã sao lưu / backed up ${Object.entries(counts).map(([t, n]) => `${t}=${n}`).join(' ')} → ${sub}`);
        return 0;
      }
      case 'restore': {
        if (!sub) throw new UsageError('restore <file>');
        const counts = await restoreBackup(await open(), readFileSync(sub));
        out(`Đã khôi phục / restored ${Object.entries(counts).map(([t, n]) => `${t}=${n}`).join(' ')}`);
        return 0;
      }
      default:
        err(`Lệnh không hợp lệ / unknown command: ${command}\n`);
        out(HELP);
        return 1;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`Thiếu tham số / usage: ${error.message}`);
      return 1;
    }
    if (error instanceof AppError) {
      err(`${error.options.detail ?? ERRORS[error.code].vi} (${error.code})`);
      return 1;
    }
    if (error instanceof RestoreError) {
      err(error.message);
      return 1;
    }
    throw error;
  } finally {
    await database?.close();
  }
}

class UsageError extends Error {}

async function catalogCommand(sub: string | undefined, rest: string[], open: () => Promise<Database>, out: Out, err: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'dry-run': { type: 'boolean' } } });
  const file = positionals[0];
  if (sub !== 'import' || !file) throw new UsageError('catalog import <file.json> [--dry-run]');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    err(`Không đọc được tệp / cannot read ${file}`);
    return 1;
  }
  const parsed = parseCatalogFile(text);
  if (!parsed.ok) {
    err(`Tệp ${file} không hợp lệ, không nhập gì / invalid, nothing imported (${parsed.errors.length} lỗi):`);
    for (const e of parsed.errors.slice(0, 50)) err(`  ${e.message}`);
    if (parsed.errors.length > 50) err(`  … và ${parsed.errors.length - 50} lỗi khác`);
    return 2;
  }
  const database = await open();
  await migrate(database);
  if (values['dry-run']) {
    out(`Tệp hợp lệ: ${parsed.file.procedures.length} thủ tục (chạy thử, không ghi) / valid, dry run`);
    return 0;
  }
  const report = await importCatalog(database.db, cliAuditContext(), parsed.file);
  out(`Thêm mới / added: ${report.added.length}${report.added.length ? ` (${report.added.join(', ')})` : ''}`);
  out(`Cập nhật / updated: ${report.updated.length}`);
  for (const u of report.updated) out(`  ${u.code}: ${u.changed.join(', ')}`);
  out(`Không đổi / unchanged: ${report.unchanged}`);
  if (report.notInFile.length) out(`Có trong CSDL nhưng không có trong tệp (giữ nguyên) / kept, not in file: ${report.notInFile.join(', ')}`);
  return 0;
}

async function centerCommand(sub: string | undefined, rest: string[], open: () => Promise<Database>, out: Out): Promise<number> {
  const { values } = parseArgs({
    args: rest,
    options: { slug: { type: 'string' }, name: { type: 'string' }, 'agency-code': { type: 'string' }, address: { type: 'string' } },
  });
  if (sub !== 'create' || !values.slug || !values.name || !values['agency-code']) {
    throw new UsageError('center create --slug S --name N --agency-code C [--address A]');
  }
  const database = await open();
  await prepareDatabase(database, { seedDemo: false });
  const center = await createCenter(database.db, cliAuditContext(), {
    slug: values.slug,
    name: values.name,
    agencyCode: values['agency-code'],
    address: values.address ?? '',
  });
  out(`Đã tạo trung tâm / created center ${center.slug} (${center.id})`);
  return 0;
}

async function userCommand(sub: string | undefined, rest: string[], open: () => Promise<Database>, out: Out, err: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      center: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const database = await open();
  await migrate(database);
  if (sub === 'create') {
    const roles: Role[] = ['admin', 'leader', 'receptionist', 'specialist'];
    const role = roles.find((r) => r === values.role);
    if (!values.center || !values.username || !values.name || !role) {
      throw new UsageError('user create --center S --username U --name N --role admin|leader|receptionist|specialist [--password P]');
    }
    const center = await database.db.selectFrom('centers').select('id').where('slug', '=', values.center).executeTakeFirst();
    if (!center) throw new AppError('CENTER_NOT_FOUND');
    const result = await createUser(database.db, { ...cliAuditContext(center.id), centerId: center.id }, {
      username: values.username.toLowerCase(),
      fullName: values.name,
      role,
      ...(values.password ? { password: values.password } : {}),
    });
    out(`Đã tạo tài khoản / created ${result.user.username} (${role})`);
    if (result.temporaryPassword) out(`Mật khẩu tạm / temporary password: ${result.temporaryPassword}`);
    return 0;
  }
  if (sub === 'reset-password') {
    const username = positionals[0];
    if (!username) throw new UsageError('user reset-password <username>');
    const user = await database.db.selectFrom('users').select(['id', 'center_id']).where('username', '=', username.toLowerCase()).executeTakeFirst();
    if (!user) {
      err(`${ERRORS.USER_NOT_FOUND.vi} (${username})`);
      return 1;
    }
    const result = await resetUserPassword(database.db, { ...cliAuditContext(user.center_id), centerId: user.center_id }, user.id);
    out(`Mật khẩu tạm mới / new temporary password for ${username}: ${result.temporaryPassword}`);
    return 0;
  }
  throw new UsageError('user create … | user reset-password <username>');
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
const isMain = isEntryPoint();
if (isMain) {
  runCli(
    process.argv.slice(2),
    process.env,
    (l) => process.stdout.write(`${l}\n`),
    (l) => process.stderr.write(`${l}\n`),
  ).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
