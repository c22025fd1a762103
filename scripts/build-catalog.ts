/**
 * Builds the catalog the product ships (seed/catalog/procedures.json) from the published-records
 * crawl (shared/data/procedures.json, beside the checkout) and the hand-written aliases
 * (seed/catalog/aliases.json): validates both, adds `derived` to every procedure and writes the
 * result deterministically (source order, 2-space indent, NFC, trailing newline).
 *
 *   npx tsx scripts/build-catalog.ts [source.json] [--aliases file] [--out file] [--check]
 *
 * `--check` writes nothing and exits 1 when the shipped file is not what the build produces.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  parseCatalogFile,
  type CatalogFile,
  type CatalogFileError,
  type ProcedureRecord,
} from '../src/server/modules/catalog/catalog-file.js';
import { deriveProcedure, toNFCDeep } from '../src/server/modules/catalog/derive.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SOURCE = path.resolve(REPO_ROOT, '../shared/data/procedures.json');
export const DEFAULT_ALIASES = path.join(REPO_ROOT, 'seed/catalog/aliases.json');
export const DEFAULT_OUT = path.join(REPO_ROOT, 'seed/catalog/procedures.json');

/** Fewer phrasings than this per procedure make the citizen-vocabulary search too thin. */
const MIN_ALIASES = 3;

const AliasesSchema = Type.Record(Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' }), Type.Array(Type.String({ minLength: 2 })));

export class CatalogBuildError extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(details.length > 0 ? `${message}\n  ${details.join('\n  ')}` : message);
  }
}

const DERIVED_FIELD_NOTES: Readonly<Record<string, string>> = {
  derived:
    'Added by motcua (scripts/build-catalog.ts, src/server/modules/catalog/derive.ts). The verbatim fields beside it are the crawl, unchanged except that all text is normalised to Unicode NFC.',
  'derived.field': 'ASCII code of the field (lĩnh vực) and the field name as published.',
  'derived.processing':
    'rows = the portal time column parsed per channel/case (unit interpreted); basis says where the limit comes from; limit/workingDays/calendarDays/hours = the longest stated limit (per-channel values in rows); sameDay + after15hNextWorkingDay = same-day result, next working day after 15:00; method, note and citations say how each value was obtained (law articles, quoted steps).',
  'derived.fee':
    'free = true only when every channel says "Miễn phí" and nothing defers to provincial rules; null when it depends on the HĐND tỉnh / fee law or is not stated. byChannel = the amount shown per channel; amountsVND copied from the record.',
  'derived.documents':
    'One entry per verbatim document: name with any glued case heading (→ condition), preamble (→ heading) or form file-name tail (→ formFile) taken off; channels/action when the text says so; truncatedAtSource when the crawl cut the name at 600 characters.',
  'derived.aliases': 'Citizen phrasings for search, hand-written per procedure code in seed/catalog/aliases.json.',
};

const BUILD_CAVEATS = [
  'Derived values are a reading of the national record; a center must check them against its provincial decision (quyết định công bố), which may shorten times or set fees.',
  'Where the portal gives no time, the limit comes from the cited law (basis "legal-default") or the record\'s steps; where limits differ by case, workingDays is the longest and varies = "by-case".',
  'Document splitting is heuristic (the crawl flattened the table); nameAsPublished always keeps the verbatim text.',
];

function describe(errors: readonly CatalogFileError[]): string[] {
  return errors.slice(0, 20).map((e) => e.message);
}

