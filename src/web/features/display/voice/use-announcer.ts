/**
 * React glue for the display board's voice: one Announcer for the page's life, with the
 * browser players, the speaking call for the highlight, and whether sound needs a click.
 *
 *   const voice = useAnnouncer({ mode: settings.voiceMode });
 *   // on a "called" event: voice.announce({ ticket: 'B012', counter: 3 }); on "recalled": voice.recall(…)
 *   <VoiceControls voice={voice} />   // "Bật âm thanh / Enable sound" when blocked + aria-live
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Announcer, type AnnounceMode } from './announcer.js';
import { allClipIds, type Call } from './compose.js';
import { BrowserSpeechPlayer } from './speech-player.js';
import { WebAudioClipPlayer, type WebAudioClipPlayerOptions } from './web-audio-player.js';

export interface UseAnnouncerOptions {
  /** The operator's setting: 'clips' (default) or 'speech' (a local Vietnamese OS voice, falling back to clips). */
  mode?: AnnounceMode;
  clipPlayer?: WebAudioClipPlayerOptions;
}

export interface AnnouncerHandle {
  announce: (call: Call) => void;
  recall: (call: Call) => void;
  /** Call from a click: starts the audio output. */
  unlock: () => Promise<boolean>;
  /** The call being said now (for the highlight), or null. */
  speaking: Call | null;
  /** True while the browser keeps the sound off until a user gesture. */
  blocked: boolean;
  /** The local Vietnamese OS voice, if the system has one (for the settings screen). */
  speechVoice: string | null;
}

export function useAnnouncer({ mode = 'clips', clipPlayer }: UseAnnouncerOptions = {}): AnnouncerHandle {
  const [speaking, setSpeaking] = useState<Call | null>(null);
  const [blocked, setBlocked] = useState(false);
  const [speechVoice, setSpeechVoice] = useState<string | null>(null);
  const announcerRef = useRef<Announcer | null>(null);
  const modeRef = useRef(mode);
  const clipOptionsRef = useRef(clipPlayer);

  useEffect(() => {
    const clips = new WebAudioClipPlayer(clipOptionsRef.current);
    const speech = new BrowserSpeechPlayer();
    const announcer = new Announcer({
      clips,
      speech,
      mode: modeRef.current,
      onSpeaking: setSpeaking,
      onBlocked: setBlocked,
      onError: (error) => console.warn('display voice:', error),
    });
    announcerRef.current = announcer;
    void announcer.preload(allClipIds());
    const voiceTimer = setTimeout(() => setSpeechVoice(speech.voiceName), 1000);
    // Any key or touch on the board also counts as the gesture that lets sound play.
    const onGesture = () => {
      if (announcer.blocked) void announcer.unlock();
    };
    window.addEventListener('pointerdown', onGesture);
    window.addEventListener('keydown', onGesture);
    return () => {
      window.removeEventListener('pointerdown', onGesture);
      window.removeEventListener('keydown', onGesture);
      clearTimeout(voiceTimer);
      announcer.dispose();
      speech.dispose();
      void clips.close();
      if (announcerRef.current === announcer) announcerRef.current = null;
    };
  }, []);

  useEffect(() => {
    modeRef.current = mode;
    announcerRef.current?.setMode(mode);
  }, [mode]);

  const announce = useCallback((call: Call) => void announcerRef.current?.announce(call), []);
  const recall = useCallback((call: Call) => void announcerRef.current?.recall(call), []);
  const unlock = useCallback(async () => (await announcerRef.current?.unlock()) ?? false, []);
  return { announce, recall, unlock, speaking, blocked, speechVoice };
}
