/**
 * Due date/time of a dossier (ngày hẹn trả kết quả) and working-time arithmetic.
 * Import through './working-calendar.js'. Convention and sources: docs/calendar.md, "Due dates".
 *
 * 1. Where counting starts: the receipt moment, moved to where work can start — the opening
 *    time if received before opening, the next session if received during the break, the next
 *    working day's opening if received after closing or on a day off, and — for procedures with
 *    the 15:00 rule — the next working day's opening if received after the cutoff.
 * 2. N whole working days later, at the same clock time (the Thanh Hóa reference algorithm's
 *    result: 1 day = one day of office hours). If that day is shorter or has another break, the
 *    clock time is clamped into its sessions (never later than its closing time).
 * 3. A fractional part (0.5, 0.25) is added as that share of an ordinary weekday's working
 *    minutes, walking through sessions and days.
 * 4. A due moment equal to a working day's opening is written as the END of the previous working
 *    day (counting from Tuesday's opening, 3 days → Thursday at closing, not Friday 07:30).
 *    N = 0 ("trong ngày") → closing time of the day counting starts on.
 * Everything is to the minute (seconds of the receipt are dropped).
 */
import {
  formatClock,
  formatDateVN,
  fromDayNumber,
  parseClock,
  toDayNumber,
  toVietnamDateTime,
  vietnamInstant,
  weekdayNameVN,
  type CivilDate,
} from './civil-date.js';
import {
  describeDay,
  nextWorkingDay,
  previousWorkingDay,
  standardDaySessions,
  type CalendarRules,
  type Session,
} from './working-days.js';

export interface DueAtInput {
  /** The moment the complete, valid dossier was received. */
  receivedAt: Date;
  /** The procedure's time limit in working days ("N ngày làm việc"); 0 = same day; fractions allowed (0.5). */
  workingDays: number;
  /** The procedure says "received after 15:00 → counted from the next working day". */
  lateCutoffRule: boolean;
}

export interface DueAtResult {
  /** Within the center's working hours on a working day. */
  dueAt: Date;
  /** The working day the count starts on (the receipt day if it counts). */
  countingStartsOn: CivilDate;
  /** Vietnamese sentences explaining the computation, for staff and the appointment slip. */
  explanation: string[];
}

/** A wall-clock moment on a working day, inside or at the edge of one of its sessions. */
interface Clock {
  date: CivilDate;
  minute: number;
}

type Situation = 'in_session' | 'before_opening' | 'break' | 'after_closing' | 'day_off';
type Span = readonly [number, number];

const EPS = 1e-9;

function spansOf(sessions: readonly Session[]): Span[] {
  return sessions.map((s) => [parseClock(s.start), parseClock(s.end)] as const);
}

function spansOn(rules: CalendarRules, date: CivilDate): Span[] {
  return spansOf(describeDay(rules, date).sessions);
}

function openingOf(spans: readonly Span[]): number {
  return spans[0]?.[0] ?? 0;
}

function closingOf(spans: readonly Span[]): number {
  return spans.at(-1)?.[1] ?? 0;
}

function at(clock: Clock): Date {
  return vietnamInstant(clock.date, clock.minute);
}

/** Where work can start for something arriving at `minute` on `date` (step 1 without the cutoff). */
function startClock(rules: CalendarRules, date: CivilDate, minute: number): { clock: Clock; situation: Situation } {
  const day = describeDay(rules, date);
  const spans = spansOf(day.sessions);
  const next = (situation: Situation): { clock: Clock; situation: Situation } => {
    const d = nextWorkingDay(rules, date);
    return { clock: { date: d, minute: openingOf(spansOn(rules, d)) }, situation };
  };
  if (!day.working) return next('day_off');
  if (minute >= closingOf(spans)) return next('after_closing');
  if (minute < openingOf(spans)) return { clock: { date, minute: openingOf(spans) }, situation: 'before_opening' };
  const inside = spans.find(([a, b]) => minute >= a && minute < b);
  if (inside) return { clock: { date, minute }, situation: 'in_session' };
  const following = spans.find(([a]) => a > minute);
  return { clock: { date, minute: following ? following[0] : closingOf(spans) }, situation: 'break' };
}

