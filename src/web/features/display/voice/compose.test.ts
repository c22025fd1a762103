import { describe, expect, it } from 'vitest';
import { allClipIds, callText, composeCall, counterClips, counterWords, LETTERS, parseTicket, pauseAfter } from './compose.js';

describe('composeCall', () => {
  it('reads B012 to counter 3 as the brief says', () => {
    expect(composeCall({ ticket: 'B012', counter: 3 })).toEqual(['chime', 'moi-cong-dan-co-so-thu-tu', 'b', '0', '1', '2', 'den-quay-so', '3']);
  });

  it('spells two-letter prefixes and Đ, and takes tickets without a prefix', () => {
    expect(composeCall({ ticket: 'AB7', counter: 12 })).toEqual(['chime', 'moi-cong-dan-co-so-thu-tu', 'a', 'b', '7', 'den-quay-so', '12']);
    expect(composeCall({ ticket: 'Đ003', counter: 1 }).slice(2, 6)).toEqual(['dd', '0', '0', '3']);
    expect(composeCall({ ticket: '042', counter: 30 }).slice(2)).toEqual(['0', '4', '2', 'den-quay-so', '30']);
  });

  it('has a short form starting "Xin mời"', () => {
    expect(composeCall({ ticket: 'C1', counter: 2 }, 'short')).toEqual(['chime', 'xin-moi', 'c', '1', 'den-quay-so', '2']);
  });

  it('accepts lower case (đ too), spaces and hyphens', () => {
    expect(parseTicket('b-012')).toEqual({ letters: ['B'], digits: '012' });
    expect(parseTicket(' ab 7 ')).toEqual({ letters: ['A', 'B'], digits: '7' });
    expect(parseTicket('đ5')).toEqual({ letters: ['Đ'], digits: '5' });
  });

  it('rejects what is not a ticket, and bad counters', () => {
    for (const bad of ['', 'B', 'ABC1', '12B', 'B1234567', 'Ă1']) expect(() => parseTicket(bad), bad).toThrow(RangeError);
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => composeCall({ ticket: 'B1', counter: bad }), String(bad)).toThrow(RangeError);
  });
});

describe('counter numbers', () => {
  it('uses whole clips for 1–30', () => {
    for (let c = 1; c <= 30; c++) expect(counterClips(c)).toEqual([String(c)]);
  });

  it('puts 31–99 together from tens, "mươi" and the unit (mốt, tư, lăm)', () => {
    expect(counterClips(31)).toEqual(['3', 'tens-muoi', 'unit-mot']);
    expect(counterClips(40)).toEqual(['4', 'tens-muoi']);
    expect(counterClips(44)).toEqual(['4', 'tens-muoi', 'unit-tu']);
    expect(counterClips(55)).toEqual(['5', 'tens-muoi', 'unit-lam']);
    expect(counterClips(99)).toEqual(['9', 'tens-muoi', '9']);
  });

  it('reads 100 and above digit by digit', () => {
    expect(counterClips(105)).toEqual(['1', '0', '5']);
    expect(counterWords(105)).toBe('một không năm');
  });

  it('reads numbers the natural Vietnamese way', () => {
    const cases: [number, string][] = [
      [1, 'một'],
      [4, 'bốn'],
      [5, 'năm'],
      [10, 'mười'],
      [11, 'mười một'],
      [14, 'mười bốn'],
      [15, 'mười lăm'],
      [20, 'hai mươi'],
      [21, 'hai mươi mốt'],
      [24, 'hai mươi tư'],
      [25, 'hai mươi lăm'],
      [30, 'ba mươi'],
      [31, 'ba mươi mốt'],
      [95, 'chín mươi lăm'],
    ];
    for (const [n, words] of cases) expect(counterWords(n), String(n)).toBe(words.normalize('NFC'));
  });
});

describe('callText', () => {
  it('gives the sentence for the screen', () => {
    expect(callText({ ticket: 'B012', counter: 3 })).toBe('Mời công dân có số thứ tự B không một hai đến quầy số ba');
    expect(callText({ ticket: 'AB7', counter: 21 })).toBe('Mời công dân có số thứ tự A B bảy đến quầy số hai mươi mốt');
    expect(callText({ ticket: 'C1', counter: 2 }, { form: 'short' })).toBe('Xin mời C một đến quầy số hai');
  });

  it('spells letters and adds pauses for a speech engine', () => {
    expect(callText({ ticket: 'L012', counter: 15 }, { forSpeech: true })).toBe('Mời công dân có số thứ tự e lờ không một hai, đến quầy số mười lăm.');
  });

  it('is NFC', () => {
    for (const letter of Object.keys(LETTERS)) {
      const text = callText({ ticket: `${letter}09`, counter: 25 }, { forSpeech: true });
      expect(text).toBe(text.normalize('NFC'));
    }
    for (const { name } of Object.values(LETTERS)) expect(name).toBe(name.normalize('NFC'));
  });
});

describe('pacing and the clip set', () => {
  it('pauses longest after the chime and before "đến quầy số", not after the last clip', () => {
    const ids = composeCall({ ticket: 'B012', counter: 31 });
    const pauses = ids.map((id, i) => pauseAfter(id, ids[i + 1] ?? null));
    expect(pauses[0]).toBe(Math.max(...pauses));
    expect(pauses[ids.indexOf('den-quay-so') - 1]).toBeGreaterThan(pauses[ids.indexOf('0')] ?? 1);
    expect(pauses.at(-1)).toBe(0);
  });

  it('allClipIds covers every letter, digit, phrase and counter part', () => {
    const ids = new Set(allClipIds());
    for (let c = 1; c <= 99; c++) for (const id of counterClips(c)) expect(ids.has(id), id).toBe(true);
    expect(ids.has('xin-moi')).toBe(true);
    expect(ids.has('dd')).toBe(true);
    expect(ids.size).toBe(4 + 27 + 31 + 4);
  });
});
