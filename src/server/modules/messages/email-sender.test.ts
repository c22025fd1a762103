import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { parseConfig, type SmtpConfig } from '../../config.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { makeCenter } from '../../test/factories.js';
import { createEmailSender, messageIdFor } from './email-sender.js';
import { dispatchOutbox, enqueueMessage, type MessageSender } from './outbox.js';

/** A real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps what it receives. */
interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  raw: Buffer;
}
let smtp: SMTPServer;
let smtpPort: number;
const received: Received[] = [];
/** Recipients the server refuses with "550 mailbox unavailable". */
const unknownMailboxes = new Set(['khong-ton-tai@example.vn']);

/** A server that accepts TCP connections and never says a word. */
let silent: net.Server;
let silentPort: number;
const silentSockets = new Set<net.Socket>();

let t: TestDatabase;
let other: Database | undefined;
let centerId: string;

const listen = (server: net.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  smtp = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'motcua@example.vn' && auth.password === 'mật khẩu/bí mật') callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (unknownMailboxes.has(address.address)) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  smtpPort = await listen(smtp.server);
  silent = net.createServer((socket) => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
    socket.on('error', () => undefined);
  });
  silentPort = await listen(silent);
  t = await createTestDatabase();
  other = await t.openAnother?.();
  centerId = (await makeCenter(t.db)).id;
});

afterAll(async () => {
  for (const s of silentSockets) s.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await other?.close();
  await t.close();
});

beforeEach(async () => {
  received.length = 0;
  await t.db.deleteFrom('outbox_messages').execute();
});

function smtpConfig(url: string): SmtpConfig {
  const config = parseConfig({ SMTP_URL: url, SMTP_FROM: '"Trung tâm PVHCC phường Hòa Hưng" <noreply@example.vn>' });
  if (!config.smtp) throw new Error('SMTP_URL not parsed');
  return config.smtp;
}

const SUBJECT = 'Hồ sơ của bạn đã có kết quả — phường Hòa Hưng';
const BODY = 'Kính gửi ông/bà Nguyễn Thị Hương,\nHồ sơ đăng ký khai sinh số 000.00.01.H29-250101-0001 đã có kết quả.\nMời ông/bà đến Quầy số 3 để nhận. Trân trọng!';

async function enqueue(recipient: string, dedupeKey: string, message: { subject?: string; body: string } = { subject: SUBJECT, body: BODY }): Promise<string> {
  await t.db.transaction().execute((trx) => enqueueMessage(trx, { centerId, channel: 'email', recipient, ...message, dedupeKey }));
  const row = await t.db.selectFrom('outbox_messages').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow();
  return row.id;
}

/**
 * "Now" for a dispatch right after an enqueue: the row's next_attempt_at is the database's now()
 * in microseconds, a JS Date has milliseconds, so within the same millisecond the row would not
 * be due yet.
 */
const due = () => new Date(Date.now() + 1_000);