/** `minute` clamped into the sessions of `spans`: a break maps to the end of the session before it. */
function clampIntoSessions(spans: readonly Span[], minute: number): number {
  if (minute <= openingOf(spans)) return openingOf(spans);
  let result = openingOf(spans);
  for (const [a, b] of spans) {
    if (minute < a) break;
    result = Math.min(minute, b);
  }
  return result;
}

/** Moves `amount` (> 0) working minutes forward from `from`; a walk ending at a session end stays there. */
function walkMinutes(rules: CalendarRules, from: Clock, amount: number): Clock {
  let { date, minute } = from;
  let rest = amount;
  for (let guard = 0; guard < 10_000; guard++) {
    for (const [a, b] of spansOn(rules, date)) {
      if (b <= minute) continue;
      const begin = Math.max(a, minute);
      if (rest <= b - begin) return { date, minute: begin + rest };
      rest -= b - begin;
      minute = b;
    }
    date = nextWorkingDay(rules, date);
    minute = -1;
  }
  throw new Error('walkMinutes: no end found');
}

/** Steps 2–4 for `n` > 0 working days from `start`. */
function advance(rules: CalendarRules, start: Clock, n: number): Date {
  const whole = Math.floor(n + EPS);
  const fraction = Math.max(0, n - whole);
  let clock = start;
  if (whole > 0) {
    let date = start.date;
    for (let i = 0; i < whole; i++) date = nextWorkingDay(rules, date);
    clock = { date, minute: clampIntoSessions(spansOn(rules, date), start.minute) };
  }
  const extra = Math.round(fraction * spansOf(standardDaySessions(rules)).reduce((s, [a, b]) => s + b - a, 0));
  if (extra > 0) clock = walkMinutes(rules, clock, extra);
  if (clock.minute <= openingOf(spansOn(rules, clock.date))) {
    const previous = previousWorkingDay(rules, clock.date);
    return at({ date: previous, minute: closingOf(spansOn(rules, previous)) });
  }
  return at(clock);
}

function formatDays(n: number): string {
  return String(n).replace('.', ',');
}

function dayLabel(date: CivilDate): string {
  return `${weekdayNameVN(date)} ${formatDateVN(date)}`;
}

function shortName(name: string): string {
  return name.replace(/\s*\([^()]*(\([^()]*\)[^()]*)*\)\s*$/, '');
}

/** Explains the days off skipped and the make-up working days counted between two dates. */
function explainDays(rules: CalendarRules, from: CivilDate, to: CivilDate, out: string[]): void {
  let run: { start: CivilDate; end: CivilDate; days: number; names: Set<string> } | undefined;
  const flush = (): void => {
    if (run && run.names.size > 0) {
      const span = run.start === run.end ? formatDateVN(run.start) : `${formatDateVN(run.start)}–${formatDateVN(run.end)}`;
      out.push(`Không tính ${span} (${run.days} ngày nghỉ): ${[...run.names].join('; ')}.`);
    }
    run = undefined;
  };
  for (let n = toDayNumber(from); n <= toDayNumber(to); n++) {
    const d = describeDay(rules, fromDayNumber(n));
    if (!d.working) {
      if (!run) run = { start: d.date, end: d.date, days: 0, names: new Set() };
      run.end = d.date;
      run.days += 1;
      if (d.name !== undefined) run.names.add(shortName(d.name));
      continue;
    }
    flush();
    if (d.reason === 'make_up_working_day' || d.reason === 'center_working_day') {
      out.push(`${dayLabel(d.date)} là ngày làm việc (${shortName(d.name ?? 'làm bù')}), được tính.`);
    }
  }
  flush();
}

/**
 * Due date/time for a dossier received at `receivedAt` for a procedure of `workingDays`
 * working days. See the module comment for the convention.
 */
