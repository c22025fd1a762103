import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { buildVietQrPayload, crc16CcittFalse, encodeVietQrPayload, vietQrSvg, type VietQrInput } from './vietqr.js';

/** A strict EMVCo TLV reader, written independently of the builder: every length must match exactly. */
function parseTlv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const id = text.slice(i, i + 2);
    const lengthText = text.slice(i + 2, i + 4);
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(lengthText)) throw new Error(`bad header at ${i}: ${text.slice(i)}`);
    const length = Number(lengthText);
    const value = text.slice(i + 4, i + 4 + length);
    if (length === 0 || value.length !== length) throw new Error(`field ${id} at ${i}: declared ${length}, ${value.length} left`);
    if (out.has(id)) throw new Error(`field ${id} repeated`);
    out.set(id, value);
    i += 4 + length;
  }
  return out;
}

interface Decoded {
  root: Map<string, string>;
  bin: string | undefined;
  account: string | undefined;
  service: string | undefined;
  guid: string | undefined;
  additional: Map<string, string>;
  crcOk: boolean;
}

/** Decodes a payload the way a bank app would: CRC last and valid, then the nested templates. */
function decode(payload: string): Decoded {
  const root = parseTlv(payload);
  const ids = [...root.keys()];
  if (ids[0] !== '00' || ids.at(-1) !== '63') throw new Error(`00 must come first and 63 last: ${ids.join(',')}`);
  const crcOk = payload.endsWith(`6304${root.get('63')}`) && crc16CcittFalse(payload.slice(0, -4)) === root.get('63');
  const merchant = parseTlv(root.get('38') ?? '');
  const beneficiary = parseTlv(merchant.get('01') ?? '');
  return {
    root,
    guid: merchant.get('00'),
    bin: beneficiary.get('00'),
    account: beneficiary.get('01'),
    service: merchant.get('02'),
    additional: root.has('62') ? parseTlv(root.get('62') ?? '') : new Map(),
    crcOk,
  };
}

function refusal(input: VietQrInput): { code: string; paths: string[] } | undefined {
  try {
    buildVietQrPayload(input);
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, paths: (error.options.errors ?? []).map((e) => e.path) };
  }
}

/** Published payloads (see the sources in vietqr.ts). */
const NAPAS_DYNAMIC =
  '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E';
/** NAPAS spec v1.5.2, static example: as printed, 38.01.01 says 12 characters but 13 follow (a typo the CRC was computed over). */
const NAPAS_STATIC_AS_PRINTED = '00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5';
const NAPAS_STATIC_CARD = '00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52';
const SUBIZ_STATIC = '00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4';
const SUBIZ_DYNAMIC = '00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA53037045405401235802VN62200816test text string6304D9C6';
const SUBIZ_FOLDED = '00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA53037045405401235802VN62160812chuyen khoan6304722F';
const SUBIZ_README = '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';

describe('crc16CcittFalse', () => {
  it('matches the CRC catalogue check value and every published payload', () => {
    expect(crc16CcittFalse('123456789')).toBe('29B1');
    for (const payload of [NAPAS_DYNAMIC, NAPAS_STATIC_AS_PRINTED, NAPAS_STATIC_CARD, SUBIZ_STATIC, SUBIZ_DYNAMIC, SUBIZ_FOLDED, SUBIZ_README]) {
      expect(crc16CcittFalse(payload.slice(0, -4)), payload).toBe(payload.slice(-4));
    }
  });

  it('pads to four digits (values cross-checked with Python binascii.crc_hqx(data, 0xFFFF))', () => {
    expect(crc16CcittFalse('')).toBe('FFFF');
    expect(crc16CcittFalse('HS317')).toBe('004B');
  });
});

describe('encodeVietQrPayload reproduces published payloads byte for byte', () => {
  it('NAPAS v1.5.2 dynamic "IBFT to account" example', () => {
    expect(encodeVietQrPayload({ bankBin: '970403', accountNumber: '0011012345678', amount: '180000', billNumber: 'NPS6869', purpose: 'thanh toan don hang' })).toBe(NAPAS_DYNAMIC);
  });

  it('subiz/vietqr examples', () => {
    expect(encodeVietQrPayload({ bankBin: '970423', accountNumber: '0099999999' })).toBe(SUBIZ_STATIC);
    expect(encodeVietQrPayload({ bankBin: '970422', accountNumber: '0023457923442', amount: '40123', purpose: 'test text string' })).toBe(SUBIZ_DYNAMIC);
    expect(encodeVietQrPayload({ bankBin: '970422', accountNumber: '0023457923442', amount: '40123', purpose: 'chuyen khoan' })).toBe(SUBIZ_FOLDED);
    expect(encodeVietQrPayload({ bankBin: '970415', accountNumber: '0011001932418', amount: '120000', purpose: 'ung ho lu lut' })).toBe(SUBIZ_README);
  });

  it('the TLV reader accepts the published payloads and catches the typo in the NAPAS static example', () => {
    const napas = decode(NAPAS_DYNAMIC);
    expect(napas).toMatchObject({ guid: 'A000000727', bin: '970403', account: '0011012345678', service: 'QRIBFTTA', crcOk: true });
    expect(Object.fromEntries(napas.additional)).toEqual({ '01': 'NPS6869', '08': 'thanh toan don hang' });
    expect(decode(NAPAS_STATIC_CARD)).toMatchObject({ bin: '970403', account: '9704031101234567', service: 'QRIBFTTC', crcOk: true });
    expect(() => decode(NAPAS_STATIC_AS_PRINTED)).toThrow(/field 01 .*declared 12|bad header/);
  });
});

