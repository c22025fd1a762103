/**
 * Evaluation of the copilot's document reading (docs/documents.md): synthetic CCCD card fronts
 * (with the QR code) and application forms are rendered with the Tinos font, degraded (blur,
 * rotation, JPEG q=30, downscaled to 40 %, QR covered) and read the way the API reads them.
 * Prints, per degradation, per-field exact match and character error rate (CER) for the QR path
 * (the route's own order: QR first, OCR fallback) and the OCR path (QR skipped), plus ms/image.
 *
 *   npm run eval:ocr [-- --people 30 --forms 30 --workers 1]
 *
 * Deterministic input (seeded people); times depend on the machine and its load.
 */
import { parseArgs } from 'node:util';
import { OcrPool } from '../src/server/modules/documents/ocr-worker.js';
import { readIdCard } from '../src/server/modules/documents/read-id-card.js';
import { readDocument } from '../src/server/modules/documents/extract-fields.js';
import { characterErrorRate } from '../src/server/modules/documents/label-text.js';
import { DEGRADATIONS, degrade, formFields, renderForm, renderIdCard, syntheticPeople, type Degradation, type SyntheticPerson } from '../src/server/modules/documents/synthetic-documents.js';
import type { IdCardFields } from '../src/shared/schemas/copilot.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '30' },
    forms: { type: 'string', default: '30' },
    workers: { type: 'string', default: '1' },
    seed: { type: 'string', default: '20261127' },
  },
});
const PEOPLE = Number(values.people);
const FORMS = Number(values.forms);
const SEED = Number(values.seed);

type CardField = Exclude<keyof IdCardFields, 'oldIdNumber'>;
const CARD_FIELDS: CardField[] = ['idNumber', 'fullName', 'birthDate', 'sex', 'nationality', 'placeOfResidence', 'dateOfIssue'];
/** Fields printed on the card front (the date of issue is on the back: only the QR has it). */
const FRONT_FIELDS: CardField[] = ['idNumber', 'fullName', 'birthDate', 'sex', 'nationality', 'placeOfResidence'];
const SHORT: Record<string, string> = {
  idNumber: 'id',
  fullName: 'name',
  birthDate: 'dob',
  sex: 'sex',
  nationality: 'nat',
  placeOfResidence: 'resid',
  dateOfIssue: 'issue',
  ethnicity: 'ethn',
  birthPlace: 'bplace',
  residence: 'resid',
  fatherName: 'father',
  motherName: 'mother',
};

function gold(p: SyntheticPerson, field: CardField): string {
  return p[field];
}

interface Tally {
  n: number;
  exact: Map<string, number>;
  cer: Map<string, number>;
  allExact: number;
  viaQr: number;
  ms: number[];
}
const tally = (): Tally => ({ n: 0, exact: new Map(), cer: new Map(), allExact: 0, viaQr: 0, ms: [] });

function score(t: Tally, fields: string[], expected: (f: string) => string, got: (f: string) => string | null): void {
  t.n++;
  let all = true;
  for (const f of fields) {
    const e = expected(f);
    const g = got(f) ?? '';
    const exact = g === e;
    if (!exact) all = false;
    t.exact.set(f, (t.exact.get(f) ?? 0) + (exact ? 1 : 0));
    t.cer.set(f, (t.cer.get(f) ?? 0) + Math.min(1, characterErrorRate(e, g)));
  }
  if (all) t.allExact++;
}

const pct = (x: number, n: number) => (n === 0 ? '-' : `${Math.round((100 * x) / n)}%`.padStart(5));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor(s.length / 2)] ?? 0);
};

function printTable(title: string, fields: string[], rows: Map<Degradation, Tally>, qrColumn: boolean): void {
  console.log(`\n${title}`);
  const head = ['degradation ', ...(qrColumn ? ['via QR'] : []), ...fields.map((f) => (SHORT[f] ?? f).padStart(6)), '  all', ' meanCER', ' ms p50', ' ms mean'];
  console.log(head.join(' '));
  for (const [deg, t] of rows) {
    const meanCer = fields.reduce((s, f) => s + (t.cer.get(f) ?? 0), 0) / (fields.length * Math.max(1, t.n));
    const cells = [
      deg.padEnd(12),
      ...(qrColumn ? [pct(t.viaQr, t.n).padStart(6)] : []),
      ...fields.map((f) => pct(t.exact.get(f) ?? 0, t.n).padStart(6)),
      pct(t.allExact, t.n),
      meanCer.toFixed(3).padStart(8),
      String(Math.round(median(t.ms))).padStart(7),
      String(Math.round(t.ms.reduce((a, b) => a + b, 0) / Math.max(1, t.ms.length))).padStart(8),
    ];
    console.log(cells.join(' '));
  }
  const cerLine = fields.map((f) => `${SHORT[f] ?? f} ${(([...rows.values()].reduce((s, t) => s + (t.cer.get(f) ?? 0), 0)) / Math.max(1, [...rows.values()].reduce((s, t) => s + t.n, 0))).toFixed(3)}`);
  console.log(`CER per field (all degradations): ${cerLine.join(', ')}`);
}

