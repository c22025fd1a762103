import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile, type CatalogFile, type ProcedureRecord } from './catalog-file.js';
import { parseJsonWithPositions } from './json-positions.js';

const SEED = new URL('../../../../seed/catalog/procedures.json', import.meta.url);
const seed = JSON.parse(readFileSync(SEED, 'utf8')) as CatalogFile;

/** A small, valid catalog text: the first three shipped procedures, pretty-printed. */
function smallCatalog(edit: (procedures: Record<string, unknown>[]) => void = () => {}, eol = '\n'): string {
  const procedures = seed.procedures.slice(0, 3).map((p) => structuredClone(p) as unknown as Record<string, unknown>);
  edit(procedures);
  const file = { meta: { ...seed.meta, count: procedures.length }, procedures };
  return JSON.stringify(file, null, 2).replace(/\n/g, eol);
}

/** 1-based line and column where `needle` first occurs, searched from line `from`. */
function positionOf(text: string, needle: string, from = 1): { line: number; column: number } {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line, i) => i + 1 >= from && line.includes(needle));
  if (index === -1) throw new Error(`not found: ${needle}`);
  return { line: index + 1, column: (lines[index] ?? '').indexOf(needle) + 1 };
}

function lineOf(text: string, needle: string, from = 1): number {
  return positionOf(text, needle, from).line;
}

function third(): ProcedureRecord {
  const p = seed.procedures[2];
  if (p === undefined) throw new Error('seed has fewer than 3 procedures');
  return p;
}

describe('parseCatalogFile', () => {
  it('accepts a valid catalog and returns its procedures', () => {
    const result = parseCatalogFile(smallCatalog());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.file.procedures.map((p) => p.code)).toEqual(seed.procedures.slice(0, 3).map((p) => p.code));
  });

  it('reports the line and column of a JSON syntax error', () => {
    const text = '{\n  "meta": {},\n  "procedures": [\n    { "code": "1.001193" "name": "x" }\n  ]\n}\n';
    const result = parseCatalogFile(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 4, column: 26 });
    expect(result.errors[0]?.message).toMatch(/^Dòng 4, cột 26: cần dấu ',' hoặc '}'/);
  });

  it('reports a trailing comma and a truncated file at the right place', () => {
    const trailing = parseCatalogFile('{\n  "procedures": [1, 2,]\n}');
    // The error points at the "]" that follows the dangling comma.
    expect(trailing.ok ? null : trailing.errors[0]).toMatchObject({ line: 2, column: 23 });
    const truncated = parseCatalogFile('{\n  "meta": {\n    "count": 3');
    expect(truncated.ok ? null : truncated.errors[0]?.message).toMatch(/^Dòng 3, cột 15: JSON bị cắt cụt/);
  });

  it('reports a missing field in the 3rd procedure at the line where that procedure starts', () => {
    const text = smallCatalog((ps) => {
      delete ps[2]?.['name'];
    });
    const result = parseCatalogFile(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // The object that lacks the field starts on the line before its "code".
    const start = lineOf(text, `"code": "${third().code}"`) - 1;
    const column = (text.split('\n')[start - 1] ?? '').indexOf('{') + 1;
    expect(column).toBeGreaterThan(0);
    expect(result.errors).toEqual([
      {
        line: start,
        column,
        path: '/procedures/2/name',
        message: `Dòng ${start}, cột ${column}: thiếu trường bắt buộc 'name' (thủ tục ${third().code})`,
      },
    ]);
  });

  it('reports a wrong type at the line of the value, with CRLF line endings too', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = smallCatalog((ps) => {
        const docs = ps[2]?.['documents'] as Record<string, unknown>[];
        if (docs[0]) docs[0]['copies'] = 'một';
      }, eol);
      const result = parseCatalogFile(text);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      const expected = lineOf(text, '"copies": "một"');
      expect(result.errors.map((e) => [e.line, e.path])).toEqual([[expected, '/procedures/2/documents/0/copies']]);
      expect(result.errors[0]?.message).toContain("trường 'copies' phải là số nguyên, nhưng đang là chuỗi");
    }
  });

  it('rejects a code that is not N.NNNNNN, at the line of the code', () => {
    const text = smallCatalog((ps) => {
      if (ps[2]) ps[2]['code'] = '1.1193';
    });
    const result = parseCatalogFile(text);
    const at = positionOf(text, '"1.1193"');
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      `Dòng ${at.line}, cột ${at.column}: mã thủ tục '1.1193' không đúng định dạng N.NNNNNN (ví dụ 1.001193) (thủ tục 1.1193)`,
    ]);
  });

  it('rejects duplicate procedure codes, naming both lines', () => {
    const first = seed.procedures[0]?.code ?? '';
    const text = smallCatalog((ps) => {
      if (ps[1]) ps[1]['code'] = first;
    });
    const result = parseCatalogFile(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const firstLine = lineOf(text, `"code": "${first}"`);
    const second = positionOf(text, `"${first}"`, firstLine + 1);
    expect(result.errors.map((e) => e.message)).toEqual([
      `Dòng ${second.line}, cột ${second.column}: mã thủ tục '${first}' bị trùng (đã có ở dòng ${firstLine})`,
    ]);
  });

  it('flags an unknown (misspelt) field at its key, a repeated key, and a wrong meta.count', () => {
    const text = smallCatalog((ps) => {
      if (ps[0]) ps[0]['nmae'] = 'x';
    })
      .replace('"count": 3', '"count": 4')
      .replace(`"level": "xã",`, `"level": "xã",\n    "level": "xã",`);
    const result = parseCatalogFile(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.errors.map((e) => e.message);
    expect(messages).toContainEqual(expect.stringMatching(/^Dòng \d+, cột 1?\d: meta\.count là 4 nhưng tệp có 3 thủ tục$/));
    const key = positionOf(text, '"nmae"');
    expect(messages).toContainEqual(`Dòng ${key.line}, cột ${key.column}: trường 'nmae' không thuộc định dạng tệp danh mục (viết sai tên trường?) (thủ tục ${seed.procedures[0]?.code ?? ''})`);
    const firstLevel = lineOf(text, '"level": "xã"');
    expect(messages).toContainEqual(expect.stringContaining(`Dòng ${firstLevel + 1}, cột 5: trường 'level' bị lặp lại trong cùng đối tượng (lần đầu ở dòng ${firstLevel})`));
    // Sorted by position in the file.
    expect(result.errors.map((e) => e.line)).toEqual([...result.errors.map((e) => e.line)].sort((a, b) => a - b));
  });
});

describe('parseJsonWithPositions', () => {
  it('parses what JSON.parse parses, including escapes, and records value positions', () => {
    const text = '\uFEFF{"a": [1, -2.5e3, "x\\u00e9\\n"], "b": {"c": null, "d": true}}';
    const result = parseJsonWithPositions(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual(JSON.parse(text.slice(1)));
    expect(result.map.lineColumn(result.map.valueOffset.get('/b/c') ?? -1)).toEqual({ line: 1, column: 45 });
  });

  it('keeps "__proto__" as a plain key instead of changing the prototype', () => {
    const result = parseJsonWithPositions('{"__proto__": {"polluted": true}}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(Object.keys(result.value as object)).toEqual(['__proto__']);
  });

  it('rejects raw line breaks and bad escapes inside strings', () => {
    expect(parseJsonWithPositions('{"a": "x\ny"}')).toMatchObject({ ok: false, line: 1, column: 9 });
    expect(parseJsonWithPositions('{"a": "\\x"}')).toMatchObject({ ok: false, line: 1, column: 8 });
  });
});
