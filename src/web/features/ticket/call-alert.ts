/**
 * The live ticket's "you are called" alert on a phone: a short two-tone chime made with Web
 * Audio (no file, so it plays on every phone, Ogg or not) and a vibration. Phones keep sound off
 * until the page is touched, so `unlock()` runs from the "Bật âm báo" button (or any touch).
 */
export class CallAlert {
  private ctx: AudioContext | null = null;

  get unlocked(): boolean {
    return this.ctx?.state === 'running';
  }

  /** Starts the audio output; call it from a touch or click. */
  async unlock(): Promise<boolean> {
    try {
      this.ctx ??= new AudioContext();
      if (this.ctx.state !== 'running') await this.ctx.resume();
      return this.ctx.state === 'running';
    } catch {
      return false;
    }
  }

  /** Chime (if sound is on) and vibration (where the phone allows it). */
  ring(): void {
    try {
      navigator.vibrate?.([400, 150, 400, 150, 800]);
    } catch {
      // vibration refused: the banner is still there
    }
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return;
    const start = ctx.currentTime + 0.05;
    for (const [i, frequency] of [880, 660, 880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const at = start + i * 0.45;
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.5, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.4);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.42);
    }
  }

  close(): void {
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
  }
}
