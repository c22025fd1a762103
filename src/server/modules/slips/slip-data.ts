/**
 * Input of the official slips (biểu mẫu, Phụ lục I Thông tư 03/2025/TT-VPCP, Mẫu 01–07): plain
 * data, no database. Instants are `Date`s (printed in Asia/Ho_Chi_Minh); everything else is the
 * text to print, already in Vietnamese. The dossier module builds these from its rows; the
 * renderer validates them with these schemas (`parseSlipData`) and normalises strings to NFC.
 *
 * Layouts and their sources: docs/slips.md.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

const Text = (options: { maxLength?: number } = {}) => Type.String({ minLength: 1, maxLength: options.maxLength ?? 500 });
const Strict = { additionalProperties: false } as const;

/** The issuing body, printed top left (ND 30/2020 layout: superior body, then the body itself). */
export const AgencySchema = Type.Object(
  {
    /** Superior body, printed in capitals: "UBND PHƯỜNG HÒA HƯNG". */
    superior: Text({ maxLength: 120 }),
    /** The body itself, printed in bold capitals: "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG". */
    name: Text({ maxLength: 120 }),
    /** Its name inside sentences: "Trung tâm Phục vụ hành chính công phường Hòa Hưng". */
    fullName: Text({ maxLength: 200 }),
    /** Place of the date line: "Hòa Hưng" → "Hòa Hưng, ngày 27 tháng 11 năm 2026". */
    place: Text({ maxLength: 80 }),
    phone: Type.Optional(Text({ maxLength: 40 })),
    /** Public lookup site named in the guidance lines, e.g. "dichvucong.gov.vn". */
    website: Type.Optional(Text({ maxLength: 200 })),
  },
  Strict,
);
export type Agency = Static<typeof AgencySchema>;

export const PersonSchema = Type.Object(
  {
    name: Text({ maxLength: 200 }),
    /** "Ông", "Bà" or nothing (then "Ông/Bà" is printed where a form addresses the person). */
    honorific: Type.Optional(Type.Union([Type.Literal('Ông'), Type.Literal('Bà')])),
    address: Type.Optional(Text()),
    phone: Type.Optional(Text({ maxLength: 40 })),
    email: Type.Optional(Text({ maxLength: 200 })),
    /** Số định danh cá nhân / CCCD / hộ chiếu. */
    idNumber: Type.Optional(Text({ maxLength: 40 })),
  },
  Strict,
);
export type Person = Static<typeof PersonSchema>;

/** A dossier component with its counts by kind of copy (bản chính / bản sao chứng thực / bản photo). */
export const DocumentItemSchema = Type.Object(
  {
    name: Text({ maxLength: 2000 }),
    originals: Type.Integer({ minimum: 0, maximum: 999 }),
    certifiedCopies: Type.Integer({ minimum: 0, maximum: 999 }),
    photocopies: Type.Integer({ minimum: 0, maximum: 999 }),
    /** Printed in italics under the name (what to complete, which case it covers …). */
    note: Type.Optional(Text({ maxLength: 1000 })),
  },
  Strict,
);
export type DocumentItem = Static<typeof DocumentItemSchema>;

/** An official who signs; `title` is the block's heading when the layout lets it vary. */
export const SignerSchema = Type.Object(
  { name: Type.Optional(Text({ maxLength: 200 })), title: Type.Optional(Text({ maxLength: 120 })) },
  Strict,
);
export type Signer = Static<typeof SignerSchema>;

export const ProcedureSchema = Type.Object(
  { name: Text({ maxLength: 1000 }), code: Type.Optional(Text({ maxLength: 60 })) },
  Strict,
);

/** Fields every slip about one dossier has. */
const dossierSlipFields = {
  agency: AgencySchema,
  /** Số và ký hiệu: "125/GTN-TTPVHCC". Omitted → "Số: ……" is printed for the clerk to fill. */
  number: Type.Optional(Text({ maxLength: 80 })),
  /** Date of the slip (the place-and-date line). */
  issuedAt: Type.Date(),
  /** Mã hồ sơ, e.g. "H29.DEMO.HH-261127-0001" (TT 03/2025 Art. 13). */
  dossierCode: Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9.\\-]+$' }),
  /** Public lookup URL encoded in the QR code. */
  lookupUrl: Type.String({ minLength: 1, maxLength: 500, pattern: '^https?://' }),
  procedure: ProcedureSchema,
};

/**
 * Mẫu 02 and 03 are also given at reception, before a dossier is accepted and so before it has
 * an official code: then no "Mã hồ sơ" line is printed, and the QR code leads to `lookupUrl`
 * (the procedure's page, or the online submission's status page).
 */
const receptionSlipFields = {
  ...dossierSlipFields,
  dossierCode: Type.Optional(dossierSlipFields.dossierCode),
};

