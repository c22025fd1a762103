import { Type, type Static } from '@sinclair/typebox';
import { CivilDate } from './common.js';

/**
 * The officials' copilot for reading documents and checking a dossier's completeness
 * (docs/documents.md). Everything it returns is a suggestion for the official to confirm;
 * nothing is saved and no image is stored.
 */

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
/** 0 (a guess) … 1 (read from the card's QR code and checked). */
const Confidence = Type.Number({ minimum: 0, maximum: 1 });

export const IdCardFields = Type.Object(
  {
    /** Số định danh cá nhân, 12 digits. */
    idNumber: Nullable(Type.String()),
    /** Số CMND cũ (9 digits), only in the QR code and often empty. */
    oldIdNumber: Nullable(Type.String()),
    fullName: Nullable(Type.String()),
    birthDate: Type.Union([CivilDate, Type.Null()]),
    sex: Type.Union([Type.Literal('Nam'), Type.Literal('Nữ'), Type.Null()]),
    nationality: Nullable(Type.String()),
    placeOfResidence: Nullable(Type.String()),
    dateOfIssue: Type.Union([CivilDate, Type.Null()]),
  },
  { additionalProperties: false },
);
export type IdCardFields = Static<typeof IdCardFields>;

export const IdCardConfidence = Type.Object(
  {
    idNumber: Confidence,
    oldIdNumber: Confidence,
    fullName: Confidence,
    birthDate: Confidence,
    sex: Confidence,
    nationality: Confidence,
    placeOfResidence: Confidence,
    dateOfIssue: Confidence,
  },
  { additionalProperties: false },
);
export type IdCardConfidence = Static<typeof IdCardConfidence>;

export const ReadIdCardResult = Type.Object(
  {
    /** 'qr': decoded from the card's QR code; 'ocr': read from the printed text (check every field). */
    source: Type.Union([Type.Literal('qr'), Type.Literal('ocr')]),
    fields: IdCardFields,
    confidence: IdCardConfidence,
    /** Why the ID number does not look valid (shape, province code, birth year), in Vietnamese; null when it does. */
    idNumberWarning: Type.Union([Type.String(), Type.Null()]),
    /** The recognised text (OCR path only), for the official to compare. */
    text: Type.Union([Type.String(), Type.Null()]),
    ms: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type ReadIdCardResult = Static<typeof ReadIdCardResult>;

export const FieldSuggestion = Type.Object(
  {
    /** Stable key: fullName, birthDate, idNumber, sex, ethnicity, nationality, birthPlace, hometown, residence, fatherName, motherName, phone, registrationNumber. */
    key: Type.String(),
    /** The label as a person reads it ("Họ, chữ đệm, tên"). */
    label: Type.String(),
    value: Type.String(),
    confidence: Confidence,
  },
  { additionalProperties: false },
);
export type FieldSuggestion = Static<typeof FieldSuggestion>;

export const ReadDocumentResult = Type.Object(
  {
    text: Type.String(),
    /** Mean word confidence of the OCR, 0…1. */
    confidence: Confidence,
    suggestions: Type.Array(FieldSuggestion),
    ms: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type ReadDocumentResult = Static<typeof ReadDocumentResult>;

const CopyKind = Type.Union([Type.Literal('original'), Type.Literal('certified_copy'), Type.Literal('copy')], {
  description: 'bản chính / bản sao có chứng thực / bản photo',
});

export const HandedItem = Type.Object(
  {
    /** Position in the procedure's document list (GET /api/procedures/:code → documents, from 1), when ticked. */
    position: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    /** What the citizen handed in, as typed or recognised, when not ticked. */
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 300 })),
    copyKind: Type.Optional(CopyKind),
  },
  { additionalProperties: false },
);

export const CompletenessBody = Type.Object(
  {
    procedureCode: Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' }),
    handed: Type.Array(HandedItem, { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type CompletenessBody = Static<typeof CompletenessBody>;

const CatalogDocument = Type.Object(
  {
    position: Type.Integer({ minimum: 1 }),
    name: Type.String(),
    /** The case in which the document is needed; null when always needed. */
    condition: Type.Union([Type.String(), Type.Null()]),
    copies: Type.Integer({ minimum: 0 }),
    copyKind: CopyKind,
  },
  { additionalProperties: false },
);

/** A dossier component as the supplementation slip (Mẫu 02) lists it. */
export const SlipItem = Type.Object(
  {
    name: Type.String(),
    originals: Type.Integer({ minimum: 0 }),
    certifiedCopies: Type.Integer({ minimum: 0 }),
    photocopies: Type.Integer({ minimum: 0 }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type SlipItem = Static<typeof SlipItem>;

export const CompletenessResult = Type.Object(
  {
    procedure: Type.Object({ code: Type.String(), name: Type.String() }, { additionalProperties: false }),
    complete: Type.Boolean({ description: 'nothing required is missing and no certified copy is wanting' }),
    /** Required (unconditional) documents not handed in. */
    missing: Type.Array(CatalogDocument),
    /** Documents needed only in some cases that were not handed in: the official checks whether the case applies. */
    conditional: Type.Array(CatalogDocument),
    /** Handed in and matched to the list. */
    received: Type.Array(
      Type.Object({ document: CatalogDocument, matchedFrom: Type.Union([Type.String(), Type.Null()]), score: Type.Number() }, { additionalProperties: false }),
    ),
    /** Handed in but matching nothing on the list (or a position outside it). */
    extra: Type.Array(Type.Object({ name: Type.String(), bestGuess: Type.Union([CatalogDocument, Type.Null()]), score: Type.Number() }, { additionalProperties: false })),
    /** Handed in, but the catalog asks for a certified copy (bản sao có chứng thực) and none was marked. */
    needsCertifiedCopy: Type.Array(Type.Object({ document: CatalogDocument, handedAs: Type.Union([CopyKind, Type.Null()]) }, { additionalProperties: false })),
    /** Missing and needs-certified-copy items, ready for the supplementation slip. */
    slipItems: Type.Array(SlipItem),
  },
  { additionalProperties: false },
);
export type CompletenessResult = Static<typeof CompletenessResult>;
