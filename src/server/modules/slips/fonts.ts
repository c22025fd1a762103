/**
 * Fonts of the slips: Tinos (Regular, Bold, Italic, Bold Italic), the metric-compatible
 * equivalent of Times New Roman that official documents use (Nghị định 30/2020/NĐ-CP), with the
 * full Vietnamese range (Latin Extended Additional). The TTF files come from the npm package
 * `@expo-google-fonts/tinos` (font under SIL OFL 1.1), read once from node_modules; nothing is
 * fetched at run time. PDFKit embeds only the glyphs a document uses (subset, Identity-H, with a
 * ToUnicode map, so the text stays extractable and searchable).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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
