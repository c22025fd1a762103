import { describe, expect, it } from 'vitest';
import { AudioBlockedError, Announcer, type AnnouncerOptions, type ClipPlayer, type SpeechPlayer } from './announcer.js';
import type { Call } from './compose.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A clip player that takes `ms` per play and logs starts and ends, checking nothing overlaps. */
class FakeClips implements ClipPlayer {
  log: string[] = [];
  plays: string[][] = [];
  active = 0;
  maxActive = 0;
  blocked = false;
  failWith: Error | null = null;
  constructor(private readonly ms = 5) {}
  preload(): Promise<void> {
    return Promise.resolve();
  }
  async play(ids: readonly string[], signal: AbortSignal): Promise<void> {
    if (this.blocked) throw new AudioBlockedError();
    if (this.failWith) throw this.failWith;
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    this.plays.push([...ids]);
    this.log.push(`start clips ${ids.join(' ')}`);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, this.ms);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      });
    } finally {
      this.active -= 1;
      this.log.push('end clips');
    }
  }
  unlock(): Promise<boolean> {
    this.blocked = false;
    return Promise.resolve(true);
  }
  isBlocked(): boolean {
    return this.blocked;
  }
}

/** A speech player that fails, hangs (until aborted) or speaks, sharing the clips' overlap counter. */
class FakeSpeech implements SpeechPlayer {
  spoken: string[] = [];
  constructor(
    private readonly clips: FakeClips,
    public behaviour: 'ok' | 'fail' | 'hang',
    public hasVoice = true,
  ) {}
  available(): boolean {
    return this.hasVoice;
  }
  async speak(text: string, signal: AbortSignal): Promise<void> {
    if (this.behaviour === 'fail') throw new Error('synthesis-failed');
    const clips = this.clips;
    clips.active += 1;
    clips.maxActive = Math.max(clips.maxActive, clips.active);
    clips.log.push(`start speech ${text}`);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = this.behaviour === 'ok' ? setTimeout(resolve, 5) : undefined;
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('cancelled'));
        });
      });
      this.spoken.push(text);
    } finally {
      clips.active -= 1;
      clips.log.push('end speech');
    }
  }
}

function make(options: Partial<AnnouncerOptions> & { clips: FakeClips }) {
  const speaking: (Call | null)[] = [];
  const errors: unknown[] = [];
  const announcer = new Announcer({ onSpeaking: (c) => speaking.push(c), onError: (e) => errors.push(e), ...options });
  return { announcer, speaking, errors };
}

const B012 = { ticket: 'B012', counter: 3 };
const A001 = { ticket: 'A001', counter: 1 };

