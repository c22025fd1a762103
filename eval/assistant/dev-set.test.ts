import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Checks the assistant's development set (`dev-set.jsonl`, rules in README.md): every line is a
 * well-formed record, ids are unique, gold codes exist in the national catalog, and the share of
 * out-of-scope questions is about 20%.
 */

const ASPECTS = new Set(['documents', 'fee', 'time', 'where', 'how', 'conditions', 'result', 'general', 'status']);
const OOS_SHARE = { min: 0.15, max: 0.25 };

interface CatalogFile {
  procedures: { code: string }[];
}

function readCatalogCodes(): Set<string> {
  const catalog = JSON.parse(readFileSync(new URL('../../seed/catalog/procedures.json', import.meta.url), 'utf8')) as CatalogFile;
  return new Set(catalog.procedures.map((p) => p.code));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every problem found in a dev-set text, as "line N: …" messages; empty when the set is valid. */
export function checkDevSet(text: string, codes: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  let total = 0;
  let outOfScope = 0;
  text.split('\n').forEach((raw, index) => {
    const at = `line ${index + 1}`;
    if (raw.trim() === '') return;
    total += 1;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch {
      problems.push(`${at}: not JSON`);
      return;
    }
    if (!isRecord(row)) {
      problems.push(`${at}: not an object`);
      return;
    }
    const { id, question, gold, aspect } = row;
    const oos = row.outOfScope;
    const keys = Object.keys(row).sort().join(',');
    if (keys !== 'aspect,gold,id,outOfScope,question') problems.push(`${at}: fields are ${keys}`);
    if (typeof id !== 'string' || !/^ds-\d{3,}$/.test(id)) problems.push(`${at}: bad id`);
    else if (ids.has(id)) problems.push(`${at}: duplicate id ${id}`);
    else ids.add(id);
    if (typeof question !== 'string' || question.trim() === '') problems.push(`${at}: empty question`);
    if (typeof aspect !== 'string' || !ASPECTS.has(aspect)) problems.push(`${at}: bad aspect`);
    if (typeof oos !== 'boolean') problems.push(`${at}: outOfScope is not a boolean`);
    if (!Array.isArray(gold) || gold.some((c) => typeof c !== 'string')) {
      problems.push(`${at}: gold is not a list of codes`);
      return;
    }
    for (const code of gold) if (typeof code === 'string' && !codes.has(code)) problems.push(`${at}: unknown code ${code}`);
    if (oos === true) {
      outOfScope += 1;
      if (gold.length > 0) problems.push(`${at}: out of scope with gold codes`);
    } else if (aspect === 'status') {
      if (gold.length > 0) problems.push(`${at}: status question with gold codes`);
    } else if (gold.length < 1 || gold.length > 2) {
      problems.push(`${at}: in-scope question needs one or two gold codes`);
    }
  });
  const share = total === 0 ? 0 : outOfScope / total;
  if (share < OOS_SHARE.min || share > OOS_SHARE.max) problems.push(`out-of-scope share ${share.toFixed(3)} outside [${OOS_SHARE.min}, ${OOS_SHARE.max}]`);
  return problems;
}

describe('assistant dev set', () => {
  const codes = readCatalogCodes();
  const text = readFileSync(new URL('./dev-set.jsonl', import.meta.url), 'utf8');

  it('is valid: lines parse, ids unique, gold codes in the catalog, ~20% out of scope', () => {
    expect(checkDevSet(text, codes)).toEqual([]);
  });

  it('has at least 320 questions and every catalog procedure as gold at least twice', () => {
    const rows = text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { gold: string[] });
    expect(rows.length).toBeGreaterThanOrEqual(320);
    const seen = new Map<string, number>();
    for (const row of rows) for (const code of row.gold) seen.set(code, (seen.get(code) ?? 0) + 1);
    expect([...codes].filter((c) => (seen.get(c) ?? 0) < 2)).toEqual([]);
  });

  it('reports broken sets (the check can fail)', () => {
    const ok = '{"id":"ds-001","question":"q","gold":["1.001193"],"aspect":"fee","outOfScope":false}';
    const oos = '{"id":"ds-002","question":"q","gold":[],"aspect":"general","outOfScope":true}';
    const fine = [ok, oos, ok.replace('ds-001', 'ds-003'), ok.replace('ds-001', 'ds-004'), ok.replace('ds-001', 'ds-005')].join('\n');
    expect(checkDevSet(fine, codes)).toEqual([]);
    expect(checkDevSet(`${fine}\n{not json`, codes).join()).toContain('not JSON');
    expect(checkDevSet(`${fine}\n${ok}`, codes).join()).toContain('duplicate id ds-001');
    expect(checkDevSet(fine.replace('1.001193', '9.999999'), codes).join()).toContain('unknown code 9.999999');
    expect(checkDevSet([ok, oos, oos.replace('ds-002', 'ds-006')].join('\n'), codes).join()).toContain('out-of-scope share');
    expect(checkDevSet(ok.replace('"aspect":"fee",', ''), codes).join()).toContain('fields are');
  });
});