/** Validates aliases.json against the catalog: every code present, nothing unknown, enough phrasings. */
export function parseAliases(text: string, codes: readonly string[]): Record<string, string[]> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CatalogBuildError(`aliases: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Value.Check(AliasesSchema, value)) {
    throw new CatalogBuildError('aliases: expected { "<code N.NNNNNN>": ["phrase", …] }', [
      ...[...Value.Errors(AliasesSchema, value)].slice(0, 10).map((e) => `${e.path}: ${e.message}`),
    ]);
  }
  const known = new Set(codes);
  const problems = [
    ...codes.filter((c) => (value[c]?.length ?? 0) < MIN_ALIASES).map((c) => `${c}: fewer than ${MIN_ALIASES} phrasings`),
    ...Object.keys(value).filter((c) => !known.has(c)).map((c) => `${c}: not a procedure of the catalog`),
  ];
  if (problems.length > 0) throw new CatalogBuildError('aliases: incomplete', problems);
  return value;
}

export interface BuildCatalogInput {
  sourceText: string;
  aliasesText: string;
  /** How the source is named in meta.build (relative to the repository's parent). */
  sourceFile?: string;
}

/** Builds the shipped catalog; returns the file object and its exact text. Pure, no I/O. */
export function buildCatalog(input: BuildCatalogInput): { file: CatalogFile; text: string } {
  const parsed = parseCatalogFile(input.sourceText);
  if (!parsed.ok) throw new CatalogBuildError('source catalog is invalid', describe(parsed.errors));
  const source = parsed.file;
  const aliases = parseAliases(
    input.aliasesText,
    source.procedures.map((p) => p.code),
  );
  const procedures = source.procedures.map((record): ProcedureRecord => {
    const { derived: _ignored, ...verbatim } = record;
    return { ...toNFCDeep(verbatim), derived: deriveProcedure(record, { aliases: aliases[record.code] ?? [] }) };
  });
  const meta = toNFCDeep(source.meta);
  const file: CatalogFile = {
    meta: {
      description: meta.description,
      primarySource: meta.primarySource,
      fieldNotes: meta.fieldNotes,
      caveats: meta.caveats,
      count: procedures.length,
      build: {
        tool: 'scripts/build-catalog.ts',
        sourceFile: input.sourceFile ?? 'shared/data/procedures.json',
        sourceSha256: createHash('sha256').update(input.sourceText).digest('hex'),
        aliasesFile: 'seed/catalog/aliases.json',
        derivedFieldNotes: DERIVED_FIELD_NOTES,
        caveats: BUILD_CAVEATS,
      },
    },
    procedures,
  };
  const text = `${JSON.stringify(file, null, 2)}\n`;
  const check = parseCatalogFile(text);
  if (!check.ok) throw new CatalogBuildError('built catalog does not validate', describe(check.errors));
  return { file, text };
}

function parseArgs(argv: readonly string[]): { source: string; aliases: string; out: string; check: boolean } {
  const args = { source: DEFAULT_SOURCE, aliases: DEFAULT_ALIASES, out: DEFAULT_OUT, check: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = (): string => {
      const value = argv[++i];
      if (value === undefined) throw new CatalogBuildError(`${arg ?? ''} needs a value`);
      return path.resolve(value);
    };
    if (arg === '--aliases') args.aliases = next();
    else if (arg === '--out') args.out = next();
    else if (arg === '--check') args.check = true;
    else if (arg !== undefined && !arg.startsWith('--')) args.source = path.resolve(arg);
    else throw new CatalogBuildError(`unknown option ${arg ?? ''}`);
  }
  return args;
}

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  const { file, text } = buildCatalog({
    sourceText: readFileSync(args.source, 'utf8'),
    aliasesText: readFileSync(args.aliases, 'utf8'),
    sourceFile: path.relative(path.dirname(REPO_ROOT), args.source),
  });
  if (args.check) {
    let current = '';
    try {
      current = readFileSync(args.out, 'utf8');
    } catch {
      current = '';
    }
    if (current !== text) {
      process.stderr.write(`${path.relative(REPO_ROOT, args.out)} is out of date: run npx tsx scripts/build-catalog.ts\n`);
      return 1;
    }
    process.stdout.write(`${path.relative(REPO_ROOT, args.out)} is up to date (${file.procedures.length} procedures)\n`);
    return 0;
  }
  writeFileSync(args.out, text);
  const withDays = file.procedures.filter((p) => p.derived?.processing.workingDays !== null).length;
  process.stdout.write(
    `wrote ${path.relative(REPO_ROOT, args.out)}: ${file.procedures.length} procedures, ${withDays} with workingDays\n`,
  );
  return 0;
}

const invokedAs = process.argv[1];
if (invokedAs !== undefined && import.meta.url === pathToFileURL(path.resolve(invokedAs)).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
