/**
 * The display board's voice controls: the "Bật âm thanh / Enable sound" button, shown only
 * while the browser keeps sound off (Chromium without --autoplay-policy=no-user-gesture-required,
 * see docs/voice.md), and a polite live region with the sentence being said.
 * The label is bilingual on purpose: it appears on a wall screen before anyone signs in.
 */
import { callText } from './compose.js';
import type { AnnouncerHandle } from './use-announcer.js';

export function EnableSoundButton({ voice }: { voice: Pick<AnnouncerHandle, 'blocked' | 'unlock'> }) {
  if (!voice.blocked) return null;
  return (
    <button type="button" className="enable-sound" onClick={() => void voice.unlock()}>
      <span aria-hidden="true">🔊 </span>
      Bật âm thanh / Enable sound
    </button>
  );
}

export function VoiceControls({ voice }: { voice: Pick<AnnouncerHandle, 'blocked' | 'unlock' | 'speaking'> }) {
  let sentence = '';
  try {
    sentence = voice.speaking ? callText(voice.speaking) : '';
  } catch {
    sentence = '';
  }
  return (
    <>
      <EnableSoundButton voice={voice} />
      <p className="visually-hidden" aria-live="polite">
        {sentence}
      </p>
    </>
  );
}
