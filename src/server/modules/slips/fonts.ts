/**
 * Fonts of the slips: Tinos (Regular, Bold, Italic, Bold Italic), the metric-compatible
 * equivalent of Times New Roman that official documents use (Nghị định 30/2020/NĐ-CP), with the
 * full Vietnamese range (Latin Extended Additional). The TTF files come from the npm package
 * `@expo-google-fonts/tinos` (font under SIL OFL 1.1), read once from node_modules; nothing is
 * fetched at run time. PDFKit embeds only the glyphs a document uses (subset, Identity-H, with a
 * ToUnicode map, so the text stays extractable and searchable).
 *
 * The fonts are parsed once (fontkit) and shared by every document: parsing four 0.5 MB fonts
 * per document cost ~130 ms, shared it is ~10 ms. Documents only read them (each PDFKit document
 * keeps its own subset), so sharing is safe.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<FontStyle, string> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

export const FONT_STYLES = Object.keys(FILES) as FontStyle[];

const require = createRequire(import.meta.url);
let cache: Record<FontStyle, Buffer> | undefined;

/** The four TTF files' bytes (read on first use, then kept). */
export function fontFiles(): Record<FontStyle, Buffer> {
  cache ??= {
    regular: readFileSync(require.resolve(FILES.regular)),
    bold: readFileSync(require.resolve(FILES.bold)),
    italic: readFileSync(require.resolve(FILES.italic)),
    boldItalic: readFileSync(require.resolve(FILES.boldItalic)),
  };
  return cache;
}

/** Words laid out per font and kept (PDFKit lays text out word by word). */
const LAYOUT_CACHE_LIMIT = 50_000;

interface Position {
  xAdvance: number;
  [key: string]: number;
}
interface Run {
  glyphs: unknown[];
  positions: Position[];
}

/**
 * The font with a shared cache of shaped words: OpenType shaping (GSUB/GPOS) is most of the cost
 * of a slip, and PDFKit's own cache lives only as long as one document. PDFKit scales the
 * positions of the run it gets in place, so every caller receives fresh position objects.
 */
function withLayoutCache(font: fontkit.Font): fontkit.Font {
  const cache = new Map<string, Run>();
  const layout = (text: string, ...rest: unknown[]): unknown => {
    if (rest.some((arg) => arg !== undefined)) return (font.layout as (...args: unknown[]) => unknown)(text, ...rest);
    let run = cache.get(text);
    if (run === undefined) {
      run = font.layout(text) as Run;
      if (cache.size >= LAYOUT_CACHE_LIMIT) cache.clear();
      cache.set(text, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth(): number {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    };
  };
  return new Proxy(font, { get: (target, prop) => (prop === 'layout' ? layout : Reflect.get(target, prop, target)) });
}

let parsed: Record<FontStyle, fontkit.Font> | undefined;

/** The four fonts parsed (on first use, then kept), with shared word-layout caches. */
export function parsedFonts(): Record<FontStyle, fontkit.Font> {
  if (parsed === undefined) {
    const files = fontFiles();
    parsed = {
      regular: withLayoutCache(fontkit.create(files.regular)),
      bold: withLayoutCache(fontkit.create(files.bold)),
      italic: withLayoutCache(fontkit.create(files.italic)),
      boldItalic: withLayoutCache(fontkit.create(files.boldItalic)),
    };
  }
  return parsed;
}
