/**
 * Renders every slip for the sample dossier into test-artifacts/slips/ (PDF; the register also as
 * CSV and XLSX), and with --png a 70 dpi PNG of every page (pdftoppm) to look at:
 *   npx tsx scripts/render-sample-slips.ts [--png]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../src/server/paths.js';
import { pdfInfo } from '../src/server/modules/slips/pdf-text.js';
import { renderRegisterSheet, renderSlip, SLIP_FORMS, type SlipData } from '../src/server/modules/slips/render-slip.js';
import {
  SAMPLE_APOLOGY,
  SAMPLE_PROCESS_CONTROL,
  SAMPLE_RECEIPT,
  SAMPLE_REFUSAL,
  SAMPLE_STOP_NOTICE,
  SAMPLE_SUPPLEMENT,
  sampleRegister,
} from '../src/server/modules/slips/sample-slips.js';

const OUT = path.join(ROOT, 'test-artifacts', 'slips');
const png = process.argv.includes('--png');
mkdirSync(OUT, { recursive: true });

const register = sampleRegister(120);
const slips: SlipData[] = [SAMPLE_RECEIPT, SAMPLE_SUPPLEMENT, SAMPLE_REFUSAL, SAMPLE_APOLOGY, SAMPLE_STOP_NOTICE, SAMPLE_PROCESS_CONTROL, register];

for (const [i, slip] of slips.entries()) {
  const { form, title, fileStem } = SLIP_FORMS[slip.kind];
  const stem = `${String(i + 1).padStart(2, '0')}-${fileStem}`;
  const file = path.join(OUT, `${stem}.pdf`);
  const started = performance.now();
  const pdf = await renderSlip(slip);
  const ms = performance.now() - started;
  writeFileSync(file, pdf);
  const info = pdfInfo(pdf);
  console.log(`${form}  ${title}: ${path.relative(ROOT, file)}  ${info.Pages ?? '?'} page(s), ${(pdf.length / 1024).toFixed(1)} KiB, ${ms.toFixed(0)} ms`);
  if (png) execFileSync('pdftoppm', ['-png', '-r', '70', file, path.join(OUT, stem)]);
}

for (const format of ['csv', 'xlsx'] as const) {
  const file = path.join(OUT, `07-so-theo-doi-ho-so.${format}`);
  writeFileSync(file, await renderRegisterSheet(register, format));
  console.log(`Mẫu số 07  ${format.toUpperCase()}: ${path.relative(ROOT, file)}`);
}
