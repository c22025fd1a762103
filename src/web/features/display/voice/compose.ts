/**
 * What the display board says when a counter calls a ticket — pure, no audio.
 *
 *   composeCall({ ticket: 'B012', counter: 3 })
 *     → ['chime', 'moi-cong-dan-co-so-thu-tu', 'b', '0', '1', '2', 'den-quay-so', '3']
 *   callText({ ticket: 'B012', counter: 3 })
 *     → 'Mời công dân có số thứ tự B không một hai đến quầy số ba'
 *
 * Reading rules (as Vietnamese service centers announce):
 * - the prefix letters are spelled the Vietnamese way (B "bê", Đ "đê", L "e-lờ"…), one clip
 *   each, so two-letter prefixes ("AB") work;
 * - the ticket number is read digit by digit, leading zeros included ("không một hai");
 * - the counter number is read as a number: 1–30 each have a clip of their own (recorded as a
 *   whole, so the most natural); 31–99 are put together from the tens digit, "mươi" and the
 *   unit ("ba mươi mốt", "bốn mươi tư", "năm mươi lăm"); 100 and above (no center has that
 *   many counters) are read digit by digit, in the clips and in the text alike.
 *
 * Clip ids are the files of public/voice/vi/manifest.json (scripts/build-voice-clips.sh makes
 * them; scripts/voice-clips.test.ts checks every id this module can produce exists there).
 * All Vietnamese text here is NFC.
 */

export interface Call {
  /** Ticket as printed: 0–2 prefix letters (A–Z or Đ) then digits, e.g. 'B012', 'AB7', '042'. */
  ticket: string;
  /** Counter number, 1-based. */
  counter: number;
}

export type CallForm = 'full' | 'short';

export const CHIME = 'chime';
export const PHRASE_CALL = 'moi-cong-dan-co-so-thu-tu';
export const PHRASE_SHORT = 'xin-moi';
export const PHRASE_COUNTER = 'den-quay-so';
export const TENS_MUOI = 'tens-muoi';

const TEXT_CALL = 'Mời công dân có số thứ tự';
const TEXT_SHORT = 'Xin mời';
const TEXT_COUNTER = 'đến quầy số';

/** Counter numbers with a whole clip of their own (ids '1'…'30'; '1'…'9' are also the digits). */
export const MAX_COUNTER_CLIP = 30;

const DIGIT_WORDS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** Unit words that change after "mươi" (21 "hai mươi mốt", 24 "hai mươi tư", 25 "hai mươi lăm"). */
const UNIT_AFTER_MUOI: Readonly<Record<number, { id: string; word: string }>> = {
  1: { id: 'unit-mot', word: 'mốt' },
  4: { id: 'unit-tu', word: 'tư' },
  5: { id: 'unit-lam', word: 'lăm' },
};

/** Letter → clip id and its Vietnamese name (what the clip says). */
export const LETTERS: Readonly<Record<string, { id: string; name: string }>> = {
  A: { id: 'a', name: 'a' },
  B: { id: 'b', name: 'bê' },
  C: { id: 'c', name: 'xê' },
  D: { id: 'd', name: 'dê' },
  Đ: { id: 'dd', name: 'đê' },
  E: { id: 'e', name: 'e' },
  F: { id: 'f', name: 'ép' },
  G: { id: 'g', name: 'giê' },
  H: { id: 'h', name: 'hát' },
  I: { id: 'i', name: 'i' },
  J: { id: 'j', name: 'gi' },
  K: { id: 'k', name: 'ca' },
  L: { id: 'l', name: 'e-lờ' },
  M: { id: 'm', name: 'em-mờ' },
  N: { id: 'n', name: 'en-nờ' },
  O: { id: 'o', name: 'o' },
  P: { id: 'p', name: 'pê' },
  Q: { id: 'q', name: 'quy' },
  R: { id: 'r', name: 'e-rờ' },
  S: { id: 's', name: 'ét-sì' },
  T: { id: 't', name: 'tê' },
  U: { id: 'u', name: 'u' },
  V: { id: 'v', name: 'vê' },
  W: { id: 'w', name: 'vê kép' },
  X: { id: 'x', name: 'ích-xì' },
  Y: { id: 'y', name: 'i dài' },
  Z: { id: 'z', name: 'dét' },
};

export interface ParsedTicket {
  /** Upper-case prefix letters (possibly empty). */
  letters: string[];
  /** The digits, as printed (leading zeros kept). */
  digits: string;
}

const TICKET_RE = /^([A-ZĐ]{0,2})(\d{1,6})$/u;

/** Parses a printed ticket ('B012', 'b-012', 'AB 7', 'Đ3'); throws RangeError when it is not one. */
export function parseTicket(ticket: string): ParsedTicket {
  const cleaned = ticket.normalize('NFC').toUpperCase().replace(/[\s\-.]/gu, '');
  const match = TICKET_RE.exec(cleaned);
  if (!match) throw new RangeError(`not a ticket number: ${JSON.stringify(ticket)}`);
  return { letters: Array.from(match[1] ?? ''), digits: match[2] ?? '' };
}