const rowOf = (id: string) => t.db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('e-mail sender against a local SMTP server', () => {
  it('delivers a UTF-8 text/plain message with the From, the Vietnamese subject and body intact and a Message-ID from the outbox id', async () => {
    const email = createEmailSender(smtpConfig(`smtp://motcua%40example.vn:${encodeURIComponent('mật khẩu/bí mật')}@127.0.0.1:${smtpPort}`));
    const id = await enqueue('Nguyễn Thị Hương <huong@example.vn>', 'dossier-result:1');
    expect(await dispatchOutbox(t.db, { email }, due())).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got).toMatchObject({ from: 'noreply@example.vn', to: ['huong@example.vn'], user: 'motcua@example.vn' });
    const mail = await simpleParser(got.raw);
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.text?.trimEnd()).toBe(BODY);
    expect(mail.from?.value).toEqual([{ name: 'Trung tâm PVHCC phường Hòa Hưng', address: 'noreply@example.vn' }]);
    expect(mail.messageId).toBe(`<outbox.${id}@example.vn>`);
    expect(mail.messageId).toBe(messageIdFor(id, 'noreply@example.vn'));
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'text/plain', params: { charset: 'utf-8' } });
    expect(mail.html).toBe(false);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
  });

  it('a retry after a crash between the SMTP accept and the "sent" update carries the same Message-ID', async () => {
    const email = createEmailSender(smtpConfig(`smtp://127.0.0.1:${smtpPort}`));
    let crash = true;
    const crashing: MessageSender = {
      async send(m) {
        await email.send(m);
        if (crash) throw new Error('process died before marking the message sent');
      },
    };
    const id = await enqueue('huong@example.vn', 'dossier-result:2', { body: 'Hồ sơ đã có kết quả.' });
    expect(await dispatchOutbox(t.db, { email: crashing }, due())).toEqual({ sent: 0, failed: 1 });
    expect((await rowOf(id)).status).toBe('pending');
    crash = false;
    expect(await dispatchOutbox(t.db, { email: crashing }, new Date(Date.now() + 3_600_000))).toEqual({ sent: 1, failed: 0 });
    const ids = await Promise.all(received.map(async (r) => (await simpleParser(r.raw)).messageId));
    expect(ids).toEqual([`<outbox.${id}@example.vn>`, `<outbox.${id}@example.vn>`]);
    const mail = await simpleParser(received[0]!.raw);
    expect(mail.subject).toBe('Thông báo từ Trung tâm Phục vụ hành chính công'); // no subject in the row
  });

  it('a 550 rejection marks the row failed at once, without further retries', async () => {
    const email = createEmailSender(smtpConfig(`smtp://127.0.0.1:${smtpPort}`));
    const id = await enqueue('khong-ton-tai@example.vn', 'dossier-result:3');
    expect(await dispatchOutbox(t.db, { email }, due())).toEqual({ sent: 0, failed: 1 });
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/550/);
    expect(await dispatchOutbox(t.db, { email }, new Date(Date.now() + 86_400_000))).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(0);
  });

  it('an address that is not one fails permanently without contacting the server', async () => {
    const email = createEmailSender(smtpConfig(`smtp://127.0.0.1:${smtpPort}`));
    const id = await enqueue('a@example.vn, b@example.vn', 'dossier-result:4');
    expect(await dispatchOutbox(t.db, { email }, due())).toEqual({ sent: 0, failed: 1 });
    expect(await rowOf(id)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/not an e-mail address/) });
    expect(received).toHaveLength(0);
  });

  it('a wrong password is temporary (the configuration is wrong, not the message)', async () => {
    const email = createEmailSender(smtpConfig(`smtp://motcua%40example.vn:sai@127.0.0.1:${smtpPort}`));
    const id = await enqueue('huong@example.vn', 'dossier-result:5');
    expect(await dispatchOutbox(t.db, { email }, due())).toEqual({ sent: 0, failed: 1 });
    expect(await rowOf(id)).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/SMTP login refused.*535/) });
  });

  it('a server that accepts the connection but never answers times out; rows stay pending and the next ones fail fast', async () => {
    const email = createEmailSender(smtpConfig(`smtp://127.0.0.1:${silentPort}`), { greetingTimeoutMs: 300, unreachableCooldownMs: 60_000 });
    const first = await enqueue('huong@example.vn', 'dossier-result:6');
    const second = await enqueue('lan@example.vn', 'dossier-result:7');
    const now = due();
    const started = performance.now();
    expect(await dispatchOutbox(t.db, { email }, now)).toEqual({ sent: 0, failed: 2 });
    expect(performance.now() - started).toBeLessThan(2_000); // one greeting timeout, not one per message
    // The claimed rows come back in no particular order: one waited for the greeting, the other was refused at once.
    const rows = [await rowOf(first), await rowOf(second)].sort((x, y) => (x.last_error ?? '').localeCompare(y.last_error ?? ''));
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/^Greeting never received/) });
    expect(rows[1]).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/^SMTP server 127\.0\.0\.1:\d+ unreachable/) });
    for (const row of rows) expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(now.getTime());
  });

  it('a refused connection is temporary too', async () => {
    const closed = net.createServer();
    const port = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const email = createEmailSender(smtpConfig(`smtp://127.0.0.1:${port}`));
    const id = await enqueue('huong@example.vn', 'dossier-result:8');
    expect(await dispatchOutbox(t.db, { email }, due())).toEqual({ sent: 0, failed: 1 });
    expect(await rowOf(id)).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/ECONNREFUSED|connect/i) });
  });

  it('end to end: enqueued in a transaction, sent exactly once by two dispatchers running at the same time; a rolled-back change sends nothing', async () => {
    const email = createEmailSender(smtpConfig(`smtp://127.0.0.1:${smtpPort}`));
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueueMessage(trx, { centerId, channel: 'email', recipient: 'huong@example.vn', subject: 'x', body: 'rolled back', dedupeKey: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const id = await enqueue('huong@example.vn', 'dossier-result:9');
    // With a PostgreSQL server the second dispatcher has its own connections, like a second process.
    const results = await Promise.all([dispatchOutbox(t.db, { email }, due()), dispatchOutbox(other?.db ?? t.db, { email }, due()), dispatchOutbox(t.db, { email }, due())]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.failed, 0)).toBe(0);
    expect(await dispatchOutbox(t.db, { email }, new Date(Date.now() + 3_600_000))).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(1);
    expect((await simpleParser(received[0]!.raw)).messageId).toBe(`<outbox.${id}@example.vn>`);
    expect(await t.db.selectFrom('outbox_messages').select('id').where('dedupe_key', '=', 'rolled-back').execute()).toEqual([]);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
