import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { SHIPPED_CATALOG } from './seed/prepare.js';

/**
 * The operator CLI against an embedded database in a temporary data directory (and, when
 * TEST_DATABASE_URL is set, the restore also goes into a second embedded directory: a backup
 * is engine-independent).
 */
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'motcua-cli-'));
  dirs.push(d);
  return d;
}

async function cli(dataDir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('motcua CLI', () => {
  const data = tempDir();

  it('migrates, then reports nothing to apply', { timeout: 90_000 }, async () => {
    expect((await cli(data, 'migrate')).out).toMatch(/0001_core/);
    expect((await cli(data, 'migrate')).out).toMatch(/nothing to apply/);
  });

  it('rejects a malformed catalog with line-accurate errors and imports nothing', async () => {
    const dir = tempDir();
    const broken = path.join(dir, 'broken.json');
    const shipped = JSON.parse(readFileSync(SHIPPED_CATALOG, 'utf8')) as { procedures: Array<Record<string, unknown>> };
    const third = shipped.procedures[2];
    if (third) delete third.name;
    const text = JSON.stringify(shipped, null, 2);
    writeFileSync(broken, text);
    const r = await cli(data, 'catalog', 'import', broken);
    expect(r.code).toBe(2);
    // the third procedure object starts on this line of the file
    const thirdLine = text.split('\n').findIndex((l, i, all) => l.includes(`"code": "${String(third?.code)}"`) && i > 0 && all[i - 1]?.trim() === '{');
    expect(r.err).toMatch(new RegExp(`Dòng (${thirdLine}|${thirdLine + 1})\\b`));
    expect(r.err).toMatch(/name/);
    const syntax = path.join(dir, 'syntax.json');
    writeFileSync(syntax, '{\n  "meta": {},\n  "procedures": [\n    { "code": "1.001193", }\n  ]\n}\n');
    const s = await cli(data, 'catalog', 'import', syntax);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/Dòng 4/);
    const seeded = await cli(data, 'backup', path.join(dir, 'empty.json.gz'));
    expect(seeded.out).toMatch(/procedures=0/);
  });

  it('imports the shipped catalog, then a changed copy updates in place and says what changed', async () => {
    const first = await cli(data, 'catalog', 'import', SHIPPED_CATALOG);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/added: 74/);
    const again = await cli(data, 'catalog', 'import', SHIPPED_CATALOG);
    expect(again.out).toMatch(/unchanged: 74/);
    const shipped = JSON.parse(readFileSync(SHIPPED_CATALOG, 'utf8')) as { procedures: Array<{ code: string; name: string }> };
    const changed = shipped.procedures.find((p) => p.code === '1.001193');
    if (changed) changed.name = 'Thủ tục đăng ký khai sinh (sửa đổi)';
    const file = path.join(tempDir(), 'changed.json');
    writeFileSync(file, JSON.stringify(shipped));
    const r = await cli(data, 'catalog', 'import', file);
    expect(r.out).toMatch(/updated: 1/);
    expect(r.out).toMatch(/1\.001193: name/);
  });

  it('creates a center and a user, resets a password; usage errors are explained', async () => {
    expect((await cli(data, 'center', 'create', '--slug', 'phuong-mau', '--name', 'Trung tâm phường Mẫu', '--agency-code', 'H29.01')).code).toBe(0);
    const dup = await cli(data, 'center', 'create', '--slug', 'phuong-mau', '--name', 'Lần hai', '--agency-code', 'H29.01');
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/Mã trung tâm đã được dùng/);
    const user = await cli(data, 'user', 'create', '--center', 'phuong-mau', '--username', 'qt.mau', '--name', 'Quản Trị Mẫu', '--role', 'admin');
    expect(user.code).toBe(0);
    expect(user.out).toMatch(/temporary password: \S{12}/);
    const reset = await cli(data, 'user', 'reset-password', 'qt.mau');
    expect(reset.out).toMatch(/new temporary password/);
    const missing = await cli(data, 'user', 'create', '--center', 'phuong-mau');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/usage/);
    expect((await cli(data, 'khong-co-lenh')).code).toBe(1);
  });

  it('backs up and restores into an empty data directory, and refuses a non-empty one', { timeout: 120_000 }, async () => {
    const file = path.join(tempDir(), 'backup.json.gz');
    const backup = await cli(data, 'backup', file);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/centers=1/);
    const target = tempDir();
    const restored = await cli(target, 'restore', file);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/procedures=74/);
    expect(restored.out).toMatch(/users=1/);
    const again = await cli(target, 'restore', file);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/không trống/);
    const roundTrip = await cli(target, 'backup', path.join(tempDir(), 'second.json.gz'));
    expect(roundTrip.out.replace(/→.*/, '')).toBe(backup.out.replace(/→.*/, ''));
    const garbage = path.join(tempDir(), 'garbage.gz');
    writeFileSync(garbage, 'not a backup');
    expect((await cli(tempDir(), 'restore', garbage)).err).toMatch(/không đọc được/);
  });
});