function checkCounter(counter: number): void {
  if (!Number.isSafeInteger(counter) || counter < 1) throw new RangeError(`not a counter number: ${String(counter)}`);
}

function digitWord(d: number): string {
  return DIGIT_WORDS[d] ?? String(d);
}

function digitsOf(n: number): number[] {
  return Array.from(String(n), Number);
}

/** A counter number as clip ids (see the reading rules at the top). */
export function counterClips(counter: number): string[] {
  checkCounter(counter);
  if (counter <= MAX_COUNTER_CLIP) return [String(counter)];
  if (counter < 100) {
    const tens = Math.floor(counter / 10);
    const unit = counter % 10;
    const ids = [String(tens), TENS_MUOI];
    if (unit > 0) ids.push(UNIT_AFTER_MUOI[unit]?.id ?? String(unit));
    return ids;
  }
  return digitsOf(counter).map(String);
}

/** A counter number in Vietnamese words: 3 "ba", 15 "mười lăm", 21 "hai mươi mốt", 101 "một không một". */
export function counterWords(counter: number): string {
  checkCounter(counter);
  if (counter >= 100) return digitsOf(counter).map(digitWord).join(' ');
  const tens = Math.floor(counter / 10);
  const unit = counter % 10;
  if (tens === 0) return digitWord(unit);
  const head = tens === 1 ? 'mười' : `${digitWord(tens)} mươi`;
  if (unit === 0) return head;
  // After "mười" only 5 changes (mười lăm); after "mươi" 1, 4 and 5 do (mốt, tư, lăm).
  const tail = tens === 1 ? (unit === 5 ? 'lăm' : digitWord(unit)) : (UNIT_AFTER_MUOI[unit]?.word ?? digitWord(unit));
  return `${head} ${tail}`;
}

function letterOf(letter: string): { id: string; name: string } {
  const entry = LETTERS[letter];
  if (!entry) throw new RangeError(`no clip for letter ${JSON.stringify(letter)}`);
  return entry;
}

/** The clip ids to play, in order, for one call (chime first). */
export function composeCall(call: Call, form: CallForm = 'full'): string[] {
  const { letters, digits } = parseTicket(call.ticket);
  return [
    CHIME,
    form === 'short' ? PHRASE_SHORT : PHRASE_CALL,
    ...letters.map((l) => letterOf(l).id),
    ...Array.from(digits),
    PHRASE_COUNTER,
    ...counterClips(call.counter),
  ];
}

export interface CallTextOptions {
  form?: CallForm;
  /**
   * For a speech synthesizer: letters spelled out ("bê" rather than "B", which an engine may
   * read the English way), commas where a person pauses, a full stop. Default false: the
   * sentence for the screen and aria-live.
   */
  forSpeech?: boolean;
}

/** The sentence: 'Mời công dân có số thứ tự B không một hai đến quầy số ba'. */
export function callText(call: Call, options: CallTextOptions = {}): string {
  const { letters, digits } = parseTicket(call.ticket);
  const intro = options.form === 'short' ? TEXT_SHORT : TEXT_CALL;
  const spoken = options.forSpeech === true;
  const ticketWords = [...letters.map((l) => (spoken ? letterOf(l).name.replace(/-/gu, ' ') : l)), ...Array.from(digits, (d) => digitWord(Number(d)))].join(' ');
  const counter = counterWords(call.counter);
  const text = spoken ? `${intro} ${ticketWords}, ${TEXT_COUNTER} ${counter}.` : `${intro} ${ticketWords} ${TEXT_COUNTER} ${counter}`;
  return text.normalize('NFC');
}

/**
 * Seconds of silence after clip `id` when `next` follows (null: the last clip), for natural
 * pacing: a breath after the chime and the opening phrase, a short pause between spelled
 * letters and digits, a longer one before "đến quầy số", almost none inside a number.
 */
export function pauseAfter(id: string, next: string | null): number {
  if (next === null) return 0;
  if (id === CHIME) return 0.35;
  if (next === PHRASE_COUNTER) return 0.25;
  if (id === PHRASE_CALL || id === PHRASE_SHORT) return 0.15;
  if (id === PHRASE_COUNTER) return 0.1;
  if (next === TENS_MUOI || id === TENS_MUOI) return 0.03;
  return 0.07;
}

/** Every clip id composeCall can produce for counters 1…maxCounter and every letter (for preloading and tests). */
export function allClipIds(maxCounter = 99): string[] {
  const ids = new Set<string>([CHIME, PHRASE_CALL, PHRASE_SHORT, PHRASE_COUNTER]);
  for (const { id } of Object.values(LETTERS)) ids.add(id);
  for (let d = 0; d <= 9; d++) ids.add(String(d));
  for (let c = 1; c <= maxCounter; c++) for (const id of counterClips(c)) ids.add(id);
  return [...ids];
}
