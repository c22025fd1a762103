/**
 * Wait-time prediction for the queue (issue #3) — pure, no I/O. docs/queue-eta.md has the method,
 * the benchmark (bench/eta.ts) and the limits.
 *
 * predictWaits() runs the counters forward, deterministically, from the present state: each
 * counter that is open (or paused with a known return) becomes free at its expected instant, then
 * calls the ticket the real console would call (ordering.ts: earliest virtual time among those it
 * serves) and stays busy for that field's expected service time. So mixed fields, shared
 * counters, transfers and priority are handled as they will be called. Baselines for the
 * benchmark: naiveWaits() and erlangCWaits().
 *
 * A ticket that no counter can serve (all its counters closed, or paused without a known return)
 * gets no entry in the returned maps: "unknown", not a number.
 */
import { compareForService, DEFAULT_PRIORITY_CREDIT_MINUTES, servesTicket, type QueueCounter, type QueueTicket } from './ordering.js';

export type CounterState = 'open' | 'paused' | 'closed';

export interface SnapshotCounter {
  id: string;
  fieldIds: string[];
  state: CounterState;
  /** ticket being served */
  serving: { fieldId: string; startedAt: Date } | null;
  /** expected return for a pause, if known */
  pausedUntil?: Date | null;
}

export interface QueueSnapshot {
  now: Date;
  waiting: QueueTicket[];
  counters: SnapshotCounter[];
  /**
   * Recent arrival rate per field, tickets per second (e.g. tickets issued in the last 60 min ÷
   * 3600). Used by erlangCWaits() only (λ of the M/M/c model); a missing field counts as 0.
   */
  arrivalRatePerSecond?: Record<string, number>;
  /**
   * Expected rate of priority tickets per field, per second (e.g. arrivalRatePerSecond × the
   * priority share of recent days). predictWaits() lets those expected within the credit window
   * go first; omitted: no future arrival is assumed.
   */
  priorityArrivalRatePerSecond?: Record<string, number>;
}

export interface FieldServiceStats {
  /** Expected occupancy of a counter per call for this field, seconds (robust, recency-weighted, shrunk). */
  meanSeconds: number;
  /** Samples kept after the outlier filter. */
  count: number;
  /** Robust σ of log(seconds) (MAD-based): the spread, for the remaining time of a service under way. */
  logSigma?: number;
}

export interface ServiceStats {
  byField: Record<string, FieldServiceStats>;
  /** Used for a field without history: the mean over all fields (or the configured default). */
  defaultMeanSeconds: number;
  /**
   * Share of an open counter's time not spent on breaks (1 − paused ÷ open, from recent counter
   * sessions); future services are stretched by 1/availability for breaks not announced yet.
   * Default 1; clamped to [0.5, 1].
   */
  availability?: number;
}

export interface ServiceSample {
  fieldId: string;
  /** Counter occupancy for one call: called → finished (or → marked no-show). */
  seconds: number;
  finishedAt: Date;
}

export interface ServiceStatsOptions {
  /** Reference instant for recency weights; default: the latest finishedAt. */
  now?: Date;
  /** Half-life of a sample's weight, hours; default 24 (yesterday weighs ½, a week ago ≈ 1/128). */
  halfLifeHours?: number;
  /** Pseudo-samples of the global mean added to each field (shrinkage); default 3. */
  priorStrength?: number;
  /** A sample longer than exp(median log + k · robust σ of log) is dropped; default k = 3.5. */
  outlierSigmas?: number;
  /** Samples a field needs to be its own reference for the outlier filter; default 8. */
  minFieldSamplesForFilter?: number;
  /** Mean used when there is no history at all; default 420 s (7 min). */
  fallbackMeanSeconds?: number;
}

export interface PredictOptions {
  /** Least remaining time of a ticket already in service, as a share of its field's mean; default 0.15. */
  remainingFloorShare?: number;
  /** Least remaining time of a ticket already in service, seconds; default 30. */
  remainingFloorSeconds?: number;
  /** Credit of expected priority arrivals; default DEFAULT_PRIORITY_CREDIT_MINUTES. */
  priorityCreditMinutes?: number;
}

