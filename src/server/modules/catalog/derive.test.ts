import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CatalogFile, ProcedureRecord } from './catalog-file.js';
import { deriveDocument, deriveField, deriveProcedure, normalizeAliases, splitFormFile } from './derive.js';

/** Verbatim records, read from the shipped catalog (its `derived` is dropped and recomputed here). */
const seed = JSON.parse(
  readFileSync(new URL('../../../../seed/catalog/procedures.json', import.meta.url), 'utf8'),
) as CatalogFile;

function record(code: string): ProcedureRecord {
  const found = seed.procedures.find((p) => p.code === code);
  if (found === undefined) throw new Error(`no procedure ${code} in the shipped catalog`);
  const { derived: _derived, ...verbatim } = found;
  return verbatim;
}

const derive = (code: string) => deriveProcedure(record(code), { aliases: ['làm giấy tờ'] });

describe('processing time', () => {
  it('khai sinh 1.001193: the unit-less "1" is one working day, same day, next working day after 15:00', () => {
    const p = derive('1.001193').processing;
    expect(p.textAsPublished).toBe('Trực tuyến: 1; Dịch vụ bưu chính: 1; Trực tiếp: 1');
    expect(p).toMatchObject({ basis: 'unitless-civil-status', workingDays: 1, sameDay: true, after15hNextWorkingDay: true, after15hSource: 'record' });
    expect(p.rows.map((r) => [r.channelCode, r.valueAsPublished, r.amount, r.unit])).toEqual([
      ['truc-tuyen', '1', 1, 'working-days'],
      ['buu-chinh', '1', 1, 'working-days'],
      ['truc-tiep', '1', 1, 'working-days'],
    ]);
    expect(p.citations.join('\n')).toContain('Luật Hộ tịch 60/2014/QH13, Điều 5 khoản 3');
    expect(p.citations.join('\n')).toContain('sau 15 giờ');
  });

  it('đăng ký giám hộ 1.004837: 3 stated working days', () => {
    const p = derive('1.004837').processing;
    expect(p).toMatchObject({ basis: 'stated-working-days', varies: 'no', workingDays: 3, calendarDays: null, sameDay: false });
    expect(p.limit).toEqual({ amount: 3, unit: 'working-days' });
  });

  it('chứng thực bản sao 2.000815: no value on the portal, same day by Nghị định 23/2015 Art. 7', () => {
    const p = derive('2.000815').processing;
    expect(p.textAsPublished).toContain('Không có thông tin');
    expect(p).toMatchObject({ basis: 'legal-default', workingDays: 1, sameDay: true, after15hNextWorkingDay: true, after15hSource: 'law' });
    expect(p.citations[0]).toMatch(/^Nghị định 23\/2015\/NĐ-CP, Điều 7/);
  });

  it('chứng thực hợp đồng 2.001035: at most 2 working days by Art. 37', () => {
    expect(derive('2.001035').processing).toMatchObject({ basis: 'legal-default', workingDays: 2, sameDay: false });
  });

  it('a "Ngày" record is calendar days, not working days', () => {
    const p = derive('1.014159').processing; // Cung cấp thông tin quy hoạch: "10 Ngày"
    expect(p).toMatchObject({ basis: 'calendar-days', calendarDays: 10, workingDays: null });
  });

  it('a "Ngày" record whose own description says "ngày làm việc" is working days', () => {
    const p = derive('2.000986').processing; // liên thông khai sinh – thường trú – BHYT: "20 Ngày"
    expect(p).toMatchObject({ basis: 'stated-working-days', workingDays: 20, method: 'stated-unit-corrected-by-description' });
  });

  it('thông báo lưu trú 2.001159 is counted in hours', () => {
    expect(derive('2.001159').processing).toMatchObject({ basis: 'hours', hours: 1, workingDays: null, calendarDays: null });
  });

  it('keeps per-channel limits and uses the longest as the single limit', () => {
    const p = derive('1.013978').processing; // cấp Giấy chứng nhận lần đầu: 17 / 20 / 27 working days
    expect(p.varies).toBe('by-channel');
    expect(p.rows.map((r) => [r.channelCode, r.amount])).toEqual([
      ['truc-tuyen', 17],
      ['buu-chinh', 20],
      ['truc-tiep', 27],
    ]);
    expect(p.workingDays).toBe(27);
  });

  it('marks limits that depend on the case (1 or 3 working days for xác nhận cư trú)', () => {
    const p = derive('1.010041').processing;
    expect(p).toMatchObject({ basis: 'case-dependent', varies: 'by-case', workingDays: 3 });
    expect(p.rows.map((r) => r.amount)).toEqual([1, 3]);
  });

  it('leaves a unit-less value outside hộ tịch empty when nothing confirms it', () => {
    expect(derive('1.011606').processing).toMatchObject({ basis: 'unitless-unknown', workingDays: null, limit: null });
  });
});

