// The little of fontkit (a dependency of PDFKit, also listed in package.json) that fonts.ts uses;
// the package ships no types. PDFKit accepts such a font object in registerFont.
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