/** One call of the forward simulation: which counter is expected to call which ticket, when (seconds from now). */
export interface PlannedCall { ticketId: string; counterId: string; atSeconds: number }

const MAD_TO_SIGMA = 1.4826;
/** Least robust σ of log(service time): a field whose samples are nearly equal still keeps normal variation. */
const MIN_LOG_SIGMA = 0.25;

export function meanServiceSeconds(stats: ServiceStats, fieldId: string): number {
  return stats.byField[fieldId]?.meanSeconds ?? stats.defaultMeanSeconds;
}

// ---------------------------------------------------------------------------------------------
// Service statistics from history

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return ((sorted[Math.floor((n - 1) / 2)] ?? 0) + (sorted[Math.ceil((n - 1) / 2)] ?? 0)) / 2;
}

/** Median and robust σ (MAD × 1.4826) of log(seconds): the reference for the outlier filter. */
function logReference(seconds: readonly number[]): { center: number; sigma: number } {
  const logs = seconds.map(Math.log).sort((a, b) => a - b);
  const center = median(logs);
  const mad = median(logs.map((x) => Math.abs(x - center)).sort((a, b) => a - b));
  return { center, sigma: Math.max(mad * MAD_TO_SIGMA, MIN_LOG_SIGMA) };
}

function groupByField(samples: readonly ServiceSample[]): Map<string, ServiceSample[]> {
  const groups = new Map<string, ServiceSample[]>();
  for (const s of samples) {
    if (!Number.isFinite(s.seconds) || s.seconds <= 0) continue;
    if (!groups.has(s.fieldId)) groups.set(s.fieldId, []);
    groups.get(s.fieldId)?.push(s);
  }
  return groups;
}

/** Σw, Σw², Σw·x over a field's kept samples, their number, and the field's reference log-σ. */
type WeightedSum = { sumW: number; sumW2: number; sumWX: number; kept: number; logSigma: number };

/**
 * Robust per-field service means from history:
 * 1. one-sided outlier filter on log(seconds) — a sample above median + k·σ (σ from the MAD, the
 *    field's own when it has enough samples, else all fields') is dropped: a ticket left open over
 *    lunch is 3 hours long, while a short one (no-show, quick copy) cannot pull a mean far;
 * 2. exponentially recency-weighted mean (half-life 24 h): today's pace counts most;
 * 3. shrinkage toward the global mean with `priorStrength` pseudo-samples, against the effective
 *    sample size (Σw)²/Σw², so a field with 2 samples is not trusted like one with 200.
 * The mean (not the median) is what a wait adds up: for right-skewed times the median is low.
 * logSigma is the reference σ of step 1 (≥ 0.25), used for the remaining time of a service.
 */
export function serviceStatsFrom(samples: readonly ServiceSample[], options: ServiceStatsOptions = {}): ServiceStats {
  const halfLifeMs = (options.halfLifeHours ?? 24) * 3_600_000;
  const k = options.outlierSigmas ?? 3.5;
  const minOwn = options.minFieldSamplesForFilter ?? 8;
  const groups = groupByField(samples);
  const all = [...groups.values()].flat();
  if (all.length === 0) return { byField: {}, defaultMeanSeconds: options.fallbackMeanSeconds ?? 420 };
  const now = options.now?.getTime() ?? all.reduce((m, s) => Math.max(m, s.finishedAt.getTime()), -Infinity);
  const globalRef = logReference(all.map((s) => s.seconds));
  const sums = new Map<string, WeightedSum>();
  const total: WeightedSum = { sumW: 0, sumW2: 0, sumWX: 0, kept: 0, logSigma: globalRef.sigma };
  for (const [fieldId, list] of groups) {
    const ref = list.length >= minOwn ? logReference(list.map((s) => s.seconds)) : globalRef;
    const limit = Math.exp(ref.center + k * ref.sigma);
    const sum: WeightedSum = { sumW: 0, sumW2: 0, sumWX: 0, kept: 0, logSigma: ref.sigma };
    for (const s of list) {
      if (s.seconds > limit) continue;
      const w = Math.pow(2, -Math.max(0, now - s.finishedAt.getTime()) / halfLifeMs);
      for (const acc of [sum, total]) addWeighted(acc, w, s.seconds);
    }
    sums.set(fieldId, sum);
  }
  const globalMean = total.sumW > 0 ? total.sumWX / total.sumW : (options.fallbackMeanSeconds ?? 420);
  return { byField: shrink(sums, globalMean, options.priorStrength ?? 3), defaultMeanSeconds: globalMean };
}

