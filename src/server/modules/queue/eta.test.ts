import { describe, expect, it } from 'vitest';
import {
  erlangC,
  erlangCWaits,
  expectedRemainingSeconds,
  naiveWaits,
  predictWaits,
  serviceStatsFrom,
  simulateCalls,
  type QueueSnapshot,
  type ServiceSample,
  type ServiceStats,
  type SnapshotCounter,
} from './eta.js';
import { compareForService, nextTicketFor, type QueueTicket } from './ordering.js';

const NOW = new Date('2025-03-03T02:00:00Z'); // 09:00 in Vietnam
const MIN = 60;
const at = (minutesFromNow: number): Date => new Date(NOW.getTime() + minutesFromNow * 60_000);

let seq = 0;
function ticket(fieldId: string, issuedMinutesAgo: number, extra: Partial<QueueTicket> = {}): QueueTicket {
  seq += 1;
  return { id: `${fieldId}-${seq}`, fieldId, number: seq, issuedAt: at(-issuedMinutesAgo), priorityCreditMinutes: 0, ...extra };
}

function counter(id: string, fieldIds: string[], extra: Partial<SnapshotCounter> = {}): SnapshotCounter {
  return { id, fieldIds, state: 'open', serving: null, ...extra };
}

/** Fixed means, no log-σ: the remaining time of a service under way is max(mean − elapsed, floor). */
function fixedStats(means: Record<string, number>): ServiceStats {
  const byField: ServiceStats['byField'] = {};
  for (const [f, m] of Object.entries(means)) byField[f] = { meanSeconds: m, count: 100 };
  return { byField, defaultMeanSeconds: 420 };
}

const FIVE_MIN = fixedStats({ HT: 5 * MIN, CT: 5 * MIN, DD: 15 * MIN });

function minutes(waits: Map<string, number>, t: QueueTicket): number {
  const w = waits.get(t.id);
  expect(w, `prediction for ${t.id}`).toBeDefined();
  return (w ?? NaN) / 60;
}