describe('Announcer', () => {
  it('plays two calls queued back to back one after the other, never overlapping', async () => {
    const clips = new FakeClips(15);
    const { announcer, speaking } = make({ clips });
    announcer.announce(B012);
    announcer.announce(A001);
    await announcer.whenIdle();
    expect(clips.maxActive).toBe(1);
    expect(clips.log).toEqual([
      'start clips chime moi-cong-dan-co-so-thu-tu b 0 1 2 den-quay-so 3',
      'end clips',
      'start clips chime moi-cong-dan-co-so-thu-tu a 0 0 1 den-quay-so 1',
      'end clips',
    ]);
    expect(speaking).toEqual([B012, null, A001, null]);
  });

  it('plays a recall again, even right after the same call', async () => {
    const clips = new FakeClips();
    const { announcer } = make({ clips });
    announcer.announce(B012);
    await sleep(1); // B012 is playing now
    expect(announcer.recall(B012)).toBe(true);
    await announcer.whenIdle();
    announcer.recall(B012);
    await announcer.whenIdle();
    expect(clips.plays).toHaveLength(3);
    expect(new Set(clips.plays.map((p) => p.join(' '))).size).toBe(1);
  });

  it('does not queue an identical call twice while it waits', async () => {
    const clips = new FakeClips();
    const { announcer } = make({ clips });
    announcer.announce(A001);
    expect(announcer.announce(B012)).toBe(true);
    expect(announcer.recall({ ticket: 'b-012', counter: 3 })).toBe(false);
    await announcer.whenIdle();
    expect(clips.plays).toHaveLength(2);
  });

  it('holds its bound: drops the oldest duplicate of a ticket first, then the oldest call', () => {
    const clips = new FakeClips();
    clips.blocked = true; // nothing plays, so the queue only fills
    const { announcer } = make({ clips, maxQueue: 3 });
    void announcer.preload([]); // notices the blocked output: the queue stays put
    expect(announcer.blocked).toBe(true);
    announcer.announce({ ticket: 'A1', counter: 1 });
    expect(announcer.pending).toHaveLength(1);
    announcer.announce({ ticket: 'B2', counter: 2 });
    announcer.announce({ ticket: 'C3', counter: 3 });
    announcer.announce({ ticket: 'B2', counter: 4 }); // transferred: B2 now twice
    expect(announcer.pending.map((a) => `${a.call.ticket}@${a.call.counter}`)).toEqual(['A1@1', 'C3@3', 'B2@4']);
    for (let i = 0; i < 100; i++) announcer.announce({ ticket: `D${i}`, counter: 5 });
    expect(announcer.pending.map((a) => a.call.ticket)).toEqual(['D97', 'D98', 'D99']);
  });

  it('skips calls that waited too long (a board blocked for hours does not read out history)', async () => {
    let now = 0;
    const clips = new FakeClips();
    clips.blocked = true;
    const { announcer } = make({ clips, maxAgeMs: 60_000, now: () => now });
    announcer.announce(A001);
    await announcer.whenIdle();
    expect(announcer.blocked).toBe(true);
    now = 120_000;
    announcer.announce(B012);
    expect(await announcer.unlock()).toBe(true);
    await announcer.whenIdle();
    expect(clips.plays.map((p) => p[2])).toEqual(['b']);
  });

  it('pauses on a suspended output, reports it, and goes on after unlock()', async () => {
    const clips = new FakeClips();
    clips.blocked = true;
    const blocked: boolean[] = [];
    const { announcer } = make({ clips, onBlocked: (b) => blocked.push(b) });
    announcer.announce(B012);
    await announcer.whenIdle();
    expect(blocked).toEqual([true]);
    expect(clips.plays).toHaveLength(0);
    expect(announcer.pending).toHaveLength(1);
    await announcer.unlock();
    await announcer.whenIdle();
    expect(blocked).toEqual([true, false]);
    expect(clips.plays).toHaveLength(1);
  });

  it('in speech mode says the chime then the sentence with the OS voice', async () => {
    const clips = new FakeClips();
    const speech = new FakeSpeech(clips, 'ok');
    const { announcer } = make({ clips, speech, mode: 'speech' });
    announcer.announce(B012);
    await announcer.whenIdle();
    expect(clips.plays).toEqual([['chime']]);
    expect(speech.spoken).toEqual(['Mời công dân có số thứ tự bê không một hai, đến quầy số ba.']);
  });

  it('falls back to the clips when speech fails', async () => {
    const clips = new FakeClips();
    const speech = new FakeSpeech(clips, 'fail');
    const { announcer, errors } = make({ clips, speech, mode: 'speech' });
    announcer.announce(B012);
    await announcer.whenIdle();
    expect(clips.plays).toEqual([['chime'], ['moi-cong-dan-co-so-thu-tu', 'b', '0', '1', '2', 'den-quay-so', '3']]);
    expect(errors).toHaveLength(1);
  });

  it('falls back to the clips when speech hangs, silencing it first (no overlap)', async () => {
    const clips = new FakeClips();
    const speech = new FakeSpeech(clips, 'hang');
    const { announcer } = make({ clips, speech, mode: 'speech', speechTimeoutMs: () => 20 });
    announcer.announce(B012);
    announcer.announce(A001);
    await announcer.whenIdle();
    expect(clips.maxActive).toBe(1);
    expect(clips.log.filter((l) => l.startsWith('start'))).toHaveLength(6);
    expect(clips.plays.map((p) => p.length)).toEqual([1, 7, 1, 7]);
  });

  it('uses clips when no local voice exists, and rests speech after repeated failures', async () => {
    const clips = new FakeClips();
    const speech = new FakeSpeech(clips, 'fail', false);
    const { announcer } = make({ clips, speech, mode: 'speech' });
    announcer.announce(B012);
    await announcer.whenIdle();
    expect(clips.plays).toEqual([['chime', 'moi-cong-dan-co-so-thu-tu', 'b', '0', '1', '2', 'den-quay-so', '3']]);

    speech.hasVoice = true;
    for (let i = 0; i < 4; i++) {
      announcer.announce({ ticket: `C${i}`, counter: 2 });
      await announcer.whenIdle();
    }
    // 3 failures (chime, then clips) and then speech rests: the 4th call is all clips at once.
    expect(clips.plays.slice(1).map((p) => p.length)).toEqual([1, 5, 1, 5, 1, 5, 6]);
    announcer.setMode('speech'); // the operator re-enabling it ends the rest
    speech.behaviour = 'ok';
    announcer.announce(A001);
    await announcer.whenIdle();
    expect(speech.spoken).toHaveLength(1);
  });

  it('reports a bad ticket and carries on', async () => {
    const clips = new FakeClips();
    const { announcer, errors } = make({ clips });
    announcer.announce({ ticket: '???', counter: 1 });
    announcer.announce(A001);
    await announcer.whenIdle();
    expect(errors).toHaveLength(1);
    expect(clips.plays).toHaveLength(1);
  });

  it('stops at once on dispose and accepts nothing after', async () => {
    const clips = new FakeClips(1000);
    const { announcer } = make({ clips });
    announcer.announce(B012);
    announcer.announce(A001);
    await sleep(1);
    announcer.dispose();
    await announcer.whenIdle();
    expect(clips.log).toEqual(['start clips chime moi-cong-dan-co-so-thu-tu b 0 1 2 den-quay-so 3', 'end clips']);
    expect(announcer.announce(B012)).toBe(false);
  });

  it('cuts a clip announcement that never ends, so the queue moves on', async () => {
    const clips = new FakeClips(10_000);
    const { announcer, errors } = make({ clips, clipTimeoutMs: 20 });
    announcer.announce(B012);
    announcer.announce(A001);
    await announcer.whenIdle();
    expect(clips.plays).toHaveLength(2);
    expect(clips.maxActive).toBe(1);
    expect(errors).toHaveLength(2);
  });
});