function addWeighted(acc: WeightedSum, w: number, x: number): void {
  acc.sumW += w;
  acc.sumW2 += w * w;
  acc.sumWX += w * x;
  acc.kept += 1;
}

function shrink(sums: Map<string, WeightedSum>, globalMean: number, prior: number): Record<string, FieldServiceStats> {
  const byField: Record<string, FieldServiceStats> = {};
  for (const [fieldId, s] of sums) {
    if (s.sumW <= 0) continue;
    const nEff = (s.sumW * s.sumW) / s.sumW2;
    const own = s.sumWX / s.sumW;
    byField[fieldId] = { meanSeconds: (nEff * own + prior * globalMean) / (nEff + prior), count: s.kept, logSigma: s.logSigma };
  }
  return byField;
}

// ---------------------------------------------------------------------------------------------
// The predictor: forward simulation with the ordering rule

/**
 * A ticket in the simulation: a real one (arrives 0, weight 1) or an expected priority arrival,
 * callable from `arrives` (seconds from now), costing `weight` × one service.
 */
type Item = { ticket: QueueTicket; arrives: number; weight: number; real: boolean };

/** A counter in the simulation: calls its next ticket at `freeAt` (seconds from now); `cursor`: see nextFor(). */
type SimCounter = { counter: QueueCounter; freeAt: number; cursor: number };

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  const tail = (poly * Math.exp(-z * z)) / 2;
  return x >= 0 ? 1 - tail : tail;
}

/**
 * Expected remaining seconds of a service already `elapsed` long. With a log-normal model (mean,
 * log-σ) it is E[X − t | X > t] — about 0.6 × mean once a service is past its mean, not ~0;
 * without σ, max(mean − elapsed, floor).
 */
export function expectedRemainingSeconds(mean: number, elapsed: number, logSigma: number | undefined, options: PredictOptions = {}): number {
  const floor = Math.max(options.remainingFloorSeconds ?? 30, (options.remainingFloorShare ?? 0.15) * mean);
  if (elapsed <= 0) return mean;
  if (logSigma && logSigma > 0) {
    const d = (Math.log(mean) - (logSigma * logSigma) / 2 - Math.log(elapsed)) / logSigma;
    const survive = normalCdf(d);
    if (survive > 1e-4) return Math.max(floor, (mean * normalCdf(d + logSigma)) / survive - elapsed);
  }
  return Math.max(mean - elapsed, floor);
}

/** When a counter will call its next ticket (seconds from now), or null if it will not call. */
function firstFreeAt(c: SnapshotCounter, nowMs: number, stats: ServiceStats, options: PredictOptions): number | null {
  if (c.state === 'closed') return null;
  if (c.state === 'paused') return c.pausedUntil ? Math.max(0, (c.pausedUntil.getTime() - nowMs) / 1000) : null;
  if (!c.serving) return 0;
  const mean = meanServiceSeconds(stats, c.serving.fieldId);
  const elapsed = Math.max(0, (nowMs - c.serving.startedAt.getTime()) / 1000);
  return expectedRemainingSeconds(mean, elapsed, stats.byField[c.serving.fieldId]?.logSigma, options);
}

