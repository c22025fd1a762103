import { Type, type Static } from '@sinclair/typebox';
import { CivilDate, IsoDateTime, Text } from './common.js';

export const CalendarDay = Type.Object({
  /** `official:YYYY-MM-DD` for an entry of the shipped official schedule, a uuid for a center entry. */
  id: Type.String(),
  date: CivilDate,
  kind: Type.Union([Type.Literal('day_off'), Type.Literal('working_day')]),
  name: Type.String(),
  source: Type.Union([Type.String(), Type.Null()]),
  uncertain: Type.Boolean(),
  /** Whether the entry applies at this center. */
  enabled: Type.Boolean(),
  scope: Type.Union([Type.Literal('official'), Type.Literal('center')]),
});
export type CalendarDay = Static<typeof CalendarDay>;

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  days: Type.Array(CalendarDay),
  holidays: Type.Array(
    Type.Object({ date: CivilDate, name: Type.String(), kind: Type.Union([Type.Literal('holiday'), Type.Literal('compensatory')]) }),
  ),
  /** Working days of the year at this center after every rule. */
  workingDays: Type.Integer(),
  hasOfficialSchedule: Type.Boolean(),
});
export type CalendarYear = Static<typeof CalendarYear>;

export const CalendarYearQuery = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);

export const CreateCalendarDayBody = Type.Object(
  { date: CivilDate, kind: Type.Union([Type.Literal('day_off'), Type.Literal('working_day')]), name: Text(200, 2), source: Type.Optional(Text(500)) },
  { additionalProperties: false },
);
export type CreateCalendarDayBody = Static<typeof CreateCalendarDayBody>;

export const UpdateCalendarDayBody = Type.Object(
  { enabled: Type.Optional(Type.Boolean()), name: Type.Optional(Text(200, 2)) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCalendarDayBody = Static<typeof UpdateCalendarDayBody>;

export const CalendarDayParams = Type.Object(
  { id: Type.String({ pattern: '^(official:\\d{4}-\\d{2}-\\d{2}|[0-9a-f-]{36})$' }) },
  { additionalProperties: false },
);

export const DueDateQuery = Type.Object(
  {
    receivedAt: IsoDateTime,
    workingDays: Type.Number({ minimum: 0, maximum: 365 }),
    lateCutoffRule: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export const DueDateResult = Type.Object({
  dueAt: IsoDateTime,
  dueAtText: Type.String({ description: 'HH:mm, dd/mm/yyyy in Asia/Ho_Chi_Minh' }),
  countingStartsOn: CivilDate,
  explanation: Type.Array(Type.String()),
});
