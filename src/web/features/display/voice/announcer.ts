/**
 * The display board's voice: a queue of call announcements played strictly one after another.
 *
 * Audio itself is behind two small interfaces so that the sequencing is testable without a
 * browser: a ClipPlayer (pre-synthesised clips; WebAudioClipPlayer in the browser) and an
 * optional SpeechPlayer (the OS's local Vietnamese voice through SpeechSynthesis;
 * BrowserSpeechPlayer). Clips are the default and always work; speech is used only in
 * mode 'speech', only while a local voice exists, and any error or timeout falls back to the
 * clips for that call (after 3 failures in a row speech rests for 10 minutes).
 *
 * For a board left running for days: the queue is bounded (maxQueue; an identical call already
 * waiting is not added twice; on overflow the oldest duplicate of a ticket goes first, else the
 * oldest call), calls that waited longer than maxAgeMs are skipped (the screen still shows
 * them), nothing else is kept per call, and a suspended audio output (Chromium's autoplay
 * policy without a user gesture) pauses the queue and reports onBlocked(true) until unlock()
 * — called from a click on the "Bật âm thanh / Enable sound" button — gets it running again.
 */
import { callText, composeCall, type Call, type CallForm } from './compose.js';

export interface ClipPlayer {
  /** Fetches and decodes clips ahead of time; idempotent. */
  preload(ids: readonly string[]): Promise<void>;
  /**
   * Plays the clips back to back; resolves when the last has ended. Rejects on failure, with
   * AudioBlockedError when the output is suspended and needs a user gesture. When `signal`
   * aborts it must fall silent at once and reject.
   */
  play(ids: readonly string[], signal: AbortSignal): Promise<void>;
  /** Tries to start the audio output (call it from a user gesture); true when it runs. */
  unlock(): Promise<boolean>;
  /** Whether the output is known to be suspended (so the "enable sound" button is needed). */
  isBlocked(): boolean;
}

export interface SpeechPlayer {
  /** Whether a local Vietnamese voice is there right now. */
  available(): boolean;
  /** Speaks the text; resolves at its end, rejects on error; falls silent and rejects when `signal` aborts. */
  speak(text: string, signal: AbortSignal): Promise<void>;
}

export class AudioBlockedError extends Error {
  constructor(message = 'audio output is suspended (needs a user gesture)') {
    super(message);
    this.name = 'AudioBlockedError';
  }
}

export class AnnounceTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = 'AnnounceTimeoutError';
  }
}

export type AnnounceMode = 'clips' | 'speech';
export type AnnounceKind = 'call' | 'recall';

export interface Announcement {
  call: Call;
  kind: AnnounceKind;
  queuedAt: number;
}

export interface AnnouncerOptions {
  clips: ClipPlayer;
  speech?: SpeechPlayer | null;
  /** 'clips' (default) or 'speech' (the operator's setting; falls back to clips). */
  mode?: AnnounceMode;
  /** Most announcements waiting at once (default 6). */
  maxQueue?: number;
  /** A call waiting longer than this is skipped (default 2 minutes). */
  maxAgeMs?: number;
  /** Longest one clip announcement may take before it is cut (default 20 s). */
  clipTimeoutMs?: number;
  /** Longest the speech of `text` may take before falling back (default 4 s + 150 ms a character). */
  speechTimeoutMs?: (text: string) => number;
  /** Sentence form for recalls (default 'full': a recall repeats the announcement as it was). */
  recallForm?: CallForm;
  onSpeaking?: (call: Call | null) => void;
  onBlocked?: (blocked: boolean) => void;
  /** Errors that did not stop the board (a speech failure that fell back, a bad ticket…). */
  onError?: (error: unknown, call: Call | null) => void;
  now?: () => number;
}

const SPEECH_FAILURES_BEFORE_REST = 3;
const SPEECH_REST_MS = 10 * 60_000;

function ticketKey(ticket: string): string {
  return ticket.normalize('NFC').toUpperCase().replace(/[\s\-.]/gu, '');
}

