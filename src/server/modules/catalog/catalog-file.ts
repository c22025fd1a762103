/**
 * The procedure catalog file: `{ meta, procedures: [...] }`, exactly the format of the
 * published-records crawl (shared/data/procedures.json), plus an optional `derived` object per
 * procedure that motcua adds (see derived-schema.ts). The product ships its own cleaned copy in
 * seed/catalog/procedures.json; a center may edit it, so `parseCatalogFile` reports every
 * problem with the line and column where the offending value starts.
 */
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { collectCatalogErrors } from './catalog-file-errors.js';
import { DerivedSchema, Nullable } from './derived-schema.js';
import { parseJsonWithPositions } from './json-positions.js';

export * from './derived-schema.js';

const strict = { additionalProperties: false } as const;

/** National procedure code (mã thủ tục), e.g. 1.001193. */
export const PROCEDURE_CODE_PATTERN = '^[0-9]\\.[0-9]{6}$';

export const CatalogDocumentSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    copies: Type.Integer({ minimum: 0 }),
    copyType: Type.String({ minLength: 1 }),
    group: Nullable(Type.String()),
    form: Nullable(Type.String()),
  },
  strict,
);

export const ProcessingTimeSchema = Type.Object(
  {
    text: Type.String(),
    workingDays: Nullable(Type.Number({ minimum: 0 })),
    days: Nullable(Type.Number({ minimum: 0 })),
    unitAsPublished: Nullable(Type.String()),
    timeStatementsInSteps: Nullable(Type.Array(Type.String())),
    after15hNextWorkingDay: Nullable(Type.Boolean()),
    notes: Nullable(Type.Array(Type.String())),
  },
  strict,
);

export const FeeSchema = Type.Object(
  {
    text: Type.Array(Type.String()),
    amountsVND: Nullable(Type.Array(Type.Integer({ minimum: 0 }))),
  },
  strict,
);

export const ProcedureRecordSchema = Type.Object(
  {
    code: Type.String({ pattern: PROCEDURE_CODE_PATTERN }),
    name: Type.String({ minLength: 1 }),
    field: Type.String({ minLength: 1 }),
    level: Type.String(),
    levelAsPublished: Type.String(),
    publishingDecision: Type.String(),
    authorityAsPublished: Type.Object(
      { coQuanThucHien: Nullable(Type.String()), coQuanCoThamQuyen: Nullable(Type.String()) },
      strict,
    ),
    submissionChannels: Type.Array(Type.String()),
    processingTime: ProcessingTimeSchema,
    fee: FeeSchema,
    documents: Type.Array(CatalogDocumentSchema),
    resultType: Type.Array(Type.String()),
    legalBasis: Type.Array(Type.String()),
    onlineLevel: Nullable(Type.String()),
    source: Type.Object({ dataset: Type.String(), portalUrl: Type.String(), note: Type.String() }, strict),
    derived: Type.Optional(DerivedSchema),
  },
  strict,
);

/** How a shipped catalog was built (absent in the raw crawl). */
export const CatalogBuildSchema = Type.Object(
  {
    tool: Type.String(),
    sourceFile: Type.String(),
    sourceSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    aliasesFile: Type.String(),
    derivedFieldNotes: Type.Record(Type.String(), Type.String()),
    caveats: Type.Array(Type.String()),
  },
  strict,
);

export const CatalogMetaSchema = Type.Object(
  {
    description: Type.String(),
    primarySource: Type.String(),
    fieldNotes: Type.Record(Type.String(), Type.String()),
    caveats: Type.Array(Type.String()),
    count: Type.Integer({ minimum: 0 }),
    build: Type.Optional(CatalogBuildSchema),
  },
  strict,
);

export const CatalogFileSchema = Type.Object(
  { meta: CatalogMetaSchema, procedures: Type.Array(ProcedureRecordSchema) },
  strict,
);

export type CatalogDocument = Static<typeof CatalogDocumentSchema>;
export type ProcessingTime = Static<typeof ProcessingTimeSchema>;
export type Fee = Static<typeof FeeSchema>;
export type ProcedureRecord = Static<typeof ProcedureRecordSchema>;
export type CatalogBuild = Static<typeof CatalogBuildSchema>;
export type CatalogMeta = Static<typeof CatalogMetaSchema>;
export type CatalogFile = Static<typeof CatalogFileSchema>;

export interface CatalogFileError {
  /** 1-based line where the offending value (or the object missing a field) starts. */
  line: number;
  column: number;
  /** JSON pointer of the value, e.g. `/procedures/2/name`; `""` for a syntax error. */
  path: string;
  /** Vietnamese, ready to show: "Dòng 12, cột 5: thiếu trường bắt buộc 'name'". */
  message: string;
}

export type ParseCatalogResult = { ok: true; file: CatalogFile } | { ok: false; errors: CatalogFileError[] };

let compiled: ReturnType<typeof TypeCompiler.Compile<typeof CatalogFileSchema>> | undefined;

/** The compiled validator, built on first use (compiling takes a few milliseconds). */
export function catalogFileValidator(): ReturnType<typeof TypeCompiler.Compile<typeof CatalogFileSchema>> {
  compiled ??= TypeCompiler.Compile(CatalogFileSchema);
  return compiled;
}

/**
 * Parses and validates the text of a catalog file. Syntax errors stop at the first one (with its
 * line/column); otherwise every schema error, duplicate key, duplicate procedure code and a wrong
 * `meta.count` is reported, sorted by position.
 */
export function parseCatalogFile(text: string): ParseCatalogResult {
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) {
    const { line, column } = parsed;
    return { ok: false, errors: [{ line, column, path: '', message: `Dòng ${line}, cột ${column}: ${parsed.message}` }] };
  }
  const validator = catalogFileValidator();
  const errors = collectCatalogErrors(parsed.value, parsed.map, validator.Errors(parsed.value));
  if (errors.length > 0 || !validator.Check(parsed.value)) {
    return { ok: false, errors };
  }
  return { ok: true, file: parsed.value };
}