describe('predictWaits', () => {
  it('one counter, 3 people ahead, 5-min mean: 15 min plus what is left of the one in service', () => {
    const ahead = [ticket('HT', 12), ticket('HT', 9), ticket('HT', 6)];
    const mine = ticket('HT', 0);
    const snapshot: QueueSnapshot = {
      now: NOW,
      waiting: [mine, ...ahead],
      counters: [counter('Q1', ['HT'], { serving: { fieldId: 'HT', startedAt: at(-2) } })],
    };
    const waits = predictWaits(snapshot, FIVE_MIN);
    expect(minutes(waits, mine)).toBeCloseTo(3 + 15, 6);
    expect(ahead.map((t) => minutes(waits, t))).toEqual([3, 8, 13].map((m) => expect.closeTo(m, 6)));
  });

  it('a service running past its mean still has time left (log-normal model), not zero', () => {
    const mine = ticket('HT', 0);
    const counters = [counter('Q1', ['HT'], { serving: { fieldId: 'HT', startedAt: at(-8) } })];
    const stats: ServiceStats = { byField: { HT: { meanSeconds: 5 * MIN, count: 100, logSigma: 0.55 } }, defaultMeanSeconds: 300 };
    const wait = minutes(predictWaits({ now: NOW, waiting: [mine], counters }, stats), mine);
    expect(wait).toBeGreaterThan(2);
    expect(wait).toBeLessThan(5);
    expect(expectedRemainingSeconds(300, 0, 0.55)).toBe(300);
    expect(expectedRemainingSeconds(300, 300, 0.55) / 300).toBeCloseTo(0.56, 1);
  });

  it('a priority ticket is predicted before normal tickets issued within its credit, not before those issued long before', () => {
    const longBefore = ticket('HT', 30);
    const within = [ticket('HT', 10), ticket('HT', 5)];
    const priority = ticket('HT', 0, { priorityCreditMinutes: 20 });
    const snapshot: QueueSnapshot = { now: NOW, waiting: [longBefore, ...within, priority], counters: [counter('Q1', ['HT'])] };
    const waits = predictWaits(snapshot, FIVE_MIN);
    for (const t of within) expect(minutes(waits, priority)).toBeLessThan(minutes(waits, t));
    expect(minutes(waits, priority)).toBeGreaterThan(minutes(waits, longBefore));
  });

  it('a closed counter, or one paused with no known return, does not help; a pause that ends helps from then on', () => {
    const waiting = Array.from({ length: 6 }, (_, i) => ticket('HT', 10 - i));
    const alone = predictWaits({ now: NOW, waiting, counters: [counter('Q1', ['HT'])] }, FIVE_MIN);
    for (const extra of [counter('Q2', ['HT'], { state: 'closed' }), counter('Q2', ['HT'], { state: 'paused', pausedUntil: null })]) {
      expect(predictWaits({ now: NOW, waiting, counters: [counter('Q1', ['HT']), extra] }, FIVE_MIN)).toEqual(alone);
    }
    const back = counter('Q2', ['HT'], { state: 'paused', pausedUntil: at(12) });
    const withReturn = predictWaits({ now: NOW, waiting, counters: [counter('Q1', ['HT']), back] }, FIVE_MIN);
    const last = waiting.at(-1);
    if (!last) throw new Error('no ticket');
    expect(minutes(withReturn, last)).toBeLessThan(minutes(alone, last));
    for (const t of waiting) if (minutes(alone, t) <= 12) expect(minutes(withReturn, t)).toBe(minutes(alone, t));
  });

  it('a counter shared by two fields splits its capacity between them', () => {
    const ht = Array.from({ length: 6 }, (_, i) => ticket('HT', 30 - 4 * i));
    const ct = Array.from({ length: 6 }, (_, i) => ticket('CT', 28 - 4 * i));
    const lastHt = ht.at(-1);
    if (!lastHt) throw new Error('no ticket');
    const dedicated = predictWaits({ now: NOW, waiting: [...ht, ...ct], counters: [counter('Q1', ['HT'])] }, FIVE_MIN);
    const shared = predictWaits({ now: NOW, waiting: [...ht, ...ct], counters: [counter('Q1', ['HT', 'CT'])] }, FIVE_MIN);
    expect(minutes(dedicated, lastHt)).toBeCloseTo(25, 6);
    expect(minutes(shared, lastHt)).toBeCloseTo(50, 6);
    expect(dedicated.has(ct[0]?.id ?? '')).toBe(false); // no counter for Chứng thực: no prediction, not a number
  });

  it('more counters, shorter waits', () => {
    const waiting = Array.from({ length: 12 }, (_, i) => ticket('HT', 24 - 2 * i));
    const lastWaits = [1, 2, 3].map((n) => {
      const counters = Array.from({ length: n }, (_, i) => counter(`Q${i}`, ['HT'], { serving: { fieldId: 'HT', startedAt: at(-1) } }));
      return predictWaits({ now: NOW, waiting, counters }, FIVE_MIN);
    });
    for (const t of waiting) {
      expect(minutes(lastWaits[1] ?? new Map(), t)).toBeLessThanOrEqual(minutes(lastWaits[0] ?? new Map(), t));
      expect(minutes(lastWaits[2] ?? new Map(), t)).toBeLessThanOrEqual(minutes(lastWaits[1] ?? new Map(), t));
    }
    const last = waiting.at(-1);
    if (!last) throw new Error('no ticket');
    expect(minutes(lastWaits[2] ?? new Map(), last)).toBeLessThan(minutes(lastWaits[0] ?? new Map(), last) / 2.5);
  });

  it('predictions never decrease along the service order of a field', () => {
    const { snapshot } = mixedSnapshot(7, 60);
    const waits = predictWaits(snapshot, FIVE_MIN);
    for (const field of ['HT', 'CT', 'DD']) {
      const order = snapshot.waiting.filter((t) => t.fieldId === field && !t.targetCounterId).sort(compareForService);
      const series = order.map((t) => minutes(waits, t));
      for (let i = 1; i < series.length; i++) expect(series[i]).toBeGreaterThanOrEqual(series[i - 1] ?? 0);
    }
  });

  it('calls tickets exactly as nextTicketFor() would (mixed fields, shared counters, priority, transfers)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { snapshot } = mixedSnapshot(seed, 40);
      const planned = simulateCalls(snapshot, FIVE_MIN).map((c) => `${c.counterId}:${c.ticketId}`);
      expect(planned).toEqual(referenceCalls(snapshot, FIVE_MIN));
    }
  });

  it('expected priority arrivals delay recent normal tickets, not those issued longer ago than the credit', () => {
    const old = ticket('HT', 25);
    const recent = ticket('HT', 0);
    const base: QueueSnapshot = { now: NOW, waiting: [old, recent], counters: [counter('Q1', ['HT'], { serving: { fieldId: 'HT', startedAt: at(-1) } })] };
    const plain = predictWaits(base, FIVE_MIN);
    const withPriority = predictWaits({ ...base, priorityArrivalRatePerSecond: { HT: 3 / 3600 } }, FIVE_MIN);
    expect(minutes(withPriority, old)).toBe(minutes(plain, old));
    expect(minutes(withPriority, recent)).toBeGreaterThan(minutes(plain, recent));
  });

  it('lower availability (breaks to come) stretches future services', () => {
    const waiting = [ticket('HT', 10), ticket('HT', 5)];
    const snapshot: QueueSnapshot = { now: NOW, waiting, counters: [counter('Q1', ['HT'])] };
    const second = waiting[1];
    if (!second) throw new Error('no ticket');
    expect(minutes(predictWaits(snapshot, { ...FIVE_MIN, availability: 0.8 }), second)).toBeCloseTo(5 / 0.8, 6);
  });

  // Speed is measured by `npm run bench:eta` (not asserted here); this checks a large center is handled.
  it('predicts every ticket of a large center (20 counters, 500 waiting)', () => {
    const { snapshot } = mixedSnapshot(3, 500, 20);
    const rates = { ...snapshot, priorityArrivalRatePerSecond: { HT: 0.001, CT: 0.001, DD: 0.0005 } };
    expect(predictWaits(rates, FIVE_MIN).size).toBe(500);
  });
});