async function main(): Promise<void> {
  const ocr = new OcrPool({ size: Number(values.workers), queueLimit: 100, timeoutMs: 120_000 });
  const people = syntheticPeople(Math.max(PEOPLE, FORMS), SEED);
  const started = performance.now();
  console.log(`OCR / ID-card evaluation: ${PEOPLE} cards and ${FORMS} forms of synthetic people (seed ${SEED}), Tinos font, tesseract.js 7 + vie 4.0.0_best_int, ${values.workers} worker(s)`);
  console.log('exact = share of images whose field equals the truth; CER = edit distance / length (missing field = 1), averaged.');

  const qrPath = new Map<Degradation, Tally>();
  const ocrPath = new Map<Degradation, Tally>();
  const forms = new Map<Degradation, Tally>();
  for (const d of DEGRADATIONS) {
    qrPath.set(d, tally());
    ocrPath.set(d, tally());
    if (d !== 'qr-covered') forms.set(d, tally());
  }

  // Warm the worker up so the first image does not carry the start-up (~1–5 s).
  await readIdCard({ image: await degrade(await renderIdCard(syntheticPeople(1, 1)[0] ?? people[0] ?? (() => { throw new Error('no people'); })()), 'qr-covered'), ocr });

  for (const [i, p] of people.slice(0, PEOPLE).entries()) {
    const card = await renderIdCard(p);
    for (const d of DEGRADATIONS) {
      const image = await degrade(card, d, SEED + i);
      let t0 = performance.now();
      const viaRoute = await readIdCard({ image, ocr });
      const q = qrPath.get(d) ?? tally();
      q.ms.push(performance.now() - t0);
      if (viaRoute.source === 'qr') q.viaQr++;
      score(q, CARD_FIELDS, (f) => gold(p, f as CardField), (f) => viaRoute.fields[f as CardField]);

      t0 = performance.now();
      const viaOcr = await readIdCard({ image, ocr, skipQr: true });
      const o = ocrPath.get(d) ?? tally();
      o.ms.push(performance.now() - t0);
      score(o, FRONT_FIELDS, (f) => gold(p, f as CardField), (f) => viaOcr.fields[f as CardField]);
    }
    process.stderr.write(`card ${i + 1}/${PEOPLE}\r`);
  }

  const formKeys = formFields(people[0] ?? syntheticPeople(1)[0] ?? (() => { throw new Error('no people'); })()).map((f) => f.key);
  for (const [i, p] of people.slice(0, FORMS).entries()) {
    const form = await renderForm(p);
    const truth = new Map(formFields(p).map((f) => [f.key, f.key === 'birthDate' ? p.birthDate : f.value]));
    for (const d of DEGRADATIONS) {
      if (d === 'qr-covered') continue;
      const image = await degrade(form, d, SEED + 1000 + i);
      const t0 = performance.now();
      const result = await readDocument({ image, ocr });
      const f = forms.get(d) ?? tally();
      f.ms.push(performance.now() - t0);
      const got = new Map(result.suggestions.map((s) => [s.key, s.value]));
      score(f, formKeys, (k) => truth.get(k) ?? '', (k) => got.get(k) ?? null);
    }
    process.stderr.write(`form ${i + 1}/${FORMS}\r`);
  }
  await ocr.close();

  printTable('ID card — route order (QR first, OCR fallback); fields incl. date of issue (QR only)', CARD_FIELDS, qrPath, true);
  printTable('ID card — OCR path only (QR skipped); fields printed on the front', FRONT_FIELDS, ocrPath, false);
  printTable('Application form — OCR + label extraction (birth date compared as YYYY-MM-DD)', formKeys, forms, false);
  console.log(`\ntotal ${(performance.now() - started) / 1000 | 0} s`);
}

await main();