export const ReceiptSlipSchema = Type.Object(
  {
    kind: Type.Literal('receipt'),
    ...dossierSlipFields,
    applicant: PersonSchema,
    /** Chủ hồ sơ, when someone else submits for them. */
    owner: Type.Optional(PersonSchema),
    documents: Type.Array(DocumentItemSchema, { maxItems: 200 }),
    setCount: Type.Integer({ minimum: 1, maximum: 99 }),
    /** "05 ngày làm việc", "Trong ngày". */
    processingTime: Text({ maxLength: 120 }),
    receivedAt: Type.Date(),
    appointmentAt: Type.Date(),
    resultPlace: Text(),
    fee: Type.Optional(Text()),
    /** "Vào Sổ theo dõi hồ sơ, Quyển số … Số thứ tự …". */
    registerEntry: Type.Optional(Type.Object({ book: Text({ maxLength: 20 }), entry: Text({ maxLength: 20 }) }, Strict)),
    receiver: SignerSchema,
  },
  Strict,
);
export type ReceiptSlip = Static<typeof ReceiptSlipSchema>;

export const SupplementRequestSlipSchema = Type.Object(
  {
    kind: Type.Literal('supplement-request'),
    ...receptionSlipFields,
    applicant: PersonSchema,
    receivedAt: Type.Date(),
    /** What to supplement or complete; `note` says how. */
    items: Type.Array(DocumentItemSchema, { minItems: 1, maxItems: 100 }),
    reason: Text({ maxLength: 2000 }),
    /** Officer to contact while completing the dossier. */
    contact: Type.Object({ name: Text({ maxLength: 200 }), phone: Text({ maxLength: 40 }) }, Strict),
    guide: SignerSchema,
  },
  Strict,
);
export type SupplementRequestSlip = Static<typeof SupplementRequestSlipSchema>;

export const RefusalSlipSchema = Type.Object(
  {
    kind: Type.Literal('refusal'),
    ...receptionSlipFields,
    applicant: PersonSchema,
    receivedAt: Type.Date(),
    reasons: Type.Array(Text({ maxLength: 2000 }), { minItems: 1, maxItems: 30 }),
    contact: Type.Optional(Type.Object({ name: Text({ maxLength: 200 }), phone: Text({ maxLength: 40 }) }, Strict)),
    receiver: SignerSchema,
  },
  Strict,
);
export type RefusalSlip = Static<typeof RefusalSlipSchema>;

/** Signature of a letter: "Nơi nhận" on the left, the head of the body on the right. */
const letterFields = {
  recipients: Type.Array(Text({ maxLength: 200 }), { maxItems: 10 }),
  signer: Type.Object({ title: Text({ maxLength: 120 }), name: Type.Optional(Text({ maxLength: 200 })) }, Strict),
};

export const ApologySlipSchema = Type.Object(
  {
    kind: Type.Literal('apology'),
    ...dossierSlipFields,
    ...letterFields,
    applicant: PersonSchema,
    receivedAt: Type.Date(),
    processingTime: Text({ maxLength: 120 }),
    appointmentAt: Type.Date(),
    /** Body that has not settled the dossier in time. */
    processingBody: Text({ maxLength: 300 }),
    reason: Text({ maxLength: 2000 }),
    newAppointmentAt: Type.Date(),
    resultPlace: Text(),
  },
  Strict,
);
export type ApologySlip = Static<typeof ApologySlipSchema>;

export const StopNoticeSlipSchema = Type.Object(
  {
    kind: Type.Literal('stop-notice'),
    ...dossierSlipFields,
    ...letterFields,
    applicant: PersonSchema,
    receivedAt: Type.Date(),
    /** When the citizen asked to stop (in person or by post). */
    requestedAt: Type.Date(),
    requestReason: Type.Optional(Text({ maxLength: 2000 })),
    stoppedAt: Type.Date(),
    /** Paper documents handed back, if any. */
    returnedDocuments: Type.Array(DocumentItemSchema, { maxItems: 200 }),
    /** What happens to fees already paid, as printed. */
    feeNote: Type.Optional(Text({ maxLength: 1000 })),
  },
  Strict,
);
export type StopNoticeSlip = Static<typeof StopNoticeSlipSchema>;

export const HandoverSchema = Type.Object(
  {
    from: Text({ maxLength: 300 }),
    to: Text({ maxLength: 300 }),
    at: Type.Date(),
    giver: Type.Optional(Text({ maxLength: 200 })),
    receiver: Type.Optional(Text({ maxLength: 200 })),
    /** Trước hạn / đúng hạn / quá hạn for the step (omitted while it is still running). */
    timeliness: Type.Optional(Type.Union([Type.Literal('early'), Type.Literal('on-time'), Type.Literal('late')])),
    result: Type.Optional(Text({ maxLength: 500 })),
    note: Type.Optional(Text({ maxLength: 500 })),
  },
  Strict,
);
export type Handover = Static<typeof HandoverSchema>;