describe('serviceStatsFrom', () => {
  const samples = (field: string, seconds: number[], finishedMinutesAgo = 30): ServiceSample[] =>
    seconds.map((s, i) => ({ fieldId: field, seconds: s, finishedAt: at(-finishedMinutesAgo - i) }));
  const around5min = Array.from({ length: 40 }, (_, i) => 240 + ((i * 37) % 120)); // 4–6 min

  it('ignores an absurd 3-hour service (a ticket left open over lunch)', () => {
    const clean = serviceStatsFrom(samples('HT', around5min));
    const polluted = serviceStatsFrom(samples('HT', [...around5min, 3 * 3600]));
    const plainMean = (around5min.reduce((a, b) => a + b, 0) + 3 * 3600) / 41;
    expect(plainMean).toBeGreaterThan(9 * MIN);
    expect(polluted.byField.HT?.meanSeconds).toBeCloseTo(clean.byField.HT?.meanSeconds ?? 0, 6);
    expect(polluted.byField.HT?.count).toBe(40);
    expect((polluted.byField.HT?.meanSeconds ?? 0) / 60).toBeCloseTo(5, 0);
  });

  it('weighs recent days more, and shrinks a field with few samples toward the global mean', () => {
    const lastWeek = samples('HT', Array.from({ length: 30 }, () => 4 * MIN), 7 * 24 * 60);
    const today = samples('HT', Array.from({ length: 30 }, () => 8 * MIN));
    const stats = serviceStatsFrom([...lastWeek, ...today, ...samples('DD', [20 * MIN])], { now: NOW });
    expect((stats.byField.HT?.meanSeconds ?? 0) / 60).toBeGreaterThan(7.9);
    const dd = (stats.byField.DD?.meanSeconds ?? 0) / 60;
    expect(dd).toBeGreaterThan(8);
    expect(dd).toBeLessThan(20);
    expect(stats.byField.XX).toBeUndefined();
    expect(serviceStatsFrom([]).defaultMeanSeconds).toBe(420);
  });
});

