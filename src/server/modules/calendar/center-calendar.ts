import type { Db, Executor } from '../../db/database.js';
import type { WorkingWeek } from '../../db/schema.js';
import { AppError, uniqueViolation } from '../../http/app-error.js';
import type { CalendarDay, CalendarYear, CreateCalendarDayBody, UpdateCalendarDayBody } from '../../../shared/schemas/calendar.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import {
  builtInHolidays,
  createCalendarRules,
  describeDays,
  readOfficialSchedulesFile,
  type CalendarRules,
  type IsoWeekday,
  type OfficialYearSchedule,
} from './working-calendar.js';

/** The shipped official schedules, read once per process. */
let official: OfficialYearSchedule[] | undefined;
export function officialSchedules(): OfficialYearSchedule[] {
  official ??= readOfficialSchedulesFile();
  return official;
}

function toRulesWeek(week: WorkingWeek): Partial<Record<IsoWeekday, WorkingWeek['1']>> {
  const out: Partial<Record<IsoWeekday, WorkingWeek['1']>> = {};
  for (const d of [1, 2, 3, 4, 5, 6, 7] as const) out[d] = week[String(d) as keyof WorkingWeek];
  return out;
}

/** The working calendar of one center: its hours and cutoff, the official schedules, its own entries. */
export async function loadCenterCalendarRules(db: Executor, centerId: string): Promise<CalendarRules> {
  const [center, days] = await Promise.all([
    db.selectFrom('centers').select(['working_week', 'late_cutoff']).where('id', '=', centerId).executeTakeFirst(),
    db.selectFrom('calendar_days').select(['day', 'kind', 'name', 'enabled']).where('center_id', '=', centerId).execute(),
  ]);
  if (!center) throw new AppError('CENTER_NOT_FOUND');
  return createCalendarRules({
    workingWeek: toRulesWeek(center.working_week),
    lateReceiptCutoff: center.late_cutoff,
    officialSchedules: officialSchedules(),
    centerOverrides: days.map((d) => ({ date: d.day, kind: d.kind, name: d.name, enabled: d.enabled })),
  });
}

/** The calendar of a year as an admin sees it: official entries, the center's own, holidays. */
export async function getCalendarYear(db: Executor, centerId: string, year: number): Promise<CalendarYear> {
  const rules = await loadCenterCalendarRules(db, centerId);
  const rows = await db
    .selectFrom('calendar_days')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
  const byDate = new Map(rows.map((r) => [r.day, r]));
  const schedule = officialSchedules().find((s) => s.year === year);
  const days: CalendarDay[] = [];
  for (const e of schedule?.entries ?? []) {
    const own = byDate.get(e.date);
    const enabled = own && own.enabled ? own.kind === e.kind : (e.enabledByDefault ?? true);
    days.push({
      id: `official:${e.date}`,
      date: e.date,
      kind: e.kind,
      name: e.name,
      source: e.source,
      uncertain: e.uncertain ?? false,
      enabled,
      scope: 'official',
    });
  }
  const officialDates = new Set((schedule?.entries ?? []).map((e) => e.date));
  for (const r of rows) {
    if (officialDates.has(r.day)) continue; // shown as the center's decision on the official entry
    days.push({ id: r.id, date: r.day, kind: r.kind, name: r.name, source: r.source, uncertain: false, enabled: r.enabled, scope: 'center' });
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const decided = new Set(schedule?.entries.flatMap((e) => (e.holiday ? [e.holiday] : [])) ?? []);
  const officialOff = new Set(schedule?.entries.filter((e) => e.kind === 'day_off').map((e) => e.date) ?? []);
  const holidays = builtInHolidays(year, { decidedOfficially: decided, officialDaysOff: officialOff }).map((h) => ({
    date: h.date,
    name: h.name,
    kind: h.compensatory ? ('compensatory' as const) : ('holiday' as const),
  }));
  const workingDays = describeDays(rules, `${year}-01-01`, `${year}-12-31`).filter((d) => d.working).length;
  return { year, days, holidays, workingDays, hasOfficialSchedule: schedule !== undefined };
}

/** Adds a center entry (an extra day off, a working Saturday, a local holiday). */
export async function addCalendarDay(db: Db, ctx: AuditContext & { centerId: string }, input: CreateCalendarDayBody): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('calendar_days')
        .values({ center_id: ctx.centerId, day: input.date, kind: input.kind, name: input.name.trim(), source: input.source ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'calendar.add_day', targetType: 'calendar_day', targetId: row.id, after: input });
    });
  } catch (error) {
    if (uniqueViolation(error) !== undefined) throw new AppError('CALENDAR_DAY_TAKEN', { cause: error });
    throw error;
  }
}

/**
 * Switches an entry on or off for this center. For an official entry (`official:DATE`) the
 * center's decision is stored as its own row: "on" repeats the official kind, "off" the opposite
 * (an official day off the center works anyway, or an uncertain holiday it does not observe).
 */
export async function updateCalendarDay(
  db: Db,
  ctx: AuditContext & { centerId: string },
  id: string,
  input: UpdateCalendarDayBody,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (id.startsWith('official:')) {
      const date = id.slice('official:'.length);
      const entry = officialSchedules()
        .flatMap((s) => s.entries)
        .find((e) => e.date === date);
      if (!entry) throw new AppError('CALENDAR_DAY_NOT_FOUND');
      const enabled = input.enabled ?? true;
      const kind = enabled === (entry.kind === 'day_off') ? 'day_off' : 'working_day';
      const name = input.name ?? entry.name;
      await trx
        .insertInto('calendar_days')
        .values({ center_id: ctx.centerId, day: date, kind, name, source: entry.source, enabled: true })
        .onConflict((oc) => oc.columns(['center_id', 'day']).doUpdateSet({ kind, name, enabled: true, updated_at: new Date() }))
        .execute();
      await recordAudit(trx, ctx, { action: 'calendar.decide_official_day', targetType: 'calendar_day', targetId: id, after: { date, enabled, kind } });
      return;
    }
    const before = await trx.selectFrom('calendar_days').selectAll().where('center_id', '=', ctx.centerId).where('id', '=', id).executeTakeFirst();
    if (!before) throw new AppError('CALENDAR_DAY_NOT_FOUND');
    await trx
      .updateTable('calendar_days')
      .set({ ...(input.enabled !== undefined ? { enabled: input.enabled } : {}), ...(input.name ? { name: input.name.trim() } : {}), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, { action: 'calendar.update_day', targetType: 'calendar_day', targetId: id, before: { enabled: before.enabled, name: before.name }, after: input });
  });
}

export async function deleteCalendarDay(db: Db, ctx: AuditContext & { centerId: string }, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const where = id.startsWith('official:')
      ? trx.deleteFrom('calendar_days').where('center_id', '=', ctx.centerId).where('day', '=', id.slice('official:'.length))
      : trx.deleteFrom('calendar_days').where('center_id', '=', ctx.centerId).where('id', '=', id);
    const deleted = await where.returningAll().executeTakeFirst();
    if (!deleted) throw new AppError('CALENDAR_DAY_NOT_FOUND');
    await recordAudit(trx, ctx, { action: 'calendar.delete_day', targetType: 'calendar_day', targetId: id, before: { date: deleted.day, kind: deleted.kind, name: deleted.name } });
  });
}
