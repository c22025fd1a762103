/**
 * QR code drawn as vector squares (crisp at any zoom or printer resolution, no image to encode).
 * Error-correction level M survives a folded or slightly smudged paper slip.
 */
import QRCode from 'qrcode';
import type { Doc } from './pdf-layout.js';

/** Draws the QR code of `text` as a `size`×`size` square whose top-left corner is (x, y). */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const matrix = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const n = matrix.size;
  const cell = size / n;
  doc.save();
  for (let row = 0; row < n; row++) {
    let runStart = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && matrix.get(row, col) === 1;
      if (dark && runStart < 0) runStart = col;
      if (!dark && runStart >= 0) {
        // A hair of overlap so that anti-aliasing leaves no seams between rows.
        doc.rect(x + runStart * cell, y + row * cell, (col - runStart) * cell, cell + 0.05);
        runStart = -1;
      }
    }
  }
  doc.fillColor('black').fill();
  doc.restore();
}