describe('baselines', () => {
  it('naive: people ahead in the field × mean ÷ open counters', () => {
    const waiting = [ticket('HT', 9), ticket('HT', 6), ticket('CT', 5), ticket('HT', 3), ticket('HT', 0)];
    const counters = [counter('Q1', ['HT']), counter('Q2', ['HT', 'CT']), counter('Q3', ['HT'], { state: 'closed' })];
    const last = waiting[4];
    if (!last) throw new Error('no ticket');
    expect(minutes(naiveWaits({ now: NOW, waiting, counters }, FIVE_MIN), last)).toBeCloseTo((3 * 5) / 2, 6);
  });

  it('Erlang C: M/M/1 and M/M/2 textbook values; ρ ≥ 1 falls back to the naive figure', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 10);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 10);
    const waiting = [ticket('HT', 6), ticket('HT', 0)];
    const snapshot: QueueSnapshot = { now: NOW, waiting, counters: [counter('Q1', ['HT'])], arrivalRatePerSecond: { HT: 1 / 600 } };
    const w = erlangCWaits(snapshot, FIVE_MIN); // λ = 1/600, μ = 1/300: ρ = ½, Wq = ρ/(μ − λ) = 300 s
    for (const t of waiting) expect(w.get(t.id)).toBeCloseTo(300, 6);
    const overloaded = erlangCWaits({ ...snapshot, arrivalRatePerSecond: { HT: 1 / 200 } }, FIVE_MIN);
    expect(overloaded).toEqual(naiveWaits(snapshot, FIVE_MIN));
  });
});

// ---------------------------------------------------------------------------------------------

/** A deterministic busy center: 3 fields, shared counters, ~10 % priority, a few transfers. */
function mixedSnapshot(seed: number, n: number, counterCount = 5): { snapshot: QueueSnapshot } {
  let s = seed;
  const rand = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const sets = [['HT'], ['HT', 'CT'], ['CT'], ['DD', 'CT'], ['DD', 'HT']];
  const counters = Array.from({ length: counterCount }, (_, i) =>
    counter(`Q${i}`, sets[i % sets.length] ?? ['HT'], rand() < 0.5 ? { serving: { fieldId: 'HT', startedAt: at(-rand() * 6) } } : {}),
  );
  const waiting = Array.from({ length: n }, (_, i) =>
    ticket(['HT', 'CT', 'DD'][Math.floor(rand() * 3)] ?? 'HT', rand() * 90, {
      number: i + 1,
      priorityCreditMinutes: rand() < 0.1 ? 20 : 0,
      targetCounterId: rand() < 0.03 ? `Q${Math.floor(rand() * counterCount)}` : null,
    }),
  );
  return { snapshot: { now: NOW, waiting, counters } };
}

/** The obvious, slow version: each counter, when free, asks nextTicketFor() (open counters only). */
function referenceCalls(snapshot: QueueSnapshot, stats: ServiceStats): string[] {
  let remaining = [...snapshot.waiting];
  const free = snapshot.counters.map((c) => {
    const mean = stats.byField[c.serving?.fieldId ?? '']?.meanSeconds ?? 0;
    const elapsed = c.serving ? (NOW.getTime() - c.serving.startedAt.getTime()) / 1000 : 0;
    return { c, at: c.serving ? Math.max(mean - elapsed, 30, 0.15 * mean) : 0 };
  });
  const calls: string[] = [];
  while (free.length > 0) {
    const i = free.reduce((best, f, j) => (f.at < (free[best]?.at ?? Infinity) ? j : best), 0);
    const f = free[i];
    if (!f) break;
    const next = nextTicketFor(f.c, remaining);
    if (!next) {
      free.splice(i, 1);
      continue;
    }
    calls.push(`${f.c.id}:${next.ticket.id}`);
    remaining = remaining.filter((t) => t !== next.ticket);
    f.at += stats.byField[next.ticket.fieldId]?.meanSeconds ?? 0;
  }
  return calls;
}
