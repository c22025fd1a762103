import nodemailer from 'nodemailer';
import { parseMailbox, type SmtpConfig } from '../../config.js';
import { SendError, type MessageSender } from './outbox.js';

/**
 * The e-mail channel: one SMTP submission per message (nodemailer, no pool: nothing stays
 * open between dispatch rounds). The body is UTF-8 text/plain, so Vietnamese arrives intact.
 *
 * - **Message-ID** is derived from the outbox row id (`<outbox.ID@from-domain>`), so when the
 *   process dies after the server accepted a message but before the row was marked sent, the
 *   retry carries the same Message-ID and is recognisable as the same message.
 * - **Errors**: an SMTP 5xx reply (recipient unknown, message refused) is permanent and the row
 *   is marked failed at once; 4xx replies, network errors and timeouts are temporary and
 *   retried with the outbox back-off. A failed login is treated as temporary: the credentials
 *   in SMTP_URL are wrong, not the message, and the operator can fix them while it is retried.
 * - **Timeouts**: a dead or silent server costs at most `connectionTimeoutMs` /
 *   `greetingTimeoutMs`; after such a failure the sender refuses at once for
 *   `unreachableCooldownMs`, so a dispatch round with many e-mails waits for one timeout, not
 *   one per message.
 */
export interface EmailSenderOptions {
  /** Waiting for the TCP (or TLS) connection; default 10 s. */
  connectionTimeoutMs?: number;
  /** Waiting for the server's 220 greeting once connected; default 10 s. */
  greetingTimeoutMs?: number;
  /** Inactivity on an open connection (a command without an answer); default 30 s. */
  socketTimeoutMs?: number;
  /** After a connection-level failure, refuse at once for this long; default 30 s. */
  unreachableCooldownMs?: number;
}

/** Subject used when the outbox row has none (SMS-style messages sent by e-mail). */
export const DEFAULT_SUBJECT = 'Thông báo từ Trung tâm Phục vụ hành chính công';

/** Errors that mean "the server could not be talked to", not "the server refused this message". */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY']);

export function createEmailSender(config: SmtpConfig, options: EmailSenderOptions = {}): MessageSender {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    // A password never crosses the network in clear: STARTTLS is required with credentials,
    // except to a relay on this machine.
    requireTLS: !config.secure && config.auth !== undefined && !isLoopback(config.host),
    ...(config.auth ? { auth: { user: config.auth.user, pass: config.auth.pass } } : {}),
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.greetingTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    dnsTimeout: options.connectionTimeoutMs ?? 10_000,
    logger: false,
  });
  const cooldownMs = options.unreachableCooldownMs ?? 30_000;
  let unreachableUntil = 0;
  let unreachableReason = '';

  return {
    async send({ id, recipient, subject, body }) {
      const to = parseMailbox(recipient);
      if (!to) throw new SendError(`not an e-mail address: ${JSON.stringify(recipient.slice(0, 100))}`, true);
      if (Date.now() < unreachableUntil) {
        throw new SendError(`SMTP server ${config.host}:${config.port} unreachable, retried later (${unreachableReason})`, false);
      }
      try {
        await transport.sendMail({
          from: config.from,
          to,
          subject: subject ?? DEFAULT_SUBJECT,
          text: body,
          ...(id ? { messageId: messageIdFor(id, config.from.address) } : {}),
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (error) {
        const failure = classifySmtpError(error);
        if (!failure.permanent && CONNECTION_CODES.has(stringField(error, 'code') ?? '')) {
          unreachableUntil = Date.now() + cooldownMs;
          unreachableReason = failure.message;
        }
        throw failure;
      }
    },
  };
}

/** `<outbox.ID@domain-of-from>`: the same for every attempt at one outbox row. */
export function messageIdFor(outboxId: string, fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1) || 'localhost';
  return `<outbox.${outboxId.replace(/[^A-Za-z0-9.-]/g, '')}@${domain}>`;
}

/** Turns a nodemailer error into a SendError: permanent for an SMTP 5xx reply (except 503) or a bad envelope. */
export function classifySmtpError(error: unknown): SendError {
  const message = error instanceof Error ? error.message : String(error);
  const code = stringField(error, 'code');
  const responseCode = field(error, 'responseCode');
  if (code === 'EAUTH' || code === 'ENOAUTH') return new SendError(`SMTP login refused (check SMTP_URL): ${message}`, false, { cause: error });
  if (typeof responseCode === 'number') {
    const reported = field(error, 'permanent');
    const permanent = typeof reported === 'boolean' ? reported : responseCode >= 500 && responseCode !== 503;
    return new SendError(message, permanent, { cause: error });
  }
  // An envelope nodemailer itself refused (no valid recipient) cannot succeed later either.
  return new SendError(message, code === 'EENVELOPE', { cause: error });
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === 'string' ? v : undefined;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
