/**
 * SpeechPlayer for the browser: SpeechSynthesis with a LOCAL Vietnamese voice only.
 *
 * A voice qualifies when `voice.lang` starts with 'vi' and `voice.localService === true`:
 * remote voices (e.g. Chrome's "Google Tiếng Việt") need the internet, which the center's
 * machine does not have, and send the text to a cloud service, which is not allowed. Local
 * Vietnamese voices exist only on some systems (Windows with the Vietnamese speech pack
 * "Microsoft An", macOS "Linh", Linux through speech-dispatcher), so clips stay the default.
 *
 * Chromium quirks handled here: the voice list arrives late ('voiceschanged'); an utterance
 * whose object is garbage-collected may never fire 'end' (we keep a reference); a stuck
 * engine is reset with cancel() before each utterance; 'end' can fire on cancel (settled once).
 */
import type { SpeechPlayer } from './announcer.js';

export type VoiceInfo = Pick<SpeechSynthesisVoice, 'lang' | 'localService' | 'default' | 'name'>;

/** The best local Vietnamese voice among `voices`, or null. */
export function pickLocalVietnameseVoice<V extends VoiceInfo>(voices: readonly V[]): V | null {
  const local = voices.filter((v) => /^vi(?:$|[-_])/iu.test(v.lang) && v.localService);
  const score = (v: V) => (v.default ? 2 : 0) + (/^vi[-_]vn$/iu.test(v.lang) ? 1 : 0);
  return [...local].sort((a, b) => score(b) - score(a))[0] ?? null;
}

export interface BrowserSpeechPlayerOptions {
  synth?: SpeechSynthesis;
  /** Speaking rate (1 = engine default; 0.9 is calmer for a hall). */
  rate?: number;
}

export class BrowserSpeechPlayer implements SpeechPlayer {
  private readonly synth: SpeechSynthesis | null;
  private readonly rate: number;
  private voice: SpeechSynthesisVoice | null = null;
  /** Held so Chromium does not collect it mid-speech (and lose its 'end' event). */
  private utterance: SpeechSynthesisUtterance | null = null;

  constructor(options: BrowserSpeechPlayerOptions = {}) {
    this.synth = options.synth ?? (typeof speechSynthesis === 'undefined' ? null : speechSynthesis);
    this.rate = options.rate ?? 0.9;
    this.refresh();
    this.synth?.addEventListener('voiceschanged', this.refresh);
  }

  private readonly refresh = (): void => {
    this.voice = this.synth ? pickLocalVietnameseVoice(this.synth.getVoices()) : null;
  };

  /** The voice in use (for the settings screen), or null. */
  get voiceName(): string | null {
    return this.voice?.name ?? null;
  }

  available(): boolean {
    return this.synth !== null && this.voice !== null;
  }

  speak(text: string, signal: AbortSignal): Promise<void> {
    const synth = this.synth;
    const voice = this.voice;
    if (!synth || !voice) return Promise.reject(new Error('no local Vietnamese voice'));
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | null) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        this.utterance = null;
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () => {
        synth.cancel();
        finish(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = this.rate;
      utterance.onend = () => finish(null);
      utterance.onerror = (event) => finish(new Error(`speech synthesis: ${event.error}`));
      this.utterance = utterance;
      if (synth.speaking || synth.pending) synth.cancel();
      synth.speak(utterance);
    });
  }

  dispose(): void {
    this.synth?.removeEventListener('voiceschanged', this.refresh);
    this.synth?.cancel();
  }
}