export function computeDueAt(rules: CalendarRules, input: DueAtInput): DueAtResult {
  const { receivedAt, workingDays, lateCutoffRule } = input;
  if (!Number.isFinite(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be a number ≥ 0, got ${workingDays}`);
  }
  const received = toVietnamDateTime(receivedAt);
  const minute = Math.floor(received.minutes);
  const explanation = [`Tiếp nhận lúc ${formatClock(minute)} ${dayLabel(received.date)}.`];
  const receiptDay = describeDay(rules, received.date);
  let start: Clock;
  if (lateCutoffRule && receiptDay.working && received.minutes > parseClock(rules.lateReceiptCutoff)) {
    const next = nextWorkingDay(rules, received.date);
    start = { date: next, minute: openingOf(spansOn(rules, next)) };
    explanation.push(
      `Tiếp nhận sau ${rules.lateReceiptCutoff}: theo quy định của thủ tục, thời gian giải quyết tính từ ngày làm việc tiếp theo, ${dayLabel(next)}.`,
    );
  } else {
    const { clock, situation } = startClock(rules, received.date, minute);
    start = clock;
    if (situation === 'day_off') {
      const why = receiptDay.name ?? 'nghỉ hằng tuần';
      explanation.push(`${dayLabel(received.date)} không phải ngày làm việc (${why}); tính từ đầu ngày làm việc tiếp theo, ${dayLabel(clock.date)}.`);
    } else if (situation === 'after_closing') {
      explanation.push(`Tiếp nhận sau giờ làm việc; tính từ đầu ngày làm việc tiếp theo, ${dayLabel(clock.date)}.`);
    } else if (situation === 'before_opening') {
      explanation.push(`Tiếp nhận trước giờ làm việc; tính từ ${formatClock(clock.minute)}.`);
    } else if (situation === 'break') {
      explanation.push(`Tiếp nhận trong giờ nghỉ giữa hai buổi; tính từ ${formatClock(clock.minute)}.`);
    }
  }
  const dueAt =
    workingDays === 0 ? at({ date: start.date, minute: closingOf(spansOn(rules, start.date)) }) : advance(rules, start, workingDays);
  const due = toVietnamDateTime(dueAt);
  explainDays(rules, start.date, due.date, explanation);
  const when = `${formatClock(Math.round(due.minutes))} ${dayLabel(due.date)}`;
  explanation.push(
    workingDays === 0
      ? `Giải quyết trong ngày: hẹn trả kết quả trước ${when}.`
      : `Hẹn trả kết quả: ${when} (${formatDays(workingDays)} ngày làm việc).`,
  );
  return { dueAt, countingStartsOn: start.date, explanation };
}

/**
 * Working minutes (inside the center's sessions, on working days) between two instants;
 * negative if `to` is before `from`. Used to measure how long a dossier waited.
 */
export function workingMinutesBetween(rules: CalendarRules, from: Date, to: Date): number {
  if (to.getTime() < from.getTime()) return -workingMinutesBetween(rules, to, from);
  const a = toVietnamDateTime(from);
  const b = toVietnamDateTime(to);
  let total = 0;
  for (let n = toDayNumber(a.date); n <= toDayNumber(b.date); n++) {
    const date = fromDayNumber(n);
    const lo = date === a.date ? a.minutes : -1;
    const hi = date === b.date ? b.minutes : 24 * 60;
    for (const [s, e] of spansOn(rules, date)) total += Math.max(0, Math.min(e, hi) - Math.max(s, lo));
  }
  return total;
}

/**
 * The moment `minutes` (≥ 0) of working time after `from` (counting starts when work next
 * starts if `from` is outside working hours).
 */
export function addWorkingMinutes(rules: CalendarRules, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0, got ${minutes}`);
  const t = toVietnamDateTime(from);
  const { clock } = startClock(rules, t.date, t.minutes);
  return minutes > 0 ? at(walkMinutes(rules, clock, minutes)) : at(clock);
}

/**
 * Moves a due date forward by the working time the dossier waited between `pausedAt` and
 * `resumedAt` (supplementation request, financial obligation) — the Thanh Hóa system likewise
 * extends the due date by the waiting time. Whole minutes.
 */
export function extendDueAtForPause(rules: CalendarRules, dueAt: Date, pausedAt: Date, resumedAt: Date): Date {
  if (resumedAt.getTime() < pausedAt.getTime()) throw new RangeError('resumedAt is before pausedAt');
  const waited = Math.round(workingMinutesBetween(rules, pausedAt, resumedAt));
  return waited <= 0 ? dueAt : addWorkingMinutes(rules, dueAt, waited);
}