/** Runs `task` with a signal that aborts after `ms`, rejecting with AnnounceTimeoutError then. */
async function withTimeout(what: string, ms: number, outer: AbortSignal, task: (signal: AbortSignal) => Promise<void>): Promise<void> {
  outer.throwIfAborted();
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer.reason);
  outer.addEventListener('abort', onOuterAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AnnounceTimeoutError(what, ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason instanceof Error ? controller.signal.reason : new Error('aborted')), {
      once: true,
    });
  });
  try {
    await Promise.race([task(controller.signal), timeout, aborted]);
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', onOuterAbort);
    // Settle the losers quietly (they are rejected promises nobody awaits any more).
    timeout.catch(() => undefined);
    aborted.catch(() => undefined);
    if (!controller.signal.aborted) controller.abort(new Error('finished'));
  }
}

export class Announcer {
  private readonly clips: ClipPlayer;
  private readonly speech: SpeechPlayer | null;
  private readonly maxQueue: number;
  private readonly maxAgeMs: number;
  private readonly clipTimeoutMs: number;
  private readonly speechTimeoutMs: (text: string) => number;
  private readonly recallForm: CallForm;
  private readonly opts: AnnouncerOptions;
  private readonly now: () => number;
  private modeValue: AnnounceMode;
  private queue: Announcement[] = [];
  private currentItem: Announcement | null = null;
  private running = false;
  private blockedValue = false;
  private disposed = false;
  private speechFailures = 0;
  private speechRestUntil = 0;
  private stopCurrent: AbortController | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(options: AnnouncerOptions) {
    this.opts = options;
    this.clips = options.clips;
    this.speech = options.speech ?? null;
    this.modeValue = options.mode ?? 'clips';
    this.maxQueue = Math.max(1, options.maxQueue ?? 6);
    this.maxAgeMs = options.maxAgeMs ?? 120_000;
    this.clipTimeoutMs = options.clipTimeoutMs ?? 20_000;
    this.speechTimeoutMs = options.speechTimeoutMs ?? ((text) => 4000 + 150 * text.length);
    this.recallForm = options.recallForm ?? 'full';
    this.now = options.now ?? Date.now;
  }

  get mode(): AnnounceMode {
    return this.modeValue;
  }

  /** Switches between clips and speech (the operator's setting); resets speech's failure count. */
  setMode(mode: AnnounceMode): void {
    this.modeValue = mode;
    this.speechFailures = 0;
    this.speechRestUntil = 0;
  }

  get blocked(): boolean {
    return this.blockedValue;
  }

  /** The announcement being played, if any. */
  get current(): Announcement | null {
    return this.currentItem;
  }

  /** The announcements waiting (a copy). */
  get pending(): readonly Announcement[] {
    return [...this.queue];
  }

  /** Queues a call; false when an identical call was already waiting (or after dispose). */
  announce(call: Call): boolean {
    return this.enqueue(call, 'call');
  }

  /** Queues a call again (a recall repeats the announcement even if it was just said). */
  recall(call: Call): boolean {
    return this.enqueue(call, 'recall');
  }

  /** Decodes every clip ahead of time, and notices an output that is suspended from the start. */
  async preload(ids: readonly string[]): Promise<void> {
    if (this.clips.isBlocked()) this.setBlocked(true);
    try {
      await this.clips.preload(ids);
    } catch (error) {
      this.opts.onError?.(error, null);
    }
  }

  /** Starts the audio output; call it from a user gesture. Resumes the queue when it works. */
  async unlock(): Promise<boolean> {
    let ok = false;
    try {
      ok = await this.clips.unlock();
    } catch (error) {
      this.opts.onError?.(error, null);
    }
    if (ok) {
      this.setBlocked(false);
      this.pump();
    }
    return ok;
  }

  /** Drops every waiting announcement and silences the current one. */
  clear(): void {
    this.queue = [];
    this.stopCurrent?.abort(new Error('cleared'));
  }

