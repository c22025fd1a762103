/**
 * Assistant benchmark (issue #5).
 *
 *   npm run bench:assistant
 *
 * 1. `POST /api/assistant/ask` over HTTP at concurrency 8 with a rotating set of citizen
 *    questions (with and without diacritics, teencode, out of scope): answers/s and p50/p99 —
 *    next to the baseline in the same run: the plain catalog search `GET /api/procedures?q=` on
 *    the same words (same server, same concurrency). Each ask also stores its turn.
 * 2. In process, no HTTP: the engine alone (answerQuestion) vs the catalog index alone
 *    (CatalogIndex.search), per question, p50/p95 — what understanding and composing cost on top
 *    of retrieval.
 * The server is its own process; 2 cores are shared with the load generator: compare ratios.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createTestDatabase } from '../src/server/test/database.js';
import { importShippedCatalog } from '../src/server/seed/prepare.js';
import { answerQuestion } from '../src/server/modules/assistant/answer-question.js';
import { CatalogIndex } from '../src/server/modules/catalog/catalog-index.js';
import { startBenchServer } from './server.js';

const QUESTIONS = [
  'làm giấy khai sinh cho con cần gì',
  'dang ky ket hon can giay to gi',
  'chứng thực bản sao hết bao nhiêu tiền',
  'xin giấy xác nhận độc thân mất mấy ngày',
  'ko có sổ hộ khẩu thì đăng ký tạm trú dc ko',
  'đăng ký hộ kinh doanh nộp ở đâu',
  'làm hộ chiếu ở đâu',
  'mẹ tôi mất, khai tử cần mang gì',
  'đổi tên cho con được không',
  'trích lục khai sinh bản sao',
];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;


function line(label: string, r: autocannon.Result): string {
  return `${label.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bencha-'));
  const { child, base } = await startBenchServer({ DATA_DIR: dataDir, DATABASE_URL: '' });
  try {
    let i = 0;
    const ask = await autocannon({
      url: base,
      connections: 8,
      duration: 10,
      requests: [{ method: 'POST', path: '/api/assistant/ask', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: JSON.stringify({ question: QUESTIONS[i++ % QUESTIONS.length] }) }) }],
    });
    let j = 0;
    const search = await autocannon({
      url: base,
      connections: 8,
      duration: 10,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/procedures?q=${encodeURIComponent(QUESTIONS[j++ % QUESTIONS.length] ?? '')}` }) }],
    });
    console.log('HTTP, concurrency 8, 10 s each (server: embedded PGlite)');
    console.log(line('POST /api/assistant/ask', ask));
    console.log(line('baseline GET /api/procedures?q=', search));
    console.log(`ask / search throughput ratio: ${(ask.requests.average / Math.max(1, search.requests.average)).toFixed(2)}`);
  } finally {
    child.kill('SIGTERM');
  }

  // In process: the engine vs retrieval alone.
  const database = await createTestDatabase();
  await importShippedCatalog(database);
  const index = new CatalogIndex();
  await index.refresh(database.db, true);
  const engine: number[] = [];
  const retrieval: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const question of QUESTIONS) {
      let t = performance.now();
      await answerQuestion(database.db, { question });
      engine.push(performance.now() - t);
      t = performance.now();
      index.query(question, () => true);
      retrieval.push(performance.now() - t);
    }
  }
  engine.sort((a, b) => a - b);
  retrieval.sort((a, b) => a - b);
  console.log(`\nin process, ${engine.length} questions`);
  console.log(`engine (answerQuestion)            p50 ${pct(engine, 50).toFixed(2)} ms   p95 ${pct(engine, 95).toFixed(2)} ms`);
  console.log(`baseline (CatalogIndex.search)     p50 ${pct(retrieval, 50).toFixed(2)} ms   p95 ${pct(retrieval, 95).toFixed(2)} ms`);
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
