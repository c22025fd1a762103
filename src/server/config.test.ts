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

  it('sizes the copilot OCR pool from the environment; one worker by default for a 2-core machine', () => {
    expect(parseConfig({}).ocr).toEqual({ size: 1, queueLimit: 4, timeoutMs: 30000 });
    expect(parseConfig({ OCR_WORKERS: '2', OCR_QUEUE_LIMIT: '0', OCR_TIMEOUT_MS: '5000' }).ocr).toEqual({ size: 2, queueLimit: 0, timeoutMs: 5000 });
    expect(problems({ OCR_WORKERS: '0' })).toHaveLength(1);
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

describe('FILE_STORE and S3_*', () => {
  const S3 = { FILE_STORE: 's3', S3_ENDPOINT: 'http://minio.internal:9000', S3_BUCKET: 'motcua-files', S3_ACCESS_KEY_ID: 'motcua', S3_SECRET_ACCESS_KEY: 'khoa-bi-mat-123' };

  it('stores files on local disk by default', () => {
    expect(parseConfig({}).fileStore).toEqual({ kind: 'local' });
    expect(parseConfig({ FILE_STORE: 'local', S3_BUCKET: 'ignored' }).fileStore).toEqual({ kind: 'local' });
  });

  it('FILE_STORE=s3 with defaults for the region and path-style addressing, and a normalised prefix', () => {
    expect(parseConfig(S3).fileStore).toEqual({
      kind: 's3',
      s3: { endpoint: 'http://minio.internal:9000', region: 'us-east-1', bucket: 'motcua-files', accessKeyId: 'motcua', secretAccessKey: 'khoa-bi-mat-123', forcePathStyle: true, prefix: '' },
    });
    expect(parseConfig({ ...S3, S3_ENDPOINT: '', S3_REGION: 'ap-southeast-1', S3_FORCE_PATH_STYLE: 'false', S3_PREFIX: '/phuong-hoa-hung/files/' }).fileStore).toMatchObject({
      s3: { endpoint: undefined, region: 'ap-southeast-1', forcePathStyle: false, prefix: 'phuong-hoa-hung/files/' },
    });
  });

  it('names each missing or invalid variable, never echoing the secret key', () => {
    expect(problems({ FILE_STORE: 's3' })).toEqual([
      expect.stringMatching(/^S3_BUCKET: required/),
      expect.stringMatching(/^S3_ACCESS_KEY_ID: required/),
      expect.stringMatching(/^S3_SECRET_ACCESS_KEY: required/),
    ]);
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ FILE_STORE: 'minio' }, /^FILE_STORE: /],
      [{ S3_ENDPOINT: 'minio.internal:9000' }, /^S3_ENDPOINT: /],
      [{ S3_ENDPOINT: 'ftp://minio.internal' }, /^S3_ENDPOINT: /],
      [{ S3_ENDPOINT: 'http://minio.internal:9000/motcua-files' }, /^S3_ENDPOINT: /],
      [{ S3_ENDPOINT: 'http://motcua:khoa-bi-mat-123@minio.internal' }, /^S3_ENDPOINT: /],
      [{ S3_ENDPOINT: 'motcua:khoa-bi-mat-123@minio.internal' }, /^S3_ENDPOINT: /],
      [{ S3_BUCKET: 'Motcua_Files' }, /^S3_BUCKET: /],
      [{ S3_BUCKET: 'ab' }, /^S3_BUCKET: /],
      [{ S3_FORCE_PATH_STYLE: 'có lẽ' }, /^S3_FORCE_PATH_STYLE: /],
      [{ S3_PREFIX: 'files/../other' }, /^S3_PREFIX: /],
      [{ S3_PREFIX: 'tệp tin' }, /^S3_PREFIX: /],
    ];
    for (const [override, expected] of cases) {
      const found = problems({ ...S3, ...override });
      expect(found, JSON.stringify(override)).toEqual([expect.stringMatching(expected)]);
      expect(found.join(' '), JSON.stringify(override)).not.toContain(S3.S3_SECRET_ACCESS_KEY);
    }
  });

  it('refuses S3_* without FILE_STORE, where files would silently stay on local disk', () => {
    expect(problems({ S3_BUCKET: 'motcua-files', S3_SECRET_ACCESS_KEY: 'khoa-bi-mat-123' })).toEqual([expect.stringMatching(/^FILE_STORE: set FILE_STORE=s3 to use S3_BUCKET, S3_SECRET_ACCESS_KEY/)]);
  });
});

describe('ASSISTANT_LLM_* (the optional LLM phrasing of assistant answers)', () => {
  it('is off unless ASSISTANT_LLM_URL is set; then the model is required and the timeout defaults to 8 s', () => {
    expect(parseConfig({}).assistantLlm).toBeUndefined();
    expect(parseConfig({ ASSISTANT_LLM_MODEL: 'qwen2.5:3b' }).assistantLlm).toBeUndefined();
    expect(parseConfig({ ASSISTANT_LLM_URL: 'http://127.0.0.1:11434/v1/', ASSISTANT_LLM_MODEL: 'qwen2.5:3b' }).assistantLlm).toEqual({
      baseURL: 'http://127.0.0.1:11434/v1',
      model: 'qwen2.5:3b',
      apiKey: undefined,
      timeoutMs: 8000,
    });
    expect(parseConfig({ ASSISTANT_LLM_URL: 'https://llm.example.vn/v1', ASSISTANT_LLM_MODEL: 'm', ASSISTANT_LLM_API_KEY: 'sk-x', ASSISTANT_LLM_TIMEOUT_MS: '2500' }).assistantLlm).toMatchObject({
      apiKey: 'sk-x',
      timeoutMs: 2500,
    });
    expect(problems({ ASSISTANT_LLM_URL: 'http://127.0.0.1:11434/v1' })).toEqual([expect.stringMatching(/^ASSISTANT_LLM_MODEL: required/)]);
  });

  it('refuses a URL that is not http(s), or carries credentials, without echoing them; and a bad timeout', () => {
    for (const url of ['ftp://llm.example.vn/v1', '127.0.0.1:11434', 'http://user:khoa-bi-mat@llm.example.vn/v1', 'http://llm.example.vn/v1?key=khoa-bi-mat', 'khong phai url']) {
      const found = problems({ ASSISTANT_LLM_URL: url, ASSISTANT_LLM_MODEL: 'm' });
      expect(found, url).toHaveLength(1);
      expect(found[0], url).toMatch(/^ASSISTANT_LLM_URL: /);
      expect(found[0], url).not.toContain('khoa-bi-mat');
    }
    expect(problems({ ASSISTANT_LLM_URL: 'http://127.0.0.1:11434/v1', ASSISTANT_LLM_MODEL: 'm', ASSISTANT_LLM_TIMEOUT_MS: '10' })).toEqual([expect.stringMatching(/^ASSISTANT_LLM_TIMEOUT_MS/)]);
    expect(problems({ ASSISTANT_LLM_URL: 'http://127.0.0.1:11434/v1', ASSISTANT_LLM_MODEL: 'm', ASSISTANT_LLM_API_KEY: 'sk-secret' }).join(' ')).not.toContain('sk-secret');
  });
});
