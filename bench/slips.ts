/**
 * Slip rendering benchmark:  npm run bench:slips  [-- --runs 50]
 *
 * Renders each official slip of the sample dossier (src/server/modules/slips/sample-slips.ts)
 * `runs` times after 5 warm-up renders, one at a time, and prints the mean and the 95th
 * percentile per slip; the register (120 rows, landscape, several pages) also as CSV and XLSX.
 * The first render of a process parses the fonts (printed apart as "cold").
 */
import { performance } from 'node:perf_hooks';
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

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 50;
const WARMUP = 5;

async function measure(name: string, render: () => Promise<Buffer>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await render();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    bytes = (await render()).length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p95 = times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)] ?? NaN;
  console.log(`${name.padEnd(58)} mean ${mean.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   ${(bytes / 1024).toFixed(1).padStart(6)} KiB`);
}

const register = sampleRegister(120);
const slips: SlipData[] = [SAMPLE_RECEIPT, SAMPLE_SUPPLEMENT, SAMPLE_REFUSAL, SAMPLE_APOLOGY, SAMPLE_STOP_NOTICE, SAMPLE_PROCESS_CONTROL];

const cold = performance.now();
await renderSlip(SAMPLE_RECEIPT);
console.log(`cold first render (fonts parsed)${' '.repeat(26)} ${(performance.now() - cold).toFixed(1).padStart(11)} ms`);
console.log(`${RUNS} renders each after ${WARMUP} warm-up, one at a time (node ${process.version})`);
for (const slip of slips) await measure(`${SLIP_FORMS[slip.kind].form} ${SLIP_FORMS[slip.kind].title}`, () => renderSlip(slip));
await measure(`Mẫu số 07 ${SLIP_FORMS.register.title}, 120 rows, PDF`, () => renderSlip(register));
await measure(`Mẫu số 07 ${SLIP_FORMS.register.title}, 120 rows, CSV`, () => renderRegisterSheet(register, 'csv'));
await measure(`Mẫu số 07 ${SLIP_FORMS.register.title}, 120 rows, XLSX`, () => renderRegisterSheet(register, 'xlsx'));
