/**
 * ClipPlayer for the browser: the Web Audio API. Each clip is fetched and decoded once into an
 * AudioBuffer (cached for the life of the page: ~70 clips, a few MB decoded, never more), and an
 * announcement is scheduled on the audio clock back to back, with the pauses of pauseAfter(),
 * so there are no gaps from timers or decoding between words.
 *
 * Autoplay: Chromium starts an AudioContext 'suspended' until a user gesture unless it runs
 * with --autoplay-policy=no-user-gesture-required (the display board's kiosk does, see
 * docs/voice.md). play() then tries resume() briefly and throws AudioBlockedError; the
 * Announcer pauses and the board shows "Bật âm thanh / Enable sound", whose click calls unlock().
 */
import { AudioBlockedError, type ClipPlayer } from './announcer.js';
import { pauseAfter } from './compose.js';

export interface VoiceManifest {
  version: number;
  lang: string;
  /** clip id → file, relative to the manifest's URL. */
  clips: Record<string, string>;
  /** clip id → what it says (for people recording a human voice). */
  texts?: Record<string, string>;
}

export interface WebAudioClipPlayerOptions {
  /** Default: `${import.meta.env.BASE_URL}voice/vi/manifest.json`, absolute against the page. */
  manifestUrl?: string;
  /** How long play() waits for a suspended context to resume before reporting it blocked (ms). */
  resumeTimeoutMs?: number;
  /** Output volume, 0–1 (default 1). */
  volume?: number;
  fetchFn?: typeof fetch;
  createContext?: () => AudioContext;
}

export function isVoiceManifest(value: unknown): value is VoiceManifest {
  if (typeof value !== 'object' || value === null) return false;
  const clips: unknown = Reflect.get(value, 'clips');
  return typeof clips === 'object' && clips !== null && Object.values(clips).every((file) => typeof file === 'string');
}

function defaultManifestUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}voice/vi/manifest.json`, window.location.href).href;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class WebAudioClipPlayer implements ClipPlayer {
  private ctx: AudioContext | null = null;
  private manifest: Promise<Map<string, string>> | null = null;
  private readonly buffers = new Map<string, AudioBuffer>();
  private readonly loading = new Map<string, Promise<AudioBuffer>>();
  private readonly manifestUrl: string;
  private readonly resumeTimeoutMs: number;
  private readonly volume: number;
  private readonly fetchFn: typeof fetch;
  private readonly createContext: () => AudioContext;

  constructor(options: WebAudioClipPlayerOptions = {}) {
    this.manifestUrl = options.manifestUrl ?? defaultManifestUrl();
    this.resumeTimeoutMs = options.resumeTimeoutMs ?? 1500;
    this.volume = options.volume ?? 1;
    this.fetchFn = options.fetchFn ?? ((input, init) => fetch(input, init));
    this.createContext = options.createContext ?? (() => new AudioContext({ latencyHint: 'playback' }));
  }

  /** The context, made anew if the old one was closed (AudioBuffers outlive it). */
  private context(): AudioContext {
    if (!this.ctx || this.ctx.state === 'closed') this.ctx = this.createContext();
    return this.ctx;
  }

  isBlocked(): boolean {
    return this.context().state !== 'running';
  }

  async unlock(): Promise<boolean> {
    const ctx = this.context();
    if (ctx.state !== 'running') await Promise.race([ctx.resume(), delay(this.resumeTimeoutMs)]);
    return ctx.state === 'running';
  }

  async preload(ids: readonly string[]): Promise<void> {
    const results = await Promise.allSettled(ids.map((id) => this.buffer(id)));
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) throw new Error(`${failed} of ${ids.length} voice clips could not be loaded`);
  }

  async play(ids: readonly string[], signal: AbortSignal): Promise<void> {
    if (ids.length === 0) return;
    const ctx = this.context();
    if (ctx.state !== 'running' && !(await this.unlock())) throw new AudioBlockedError();
    const buffers = await Promise.all(ids.map((id) => this.buffer(id)));
    signal.throwIfAborted();

    const gain = ctx.createGain();
    gain.gain.value = this.volume;
    gain.connect(ctx.destination);
    const sources: AudioBufferSourceNode[] = [];
    let at = ctx.currentTime + 0.05;
    buffers.forEach((buffer, i) => {
      const source = ctx.createBufferSource();
      source.buffer = buffer;
      source.connect(gain);
      source.start(at);
      sources.push(source);
      at += buffer.duration + pauseAfter(ids[i] ?? '', ids[i + 1] ?? null);
    });
    const seconds = at - ctx.currentTime;

    let cleanup = (): void => undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        // The last source's 'ended' is the normal end; the timer is the safety net for a
        // context that stalls mid-way (an audio device that went away) so the queue moves on.
        const timer = setTimeout(resolve, seconds * 1000 + 1500);
        const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        signal.addEventListener('abort', onAbort, { once: true });
        const last = sources[sources.length - 1];
        if (last) last.onended = () => resolve();
        cleanup = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
        };
      });
    } finally {
      cleanup();
      for (const source of sources) {
        source.onended = null;
        try {
          source.stop();
        } catch {
          // not started or already stopped
        }
        source.disconnect();
      }
      gain.disconnect();
    }
  }

  /** Releases the audio output (the board page unmounts). Decoded clips stay cached. */
  async close(): Promise<void> {
    const ctx = this.ctx;
    this.ctx = null;
    if (ctx && ctx.state !== 'closed') await ctx.close();
  }

  private manifestFiles(): Promise<Map<string, string>> {
    if (!this.manifest) {
      const url = this.manifestUrl;
      this.manifest = this.fetchFn(url)
        .then(async (response) => {
          if (!response.ok) throw new Error(`voice manifest: HTTP ${response.status}`);
          const json: unknown = await response.json();
          if (!isVoiceManifest(json)) throw new Error('voice manifest: unexpected shape');
          return new Map(Object.entries(json.clips).map(([id, file]) => [id, new URL(file, url).href]));
        })
        .catch((error: unknown) => {
          this.manifest = null; // try again next time
          throw error;
        });
    }
    return this.manifest;
  }

  private buffer(id: string): Promise<AudioBuffer> {
    const cached = this.buffers.get(id);
    if (cached) return Promise.resolve(cached);
    const inFlight = this.loading.get(id);
    if (inFlight) return inFlight;
    const load = (async () => {
      const url = (await this.manifestFiles()).get(id);
      if (url === undefined) throw new Error(`voice clip ${JSON.stringify(id)} is not in the manifest`);
      const response = await this.fetchFn(url);
      if (!response.ok) throw new Error(`voice clip ${id}: HTTP ${response.status}`);
      const buffer = await this.context().decodeAudioData(await response.arrayBuffer());
      this.buffers.set(id, buffer);
      return buffer;
    })().finally(() => this.loading.delete(id));
    this.loading.set(id, load);
    return load;
  }
}