  /** Stops for good (the board page unmounts). */
  dispose(): void {
    this.disposed = true;
    this.clear();
    this.resolveIdle();
  }

  /** Resolves once nothing is playing and nothing can be played (queue empty, blocked or disposed). */
  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(call: Call, kind: AnnounceKind): boolean {
    if (this.disposed) return false;
    const key = ticketKey(call.ticket);
    if (this.queue.some((item) => ticketKey(item.call.ticket) === key && item.call.counter === call.counter)) return false;
    this.queue.push({ call: { ticket: call.ticket, counter: call.counter }, kind, queuedAt: this.now() });
    while (this.queue.length > this.maxQueue) {
      const keys = this.queue.map((item) => ticketKey(item.call.ticket));
      const oldestDuplicate = keys.findIndex((k, i) => keys.indexOf(k, i + 1) !== -1);
      this.queue.splice(Math.max(0, oldestDuplicate), 1);
    }
    this.pump();
    return true;
  }

  private setBlocked(blocked: boolean): void {
    if (this.blockedValue === blocked) return;
    this.blockedValue = blocked;
    this.opts.onBlocked?.(blocked);
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Starts the single play loop unless it runs already. */
  private pump(): void {
    if (this.running || this.disposed || this.blockedValue || this.queue.length === 0) return;
    this.running = true;
    void this.loop().finally(() => {
      this.running = false;
      // A call queued between the loop's last look and now starts a new loop.
      if (this.queue.length > 0 && !this.blockedValue && !this.disposed) this.pump();
      else this.resolveIdle();
    });
  }

  private async loop(): Promise<void> {
    while (!this.disposed && !this.blockedValue) {
      const item = this.queue.shift();
      if (!item) return;
      if (this.now() - item.queuedAt > this.maxAgeMs) continue;
      const stop = new AbortController();
      this.stopCurrent = stop;
      this.currentItem = item;
      this.opts.onSpeaking?.(item.call);
      try {
        await this.play(item, stop.signal);
      } catch (error) {
        if (error instanceof AudioBlockedError) {
          this.queue.unshift(item);
          this.setBlocked(true);
        } else if (!stop.signal.aborted) {
          this.opts.onError?.(error, item.call);
        }
      } finally {
        this.stopCurrent = null;
        this.currentItem = null;
        this.opts.onSpeaking?.(null);
      }
    }
  }

  private speechUsable(): boolean {
    return this.modeValue === 'speech' && this.speech !== null && this.now() >= this.speechRestUntil && this.speech.available();
  }

  private async play(item: Announcement, signal: AbortSignal): Promise<void> {
    const form: CallForm = item.kind === 'recall' ? this.recallForm : 'full';
    const ids = composeCall(item.call, form);
    const speech = this.speech;
    if (speech && this.speechUsable()) {
      // Chime from the clips, then the OS voice; on any speech failure the words from the clips.
      const [chime, ...words] = ids;
      if (chime !== undefined) await withTimeout('chime', this.clipTimeoutMs, signal, (s) => this.clips.play([chime], s));
      const text = callText(item.call, { form, forSpeech: true });
      try {
        await withTimeout('speech', this.speechTimeoutMs(text), signal, (s) => speech.speak(text, s));
        this.speechFailures = 0;
        return;
      } catch (error) {
        if (signal.aborted) throw error;
        this.speechFailures += 1;
        if (this.speechFailures >= SPEECH_FAILURES_BEFORE_REST) {
          this.speechFailures = 0;
          this.speechRestUntil = this.now() + SPEECH_REST_MS;
        }
        this.opts.onError?.(error, item.call);
      }
      // The chime has sounded already: the words follow.
      await withTimeout('clips', this.clipTimeoutMs, signal, (s) => this.clips.play(words, s));
      return;
    }
    await withTimeout('clips', this.clipTimeoutMs, signal, (s) => this.clips.play(ids, s));
  }
}
