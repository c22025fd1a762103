import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from '../src/server/modules/catalog/catalog-file.js';
import { buildCatalog, CatalogBuildError, DEFAULT_ALIASES, DEFAULT_OUT, DEFAULT_SOURCE, parseAliases } from './build-catalog.js';

const shippedText = readFileSync(DEFAULT_OUT, 'utf8');
const aliasesText = readFileSync(DEFAULT_ALIASES, 'utf8');

describe('the shipped catalog (seed/catalog/procedures.json)', () => {
  const parsed = parseCatalogFile(shippedText);

  it('parses and validates, with 74 procedures and a matching meta.count', () => {
    expect(parsed.ok ? [] : parsed.errors.slice(0, 5)).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.file.procedures).toHaveLength(74);
    expect(parsed.file.meta.count).toBe(74);
    expect(new Set(parsed.file.procedures.map((p) => p.code)).size).toBe(74);
  });

  it('gives every procedure derived values and at least three citizen phrasings', () => {
    if (!parsed.ok) throw new Error('shipped catalog does not parse');
    const thin = parsed.file.procedures.filter((p) => (p.derived?.aliases.phrases.length ?? 0) < 3).map((p) => p.code);
    expect(thin).toEqual([]);
    expect(parsed.file.procedures.every((p) => p.derived?.documents.length === p.documents.length)).toBe(true);
  });

  it('says how it was built and from what', () => {
    if (!parsed.ok) throw new Error('shipped catalog does not parse');
    expect(parsed.file.meta.build).toMatchObject({ tool: 'scripts/build-catalog.ts', aliasesFile: 'seed/catalog/aliases.json' });
    expect(parsed.file.meta.build?.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is entirely NFC and 2-space indented', () => {
    expect(shippedText.normalize('NFC') === shippedText).toBe(true);
    expect(shippedText.startsWith('{\n  "meta": {\n    "description"')).toBe(true);
    expect(shippedText.endsWith('}\n')).toBe(true);
  });
});

describe('aliases file', () => {
  const codes = (JSON.parse(shippedText) as { procedures: { code: string }[] }).procedures.map((p) => p.code);

  it('covers exactly the catalog codes', () => {
    expect(Object.keys(parseAliases(aliasesText, codes)).sort()).toEqual([...codes].sort());
  });

  it('rejects a missing procedure, an unknown code and a thin entry', () => {
    const aliases = JSON.parse(aliasesText) as Record<string, string[]>;
    const [firstCode = '', secondCode = ''] = codes;
    const { [firstCode]: _dropped, ...missing } = aliases;
    expect(() => parseAliases(JSON.stringify(missing), codes)).toThrow(new RegExp(`${firstCode}: fewer than 3`));
    expect(() => parseAliases(JSON.stringify({ ...aliases, '9.999999': ['a b', 'c d', 'e f'] }), codes)).toThrow(/9\.999999: not a procedure/);
    expect(() => parseAliases(JSON.stringify({ ...aliases, [secondCode]: ['chỉ một'] }), codes)).toThrow(CatalogBuildError);
  });
});

// shared/ exists beside the checkout and in CI, never on a user's machine.
describe.skipIf(!existsSync(DEFAULT_SOURCE))('rebuilding from shared/data/procedures.json', () => {
  const sourceText = existsSync(DEFAULT_SOURCE) ? readFileSync(DEFAULT_SOURCE, 'utf8') : '';

  it('reproduces the shipped file byte for byte (it is up to date and the build is deterministic)', () => {
    const first = buildCatalog({ sourceText, aliasesText });
    const second = buildCatalog({ sourceText, aliasesText });
    expect(second.text).toBe(first.text);
    expect(first.text === shippedText).toBe(true);
  });

  it('keeps every verbatim field of the source (modulo NFC)', () => {
    const source = JSON.parse(sourceText.normalize('NFC')) as { procedures: Record<string, unknown>[] };
    const built = JSON.parse(shippedText) as { procedures: Record<string, unknown>[] };
    built.procedures.forEach((p, i) => {
      const { derived: _derived, ...verbatim } = p;
      expect(verbatim).toEqual(source.procedures[i]);
    });
  });
});