/**
 * Expected priority tickets not issued yet that will still go before someone waiting now: one
 * issued at s has virtual time s − credit, so only those issued before now + credit matter. Each
 * field's expected count (rate × credit) is spread as fractional tickets over that window.
 */
function expectedPriorityArrivals(snapshot: QueueSnapshot, options: PredictOptions): Item[] {
  const credit = options.priorityCreditMinutes ?? DEFAULT_PRIORITY_CREDIT_MINUTES;
  const items: Item[] = [];
  for (const [fieldId, rate] of Object.entries(snapshot.priorityArrivalRatePerSecond ?? {})) {
    const expected = rate * credit * 60;
    const parts = Math.min(8, Math.ceil(expected * 4));
    for (let j = 0; j < parts; j++) {
      const arrives = ((j + 0.5) / parts) * credit * 60;
      const issuedAt = new Date(snapshot.now.getTime() + arrives * 1000);
      const ticket = { id: `expected:${fieldId}:${j}`, fieldId, number: Number.MAX_SAFE_INTEGER, issuedAt, priorityCreditMinutes: credit };
      items.push({ ticket, arrives, weight: expected / parts, real: false });
    }
  }
  return items;
}

function earliestCounter(sims: readonly SimCounter[]): number {
  let best = 0;
  for (let i = 1; i < sims.length; i++) {
    if ((sims[i]?.freeAt ?? Infinity) < (sims[best]?.freeAt ?? Infinity)) best = i;
  }
  return best;
}

/**
 * What the counter does next: call item `index` (the first not-yet-called item it serves in the
 * service order that has arrived — nextTicketFor()'s answer, since a stable sort then a filter
 * equals a filter then a stable sort), wait `until` an expected arrival, or nothing (null).
 * Amortised O(1): the cursor only moves forward, past called items and items it never serves.
 */
function nextFor(sim: SimCounter, items: readonly Item[], called: Uint8Array): { index: number } | { until: number } | null {
  let until = Infinity;
  let front = true;
  for (let i = sim.cursor; i < items.length; i++) {
    const item = items[i];
    const skip = !item || called[i] === 1 || !servesTicket(sim.counter, item.ticket);
    if (skip && front) sim.cursor = i + 1;
    if (skip) continue;
    if (item.arrives <= sim.freeAt) return { index: i };
    front = false;
    until = Math.min(until, item.arrives);
  }
  return Number.isFinite(until) ? { until } : null;
}

/**
 * The calls the counters are expected to make, in time order, if each service took its field's
 * mean (÷ availability) and no ticket arrived but the expected priority ones. Ties between
 * counters go to the one listed first.
 */
export function simulateCalls(snapshot: QueueSnapshot, stats: ServiceStats, options: PredictOptions = {}): PlannedCall[] {
  const nowMs = snapshot.now.getTime();
  const real = snapshot.waiting.map((ticket): Item => ({ ticket, arrives: 0, weight: 1, real: true }));
  const items = [...real, ...expectedPriorityArrivals(snapshot, options)].sort((a, b) => compareForService(a.ticket, b.ticket));
  const called = new Uint8Array(items.length);
  const stretch = 1 / Math.min(1, Math.max(0.5, stats.availability ?? 1));
  const sims: SimCounter[] = [];
  for (const c of snapshot.counters) {
    const freeAt = firstFreeAt(c, nowMs, stats, options);
    if (freeAt !== null) sims.push({ counter: { id: c.id, fieldIds: c.fieldIds }, freeAt, cursor: 0 });
  }
  const calls: PlannedCall[] = [];
  while (sims.length > 0) {
    const i = earliestCounter(sims);
    const sim = sims[i];
    if (!sim) break;
    const next = nextFor(sim, items, called);
    if (!next) sims.splice(i, 1); // nothing left this counter may call: it takes no further part
    else if ('until' in next) sim.freeAt = next.until;
    else {
      const item = items[next.index];
      if (!item) break;
      called[next.index] = 1;
      if (item.real) calls.push({ ticketId: item.ticket.id, counterId: sim.counter.id, atSeconds: sim.freeAt });
      sim.freeAt += item.weight * meanServiceSeconds(stats, item.ticket.fieldId) * stretch;
    }
  }
  return calls;
}