describe('buildVietQrPayload', () => {
  it('builds a static QR (payer types the amount) identical to a published one', () => {
    expect(buildVietQrPayload({ bankBin: '970423', accountNumber: '0099999999' })).toBe(SUBIZ_STATIC);
  });

  it('builds a dynamic QR with the fee and the dossier code, folded to ASCII upper case', () => {
    const payload = buildVietQrPayload({ bankBin: '970436', accountNumber: '0071000123456', amountVnd: 50_000, purpose: 'Lệ phí HS-2025.000123' });
    const decoded = decode(payload);
    expect(decoded.crcOk).toBe(true);
    expect(Object.fromEntries(decoded.root)).toMatchObject({ '00': '01', '01': '12', '53': '704', '54': '50000', '58': 'VN' });
    expect(decoded).toMatchObject({ guid: 'A000000727', bin: '970436', account: '0071000123456', service: 'QRIBFTTA' });
    expect(Object.fromEntries(decoded.additional)).toEqual({ '08': 'LE PHI HS 2025 000123' });
    expect([...decoded.root.keys()]).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
  });

  it('round-trips every field through the independent reader', () => {
    const cases: VietQrInput[] = [
      { bankBin: '970415', accountNumber: '1', amountVnd: 1 },
      { bankBin: '970418', accountNumber: 'A'.repeat(19), amountVnd: 9_999_999_999_999, purpose: 'X'.repeat(25) },
      { bankBin: '970405', accountNumber: 'VQR0123abc', purpose: 'Đăng ký khai sinh' },
    ];
    for (const input of cases) {
      const decoded = decode(buildVietQrPayload(input));
      expect(decoded.crcOk).toBe(true);
      expect(decoded.bin).toBe(input.bankBin);
      expect(decoded.account).toBe(input.accountNumber);
      expect(decoded.root.get('01')).toBe(input.amountVnd === undefined ? '11' : '12');
      expect(decoded.root.get('54')).toBe(input.amountVnd === undefined ? undefined : String(input.amountVnd));
      expect(decoded.additional.get('08')).toBe(input.purpose === undefined ? undefined : input.purpose === 'Đăng ký khai sinh' ? 'DANG KY KHAI SINH' : input.purpose);
    }
  });

  it('refuses invalid input, naming every bad field', () => {
    expect(refusal({ bankBin: '97040', accountNumber: '12 34', amountVnd: 0, purpose: '!!!' })).toEqual({
      code: 'PAYMENT_QR_INVALID',
      paths: ['/bankBin', '/accountNumber', '/amountVnd', '/purpose'],
    });
    expect(refusal({ bankBin: '97040a', accountNumber: '1' })?.paths).toEqual(['/bankBin']);
    expect(refusal({ bankBin: '970403', accountNumber: '1'.repeat(20) })?.paths).toEqual(['/accountNumber']);
    expect(refusal({ bankBin: '970403', accountNumber: '' })?.paths).toEqual(['/accountNumber']);
    expect(refusal({ bankBin: '970403', accountNumber: '123/../4' })?.paths).toEqual(['/accountNumber']);
    for (const amountVnd of [-1, 1.5, Number.NaN, 10_000_000_000_000, Number.MAX_SAFE_INTEGER + 2]) {
      expect(refusal({ bankBin: '970403', accountNumber: '1', amountVnd })?.paths, String(amountVnd)).toEqual(['/amountVnd']);
    }
    expect(refusal({ bankBin: '970403', accountNumber: '1', purpose: 'X'.repeat(26) })?.paths).toEqual(['/purpose']);
    // 27 characters once folded ("LE PHI HO SO HS 2025 000123"): refused, never cut short.
    expect(refusal({ bankBin: '970403', accountNumber: '1', purpose: 'Lệ phí hồ sơ HS-2025.000123' })?.paths).toEqual(['/purpose']);
    expect(refusal({ bankBin: '970403', accountNumber: '1', purpose: '费用' })?.paths).toEqual(['/purpose']);
    expect(refusal({ bankBin: '970403', accountNumber: '1', purpose: '' })?.paths).toEqual(['/purpose']);
  });
});

describe('vietQrSvg', () => {
  it('renders the payload as an SVG QR code', async () => {
    const svg = await vietQrSvg(SUBIZ_STATIC);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('viewBox');
    expect(svg).not.toMatch(/<script/i);
  });
});
