import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseMailbox } from './config.js';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults and no e-mail channel without SMTP_URL', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', logLevel: 'info', seedDemo: true, dbPoolMax: 10, smtp: undefined });
  });

  it('reports every invalid value at once', () => {
    expect(problems({ PORT: 'tám nghìn', SEED_DEMO: 'có lẽ', DB_POOL_MAX: '0' })).toHaveLength(3);
  });
});

describe('SMTP_URL and SMTP_FROM', () => {
  const FROM = '"Trung tâm PVHCC phường Hòa Hưng" <noreply@example.vn>';

  it('smtp:// with percent-encoded credentials, STARTTLS port 587 by default', () => {
    const { smtp } = parseConfig({ SMTP_URL: 'smtp://motcua%40example.vn:m%E1%BA%ADt%2Fkh%E1%BA%A9u@mail.example.vn', SMTP_FROM: FROM });
    expect(smtp).toEqual({
      host: 'mail.example.vn',
      port: 587,
      secure: false,
      auth: { user: 'motcua@example.vn', pass: 'mật/khẩu' },
      from: { name: 'Trung tâm PVHCC phường Hòa Hưng', address: 'noreply@example.vn' },
    });
  });

  it('smtps:// is TLS from the start, port 465 by default; an explicit port and an IPv6 host are kept', () => {
    expect(parseConfig({ SMTP_URL: 'smtps://u%40example.vn:p@smtp.example.vn' }).smtp).toMatchObject({ port: 465, secure: true });
    expect(parseConfig({ SMTP_URL: 'smtp://[::1]:2525', SMTP_FROM: 'noreply@example.vn' }).smtp).toMatchObject({
      host: '::1',
      port: 2525,
      auth: undefined,
      from: { name: '', address: 'noreply@example.vn' },
    });
  });

  it('the From defaults to the SMTP user when that is an address, and is required otherwise', () => {
    expect(parseConfig({ SMTP_URL: 'smtps://noreply%40example.vn:p@smtp.example.vn' }).smtp?.from).toEqual({ name: '', address: 'noreply@example.vn' });
    expect(problems({ SMTP_URL: 'smtp://relay.example.vn:25' })).toEqual([expect.stringMatching(/^SMTP_FROM: required/)]);
    expect(problems({ SMTP_URL: 'smtp://apikey:secret@relay.example.vn' })).toEqual([expect.stringMatching(/^SMTP_FROM: required/)]);
  });

  it('refuses a malformed SMTP_URL without echoing the password', () => {
    for (const url of ['http://u:matkhau-bi-mat@mail.example.vn', 'smtp://u:matkhau-bi-mat@', 'smtp://u:matkhau-bi-mat@mail.example.vn:0', 'smtp://u:matkhau-bi-mat@mail.example.vn:587/x', 'smtp://u:matkhau-bi-mat@mail.example.vn?tls=0', 'mail.example.vn', 'smtp://u:matkhau-bi-mat@mail.example.vn:99999', 'smtp://u:%E0%A4%A@mail.example.vn']) {
      const found = problems({ SMTP_URL: url, SMTP_FROM: FROM });
      expect(found, url).toHaveLength(1);
      expect(found[0], url).toMatch(/^SMTP_URL: /);
      expect(found[0], url).not.toContain('matkhau-bi-mat');
    }
    expect(() => parseConfig({ SMTP_URL: 'smtp://mail.example.vn:0', SMTP_FROM: FROM })).toThrow(ConfigError);
  });

  it('refuses a malformed SMTP_FROM, even without SMTP_URL', () => {
    for (const from of ['Trung tâm', 'noreply@', '"Trung tâm" <noreply>', 'a@example.vn, b@example.vn', '<>']) {
      expect(problems({ SMTP_URL: 'smtp://mail.example.vn', SMTP_FROM: from }), from).toEqual([expect.stringMatching(/^SMTP_FROM: /)]);
    }
    expect(problems({ SMTP_FROM: 'not an address' })).toEqual([expect.stringMatching(/^SMTP_FROM: /)]);
    expect(parseConfig({ SMTP_FROM: 'noreply@example.vn' }).smtp).toBeUndefined();
  });

  it('parses mailboxes: quoted or bare names, bare addresses', () => {
    expect(parseMailbox('"Hòa Hưng, TP.HCM" <a@example.vn>')).toEqual({ name: 'Hòa Hưng, TP.HCM', address: 'a@example.vn' });
    expect(parseMailbox('Phường Hòa Hưng <a@example.vn>')).toEqual({ name: 'Phường Hòa Hưng', address: 'a@example.vn' });
    expect(parseMailbox(' a@example.vn ')).toEqual({ name: '', address: 'a@example.vn' });
    expect(parseMailbox('a@example.vn\r\nBcc: x@example.vn')).toBeUndefined();
  });
});