export const ProcessControlSlipSchema = Type.Object(
  {
    kind: Type.Literal('process-control'),
    ...dossierSlipFields,
    applicant: PersonSchema,
    receivedAt: Type.Date(),
    appointmentAt: Type.Date(),
    leadBody: Text({ maxLength: 300 }),
    cooperatingBodies: Type.Array(Text({ maxLength: 300 }), { maxItems: 20 }),
    handovers: Type.Array(HandoverSchema, { maxItems: 200 }),
  },
  Strict,
);
export type ProcessControlSlip = Static<typeof ProcessControlSlipSchema>;

export const RegisterEntrySchema = Type.Object(
  {
    dossierCode: Type.String({ minLength: 1, maxLength: 60 }),
    procedureName: Text({ maxLength: 1000 }),
    setCount: Type.Integer({ minimum: 1, maximum: 99 }),
    applicantName: Text({ maxLength: 200 }),
    address: Type.Optional(Text()),
    phone: Type.Optional(Text({ maxLength: 40 })),
    leadBody: Type.Optional(Text({ maxLength: 300 })),
    receivedAt: Type.Date(),
    appointmentAt: Type.Date(),
    transferredAt: Type.Optional(Type.Date()),
    resultReceivedAt: Type.Optional(Type.Date()),
    returnedAt: Type.Optional(Type.Date()),
    note: Type.Optional(Text({ maxLength: 500 })),
  },
  Strict,
);
export type RegisterEntry = Static<typeof RegisterEntrySchema>;

export const RegisterSchema = Type.Object(
  {
    kind: Type.Literal('register'),
    agency: AgencySchema,
    issuedAt: Type.Date(),
    /** Period covered, printed under the title. */
    from: Type.Date(),
    to: Type.Date(),
    book: Type.Optional(Text({ maxLength: 20 })),
    entries: Type.Array(RegisterEntrySchema, { maxItems: 20_000 }),
  },
  Strict,
);
export type RegisterData = Static<typeof RegisterSchema>;

export const SlipDataSchema = Type.Union([
  ReceiptSlipSchema,
  SupplementRequestSlipSchema,
  RefusalSlipSchema,
  ApologySlipSchema,
  StopNoticeSlipSchema,
  ProcessControlSlipSchema,
  RegisterSchema,
]);
export type SlipData = Static<typeof SlipDataSchema>;
export type SlipKind = SlipData['kind'];

/** Invalid slip input: a programming error of the caller (the dossier module), not the citizen's. */
export class SlipDataError extends Error {
  constructor(readonly errors: Array<{ path: string; message: string }>) {
    super(`Invalid slip data: ${errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`);
    this.name = 'SlipDataError';
  }
}

const compiled = new Map<TSchema, ReturnType<typeof TypeCompiler.Compile>>();

/** Checks `value` against `schema`; returns a copy whose strings are NFC. Throws SlipDataError. */
export function parseWith<S extends TSchema>(schema: S, value: unknown): Static<S> {
  let checker = compiled.get(schema);
  if (checker === undefined) {
    checker = TypeCompiler.Compile(schema);
    compiled.set(schema, checker);
  }
  if (!checker.Check(value)) {
    const errors = [...checker.Errors(value)].slice(0, 10).map((e) => ({ path: e.path, message: e.message }));
    throw new SlipDataError(errors);
  }
  return toNfc(value) as Static<S>;
}

const SCHEMA_BY_KIND: Record<SlipKind, TSchema> = {
  receipt: ReceiptSlipSchema,
  'supplement-request': SupplementRequestSlipSchema,
  refusal: RefusalSlipSchema,
  apology: ApologySlipSchema,
  'stop-notice': StopNoticeSlipSchema,
  'process-control': ProcessControlSlipSchema,
  register: RegisterSchema,
};

/** Any slip's data, validated against its kind's schema (precise errors) and NFC-normalised. */
export function parseSlipData(value: unknown): SlipData {
  const kind = typeof value === 'object' && value !== null && 'kind' in value ? value.kind : undefined;
  const schema = typeof kind === 'string' && Object.hasOwn(SCHEMA_BY_KIND, kind) ? SCHEMA_BY_KIND[kind as SlipKind] : undefined;
  if (schema === undefined) {
    throw new SlipDataError([{ path: '/kind', message: `must be one of ${Object.keys(SCHEMA_BY_KIND).join(', ')}` }]);
  }
  return parseWith(schema, value) as SlipData;
}

function toNfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(toNfc);
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNfc(v)]));
}
