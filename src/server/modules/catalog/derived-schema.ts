/**
 * Schema of the `derived` object that motcua adds to each verbatim procedure record.
 * Every derived value sits beside the verbatim text it came from and says how it was obtained
 * (`method`, `note`, `citations`), so a reviewer can check it against the portal and the law.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Submission channels as ASCII codes: 'Trực tiếp', 'Trực tuyến', 'Dịch vụ bưu chính'. */
export const ChannelCodeSchema = Type.Union([Type.Literal('truc-tiep'), Type.Literal('truc-tuyen'), Type.Literal('buu-chinh')]);

export const TimeUnitSchema = Type.Union([
  Type.Literal('working-days'),
  Type.Literal('calendar-days'),
  Type.Literal('hours'),
]);

/**
 * Where the processing time came from:
 * - `stated-working-days`: the portal states "N Ngày làm việc" (or the record's own text says so);
 * - `unitless-civil-status`: a hộ tịch value without a unit, read as working days;
 * - `unitless-confirmed-by-steps`: a value without a unit that the record's steps state in working days;
 * - `steps-working-days`: no usable table value; the record's steps state the limit;
 * - `legal-default`: the portal gives no value; the limit comes from the cited law;
 * - `same-day-rule`: no value, but the record's steps give the same-day / 15:00 rule;
 * - `calendar-days`: unit "Ngày" (not stated as working days);
 * - `hours`: unit "Giờ";
 * - `case-dependent`: different limits for different cases of the same channel;
 * - `unitless-unknown`: a value without a unit that nothing confirms;
 * - `not-stated`: nothing usable.
 */
export const ProcessingBasisSchema = Type.Union([
  Type.Literal('stated-working-days'),
  Type.Literal('unitless-civil-status'),
  Type.Literal('unitless-confirmed-by-steps'),
  Type.Literal('steps-working-days'),
  Type.Literal('legal-default'),
  Type.Literal('same-day-rule'),
  Type.Literal('calendar-days'),
  Type.Literal('hours'),
  Type.Literal('case-dependent'),
  Type.Literal('unitless-unknown'),
  Type.Literal('not-stated'),
]);

/** One "Channel: value" row of the portal's time column, parsed. */
export const ProcessingRowSchema = Type.Object(
  {
    channel: Type.String(),
    channelCode: Nullable(ChannelCodeSchema),
    valueAsPublished: Type.String(),
    amount: Nullable(Type.Number({ minimum: 0 })),
    unit: Nullable(TimeUnitSchema),
  },
  strict,
);

export const DerivedProcessingSchema = Type.Object(
  {
    textAsPublished: Type.String(),
    rows: Type.Array(ProcessingRowSchema),
    basis: ProcessingBasisSchema,
    /** Whether the limit differs between channels, between cases, or not at all. */
    varies: Type.Union([Type.Literal('no'), Type.Literal('by-channel'), Type.Literal('by-case')]),
    /** The limit a deadline calendar uses: the longest stated value in its unit, or null. */
    limit: Nullable(Type.Object({ amount: Type.Number({ minimum: 0 }), unit: TimeUnitSchema }, strict)),
    workingDays: Nullable(Type.Number({ minimum: 0 })),
    calendarDays: Nullable(Type.Number({ minimum: 0 })),
    hours: Nullable(Type.Number({ minimum: 0 })),
    /** The result is due the day the dossier is received (next working day after 15:00). */
    sameDay: Type.Boolean(),
    after15hNextWorkingDay: Nullable(Type.Boolean()),
    after15hSource: Nullable(Type.Union([Type.Literal('record'), Type.Literal('law')])),
    method: Type.String(),
    note: Type.String(),
    citations: Type.Array(Type.String()),
  },
  strict,
);

export const DerivedFeeChannelSchema = Type.Object(
  {
    channel: Type.String(),
    channelCode: Nullable(ChannelCodeSchema),
    textAsPublished: Type.String(),
    /** The amount the portal's fee column shows for this channel, e.g. 2000 for "2,000 Việt Nam Đồng". */
    amountVND: Nullable(Type.Integer({ minimum: 0 })),
    /** The unit after the amount, e.g. "/trang", "/trường hợp". */
    perUnit: Nullable(Type.String()),
    freeAsPublished: Type.Boolean(),
  },
  strict,
);

export const DerivedFeeSchema = Type.Object(
  {
    textAsPublished: Type.Array(Type.String()),
    free: Nullable(Type.Boolean()),
    amountsVND: Nullable(Type.Array(Type.Integer({ minimum: 0 }))),
    /** The text defers the amount to the provincial People's Council (HĐND tỉnh). */
    setByProvince: Type.Boolean(),
    byChannel: Type.Array(DerivedFeeChannelSchema),
    method: Type.String(),
    note: Type.String(),
  },
  strict,
);

export const DerivedDocumentSchema = Type.Object(
  {
    nameAsPublished: Type.String(),
    /** The document itself, with any glued case heading, preamble or form file name taken off. */
    name: Type.String(),
    /** The case in which the document is needed ("Trường hợp trẻ em bị bỏ rơi"), or null if always. */
    condition: Nullable(Type.String()),
    /** A non-conditional heading that was glued in front ("… gồm các giấy tờ sau đây:"). */
    heading: Nullable(Type.String()),
    /** The form's file name, rebuilt from the name's tail and the verbatim `form`. */
    formFile: Nullable(Type.String()),
    /** Channels the document is for, when the name says so ("nếu … nộp hồ sơ theo hình thức trực tiếp"). */
    channels: Nullable(Type.Array(ChannelCodeSchema)),
    /** 'present' = only shown (xuất trình), 'submit' = handed in; null when the record does not say. */
    action: Nullable(Type.Union([Type.Literal('submit'), Type.Literal('present')])),
    kind: Type.Union([Type.Literal('document'), Type.Literal('note')]),
    /** The crawl cut the name at 600 characters: check the portal for the full text. */
    truncatedAtSource: Type.Boolean(),
    copies: Type.Integer({ minimum: 0 }),
    copyType: Type.String(),
    group: Nullable(Type.String()),
    method: Type.String(),
  },
  strict,
);

export const DerivedSchema = Type.Object(
  {
    field: Type.Object(
      { code: Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' }), nameAsPublished: Type.String(), method: Type.String() },
      strict,
    ),
    processing: DerivedProcessingSchema,
    fee: DerivedFeeSchema,
    documents: Type.Array(DerivedDocumentSchema),
    aliases: Type.Object({ phrases: Type.Array(Type.String({ minLength: 1 })), method: Type.String() }, strict),
  },
  strict,
);

export type ChannelCode = Static<typeof ChannelCodeSchema>;
export type TimeUnit = Static<typeof TimeUnitSchema>;
export type ProcessingBasis = Static<typeof ProcessingBasisSchema>;
export type ProcessingRow = Static<typeof ProcessingRowSchema>;
export type DerivedProcessing = Static<typeof DerivedProcessingSchema>;
export type DerivedFee = Static<typeof DerivedFeeSchema>;
export type DerivedFeeChannel = Static<typeof DerivedFeeChannelSchema>;
export type DerivedDocument = Static<typeof DerivedDocumentSchema>;
export type Derived = Static<typeof DerivedSchema>;
