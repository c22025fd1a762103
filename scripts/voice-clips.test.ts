// The shipped voice clips (made by scripts/build-voice-clips.sh) against what the display board
// can ask for: every clip id composeCall produces for prefixes A–Z and Đ and counters 1–30 must
// be in the manifest and on disk, each file small and a real Ogg stream.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allClipIds, composeCall, counterClips, counterWords, LETTERS } from '../src/web/features/display/voice/compose.js';
import { isVoiceManifest } from '../src/web/features/display/voice/web-audio-player.js';

const voiceDir = fileURLToPath(new URL('../src/web/public/voice/', import.meta.url));
const manifestPath = join(voiceDir, 'vi', 'manifest.json');
const raw: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
if (!isVoiceManifest(raw)) throw new Error('manifest.json has an unexpected shape');
const manifest = raw;
const fileOf = (id: string) => {
  const file = manifest.clips[id];
  return file === undefined ? undefined : join(dirname(manifestPath), file);
};

const PREFIXES = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'Đ'];
const twoLetter = PREFIXES.flatMap((a) => [`${a}A`, `A${a}`]);

describe('voice clips (src/web/public/voice)', () => {
  it('covers every clip id composeCall can produce for prefixes A–Z, Đ and counters 1–30', () => {
    const needed = new Set<string>();
    for (const prefix of [...PREFIXES, ...twoLetter, '']) {
      for (let counter = 1; counter <= 30; counter++) {
        for (const id of composeCall({ ticket: `${prefix}0123456789`.slice(0, prefix.length + 6), counter })) needed.add(id);
        for (const id of composeCall({ ticket: `${prefix}9876`, counter }, 'short')) needed.add(id);
      }
    }
    for (let d = 0; d <= 9; d++) needed.add(String(d));
    const missing = [...needed].filter((id) => manifest.clips[id] === undefined);
    expect(missing).toEqual([]);
  });

  it('also covers counters 31–99 and everything allClipIds lists (what the board preloads)', () => {
    const missing = allClipIds(99).filter((id) => manifest.clips[id] === undefined);
    expect(missing).toEqual([]);
  });

  it('has every file: non-empty, under 60 KB, an Ogg stream; 1.5 MB in all', () => {
    let total = statSync(manifestPath).size;
    for (const id of Object.keys(manifest.clips)) {
      const file = fileOf(id);
      expect(file, id).toBeDefined();
      if (file === undefined) continue;
      const size = statSync(file).size;
      expect(size, id).toBeGreaterThan(0);
      expect(size, id).toBeLessThan(60 * 1024);
      expect(readFileSync(file).subarray(0, 4).toString('latin1'), id).toBe('OggS');
      total += size;
    }
    expect(total).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('ships no stray clip files', () => {
    const listed = new Set(Object.values(manifest.clips).map((f) => join(dirname(manifestPath), f)));
    const onDisk = readdirSync(join(voiceDir, 'vi'))
      .filter((f) => f.endsWith('.ogg'))
      .map((f) => join(voiceDir, 'vi', f));
    expect(onDisk.filter((f) => !listed.has(f))).toEqual([]);
  });

  it('says in each clip what compose means by it (texts match, NFC)', () => {
    const texts = manifest.texts ?? {};
    for (let c = 1; c <= 30; c++) expect(texts[counterClips(c)[0] ?? ''], String(c)).toBe(counterWords(c));
    for (const { id, name } of Object.values(LETTERS)) expect(texts[id], id).toBe(name);
    expect(texts['moi-cong-dan-co-so-thu-tu']).toBe('Mời công dân có số thứ tự');
    expect(texts['den-quay-so']).toBe('đến quầy số');
    expect(texts['unit-mot']).toBe('mốt');
    for (const text of Object.values(texts)) expect(text).toBe(text.normalize('NFC'));
  });
});