describe('fee', () => {
  it('chứng thực 2.000815: 2,000 đồng/trang, 1,000 from page 3, at most 200,000', () => {
    const f = derive('2.000815').fee;
    expect(f.free).toBe(false);
    expect(f.amountsVND).toEqual([1000, 2000, 200000]);
    expect(f.byChannel[0]).toMatchObject({ channelCode: 'truc-tiep', amountVND: 2000, perUnit: '/trang' });
    expect(f.textAsPublished).toEqual(record('2.000815').fee.text);
  });

  it('khai sinh is free; khai tử defers to the provincial council, so free is unknown', () => {
    expect(derive('1.001193').fee).toMatchObject({ free: true, amountsVND: null, setByProvince: false });
    expect(derive('1.000656').fee).toMatchObject({ free: null, setByProvince: true });
  });

  it('reads different amounts per channel (đăng ký thường trú: 10,000 online, 20,000 in person)', () => {
    const f = derive('1.004222').fee;
    expect(f.byChannel.map((c) => [c.channelCode, c.amountVND])).toEqual([
      ['truc-tuyen', 10000],
      ['truc-tiep', 20000],
    ]);
  });
});

describe('documents', () => {
  it('splits the case heading glued to a khai sinh document into a condition', () => {
    const [first] = derive('1.001193').documents;
    expect(first).toMatchObject({
      nameAsPublished: 'Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập.',
      name: 'Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập.',
      condition: 'Trường hợp trẻ em bị bỏ rơi',
      copies: 1,
      copyType: 'bản chính',
      kind: 'document',
    });
  });

  it('keeps an unconditional document as published, with the channel it is for', () => {
    const docs = derive('1.001193').documents;
    const form = docs.find((d) => d.name.startsWith('Tờ khai đăng ký khai sinh'));
    expect(form).toMatchObject({ condition: null, channels: ['truc-tiep', 'buu-chinh'], method: 'channels-from-text' });
    expect(form?.name).toBe(form?.nameAsPublished.replace(/;$/, ''));
  });

  it('splits a heading glued without a space ("…của mìnhVăn bản…")', () => {
    const [first] = derive('1.004222').documents;
    expect(first?.condition).toBe('Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình');
    expect(first?.name).toMatch(/^Văn bản xác nhận của Ủy ban nhân dân cấp xã về địa điểm phương tiện/);
  });

  it('takes the form file name off the end of a document name', () => {
    const [first] = derive('1.011606').documents;
    expect(first?.formFile).toBe('Giấy đề nghị.pdf');
    expect(first?.name).toMatch(/Quyết định số 24\/2021\/QĐ-TTg$/);
    expect(splitFormFile('Tờ khai (Mẫu CT01 ban hành kèm theo Thông tư số', '53/2025/TT-BCA).1.MuCT01banhnhkmtheoThngts53.doc')).toEqual({
      name: 'Tờ khai (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA)',
      formFile: '1.MuCT01banhnhkmtheoThngts53.doc',
    });
  });

  it('separates a preamble ending in a Vietnamese letter from the document, and a note from documents', () => {
    const [first] = derive('2.001263').documents; // "Hồ sơ của người nhận con nuôi: - Đơn xin nhận con nuôi;1.nxinnhnconnui.doc"
    expect(first).toMatchObject({ heading: 'Hồ sơ của người nhận con nuôi', name: 'Đơn xin nhận con nuôi', formFile: '1.nxinnhnconnui.doc' });
    const note = derive('1.002755').documents.find((d) => d.nameAsPublished.startsWith('Lưu ý'));
    expect(note?.kind).toBe('note');
  });

  it('does not eat the word after the verb ("phải nộp lại Giấy…")', () => {
    const doc = deriveDocument({
      name: 'Trường hợp giấy đã hết hạn thì phải nộp lại Giấy xác nhận tình trạng hôn nhân đã được cấp trước đó.',
      copies: 1,
      copyType: 'bản chính',
      group: null,
      form: null,
    });
    expect(doc).toMatchObject({ condition: 'Trường hợp giấy đã hết hạn', name: 'Giấy xác nhận tình trạng hôn nhân đã được cấp trước đó.' });
  });

  it('marks documents that must only be shown (xuất trình)', () => {
    const doc = derive('1.000656').documents.find((d) => d.condition?.startsWith('Trường hợp không xác định được nơi cư trú cuối cùng'));
    expect(doc).toMatchObject({ action: 'present', name: 'Giấy tờ chứng minh nơi người đó chết hoặc nơi phát hiện thi thể của người chết.' });
  });
});

describe('field, aliases and normalisation', () => {
  it('gives each field a stable ASCII code and keeps the published name', () => {
    expect(derive('1.001612').field).toEqual({
      code: 'ho-kinh-doanh',
      nameAsPublished: 'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)',
      method: 'field-code-table',
    });
    expect(deriveField('Lĩnh vực Đo đạc')).toMatchObject({ code: 'linh-vuc-do-dac', method: 'field-code-slug-of-name' });
  });

  it('cleans aliases: NFC, single spaces, duplicates after folding dropped', () => {
    expect(normalizeAliases(['Làm  căn cước', 'lam can cuoc', 'La\u0300m ho\u0302\u0323 chie\u0302\u0301u'])).toEqual(['Làm căn cước', 'Làm hộ chiếu']);
  });

  it('derives the same values from a decomposed (NFD) copy of a record', () => {
    const nfd = JSON.parse(JSON.stringify(record('1.001193')).normalize('NFD')) as ProcedureRecord;
    expect(deriveProcedure(nfd, { aliases: ['làm giấy tờ'] })).toEqual(derive('1.001193'));
  });
});