/** Predicted seconds until each waiting ticket is called (absent: no counter can serve it). */
export function predictWaits(snapshot: QueueSnapshot, stats: ServiceStats, options: PredictOptions = {}): Map<string, number> {
  const waits = new Map<string, number>();
  for (const call of simulateCalls(snapshot, stats, options)) waits.set(call.ticketId, call.atSeconds);
  return waits;
}

// ---------------------------------------------------------------------------------------------
// Baselines

/** `servers` counters serve the field, available in `delay` seconds (0 when some are open now). */
type FieldCapacity = { servers: number; delay: number };

/** The open counters of a field; if none, the paused ones with a known return (from the earliest); null: none. */
function fieldCapacity(snapshot: QueueSnapshot, fieldId: string): FieldCapacity | null {
  const serving = snapshot.counters.filter((c) => c.fieldIds.includes(fieldId));
  const open = serving.filter((c) => c.state === 'open').length;
  if (open > 0) return { servers: open, delay: 0 };
  const returns = serving.filter((c) => c.state === 'paused' && c.pausedUntil).map((c) => c.pausedUntil?.getTime() ?? 0);
  if (returns.length === 0) return null;
  return { servers: returns.length, delay: Math.max(0, (Math.min(...returns) - snapshot.now.getTime()) / 1000) };
}

/** People ahead (same field, by the ordering rule) × field mean ÷ counters serving the field. */
export function naiveWaits(snapshot: QueueSnapshot, stats: ServiceStats): Map<string, number> {
  const waits = new Map<string, number>();
  const order = [...snapshot.waiting].sort(compareForService);
  const aheadInField = new Map<string, number>();
  const capacities = new Map<string, FieldCapacity | null>();
  for (const t of order) {
    const ahead = aheadInField.get(t.fieldId) ?? 0;
    aheadInField.set(t.fieldId, ahead + 1);
    if (!capacities.has(t.fieldId)) capacities.set(t.fieldId, fieldCapacity(snapshot, t.fieldId));
    const cap = capacities.get(t.fieldId);
    if (cap) waits.set(t.id, cap.delay + (ahead * meanServiceSeconds(stats, t.fieldId)) / cap.servers);
  }
  return waits;
}

/** Erlang C: probability that an arrival waits in M/M/c with offered load a = λ/μ < c. */
export function erlangC(servers: number, offeredLoad: number): number {
  let b = 1; // Erlang B by the stable recursion B(k) = a·B(k−1) / (k + a·B(k−1))
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

/**
 * Steady-state M/M/c expected wait for the ticket's field: c = counters serving it (as in the
 * naive baseline), λ = snapshot.arrivalRatePerSecond[field], μ = 1 / field mean. The same figure
 * for every ticket of a field, whatever its place. When ρ = λ/(cμ) ≥ 1 there is no steady state:
 * falls back to the naive figure for that ticket.
 */
export function erlangCWaits(snapshot: QueueSnapshot, stats: ServiceStats): Map<string, number> {
  const naive = naiveWaits(snapshot, stats);
  const waits = new Map<string, number>();
  for (const t of snapshot.waiting) {
    const cap = fieldCapacity(snapshot, t.fieldId);
    if (!cap) continue;
    const mean = meanServiceSeconds(stats, t.fieldId);
    const lambda = snapshot.arrivalRatePerSecond?.[t.fieldId] ?? 0;
    const load = lambda * mean;
    const wq = load > 0 ? (erlangC(cap.servers, load) * mean) / (cap.servers - load) : 0;
    const wait = load >= cap.servers ? naive.get(t.id) : cap.delay + wq;
    if (wait !== undefined) waits.set(t.id, wait);
  }
  return waits;
}
