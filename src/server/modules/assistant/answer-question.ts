import type { Executor } from '../../db/database.js';
import type { AskResult, AssistantNextStep } from '../../../shared/schemas/assistant.js';
import type { ProcedureSummary } from '../../../shared/schemas/catalog.js';
import { CatalogIndex } from '../catalog/catalog-index.js';
import { getProcedure, receivingField } from '../catalog/procedures.js';
import { composeProcedureAnswer } from './compose-answer.js';
import { answerDossierStatus } from './dossier-status.js';
import { similar } from './similar.js';
import { contentOf, understandQuestion, type Understanding } from './understand.js';

/**
 * The assistant's engine: offline and deterministic, it answers from the catalog only.
 * normalise → dossier code? → aspect → retrieve (CatalogIndex, BM25) → confidence from the
 * score gap and how much of the question the match covers → one clarifying question when the
 * best candidates are close → out of scope when nothing covers the question → answer composed
 * from the record's fields (compose-answer.ts).
 */

export type EngineAnswer = Omit<AskResult, 'sessionId'>;

/** What the engine needs to know about the previous turn of the same conversation. */
export interface PreviousTurn {
  question: string;
  procedureCodes: string[];
  clarifying: boolean;
  outOfScope: boolean;
}

export interface AnswerOptions {
  question: string;
  /** The center the citizen is at (counters, fields, disabled procedures). */
  center?: { id: string; slug: string } | null;
  previous?: PreviousTurn | null;
  now?: Date;
}

/** Candidates scoring at least this share of the best one are "close": ask which one. */
export const CLOSE_RATIO = 0.85;
/** The same for a request of one or two words, which names a family rather than a procedure. */
export const SHORT_CLOSE_RATIO = 0.3;
/** A candidate whose best label the question fits this much worse than the best's is not close. */
const FIT_MARGIN = 0.15;
/** Share of the question's content words a match must cover to be answered at all. */
export const MIN_COVERAGE = 0.34;
/** Coverage of the rest of a question that names an out-of-scope topic, to answer it anyway. */
const TOPIC_COVERAGE = 0.6;
/** …and how fully it must name one of the procedure's labels ("xin cấp lại" names none). */
const TOPIC_FIT = 0.6;
/** Coverage for a confident answer. */
const HIGH_COVERAGE = 0.75;
const MAX_PROCEDURES = 10;
const MAX_CLARIFY = 4;

/** One index per process (the same class the catalog search uses; it refreshes itself). */
const index = new CatalogIndex();

/** Weight in `coverage` of a word that no procedure's label uses (chat, life story, a typo). */
const UNKNOWN_WORD_WEIGHT = 0.25;

/**
 * Share of the question's content words found among the procedure's own words (name, aliases,
 * field). Words the catalog never uses ("ông cụ", "tháng", numbers) weigh less: they tell the
 * story around the request, and the evidence rule (`sharesPhrase`) already requires the request
 * itself to be named.
 */
export function coverage(content: string[], matchText: string, vocabulary: ReadonlySet<string> = new Set()): number {
  if (content.length === 0) return 0;
  const words = new Set(matchText.split(/[ |]+/).filter(Boolean));
  let total = 0;
  let hit = 0;
  for (const w of content) {
    const weight = /^\d+$/.test(w) ? 0 : vocabulary.size === 0 || vocabulary.has(w) ? 1 : UNKNOWN_WORD_WEIGHT;
    total += weight;
    if (words.has(w) || [...words].some((x) => similar(w, x))) hit += weight;
  }
  return total === 0 ? 0 : hit / total;
}

interface Ranked {
  items: ProcedureSummary[];
  coverage: number;
  /** labelFit per procedure code. */
  fit: Map<string, number>;
  /** The best match shares a phrase with the question (see `sharesPhrase`). */
  evidence: boolean;
}

const labelCache = new Map<string, string[][]>();
function labelsOf(matchText: string): string[][] {
  let labels = labelCache.get(matchText);
  if (!labels) {
    labels = matchText.split('|').map((l) => contentOf(l.trim()));
    if (labelCache.size > 5000) labelCache.clear();
    labelCache.set(matchText, labels);
  }
  return labels;
}

/**
 * Evidence that a match is about what was asked, not about a shared common word: the question
 * and one of the procedure's labels share two adjacent syllables ("khai tử", "tạm trú", "hộ
 * kinh doanh"), or a one-word question is a word of a label. "giá vàng" shares only "giá"
 * with "gia hạn tạm trú", so it is not evidence.
 */
export function sharesPhrase(content: string[], matchText: string, common: ReadonlySet<string> = new Set()): boolean {
  const labels = labelsOf(matchText);
  const [only] = content;
  if (content.length === 1 && only !== undefined) return !common.has(only) && labels.some((l) => l.some((w) => similar(w, only)));
  for (let i = 0; i + 1 < content.length; i++) {
    const a = content[i] ?? '';
    const b = content[i + 1] ?? '';
    for (const l of labels) {
      for (let j = 0; j + 1 < l.length; j++) {
        if (similar(a, l[j] ?? '') && similar(b, l[j + 1] ?? '') && !common.has(`${l[j] ?? ''} ${l[j + 1] ?? ''}`)) return true;
      }
    }
  }
  return false;
}

/** Share of the catalog's procedures whose labels may contain a phrase before it stops being evidence. */
const COMMON_SHARE = 0.2;
let wordsCache: { key: string; common: Set<string>; vocabulary: Set<string>; at: number } | undefined;

/**
 * The catalog's label words, and the syllables and adjacent pairs found in the labels of many
 * procedures ("người", "đăng ký"); recomputed when the catalog changes.
 */
function catalogWords(): { common: Set<string>; vocabulary: Set<string> } {
  if (wordsCache && Date.now() - wordsCache.at < 2000) return wordsCache;
  const codes = index.query('', () => true).map((p) => p.code);
  const texts = codes.map((c) => index.matchText(c) ?? '');
  const key = `${codes.length}:${texts.reduce((n, t) => n + t.length, 0)}`;
  if (wordsCache?.key === key) {
    wordsCache.at = Date.now();
    return wordsCache;
  }
  const df = new Map<string, number>();
  const vocabulary = new Set<string>();
  for (const text of texts) {
    for (const l of labelsOf(text)) for (const w of l) vocabulary.add(w);
    const pairs = new Set<string>();
    for (const l of labelsOf(text).slice(0, -1)) {
      for (let j = 0; j < l.length; j++) {
        pairs.add(l[j] ?? '');
        if (j + 1 < l.length) pairs.add(`${l[j] ?? ''} ${l[j + 1] ?? ''}`);
      }
    }
    for (const p of pairs) df.set(p, (df.get(p) ?? 0) + 1);
  }
  const common = new Set([...df].filter(([, n]) => n > COMMON_SHARE * codes.length).map(([p]) => p));
  wordsCache = { key, common, vocabulary, at: Date.now() };
  return wordsCache;
}

function hasWord(words: Iterable<string>, w: string): boolean {
  for (const x of words) if (similar(w, x)) return true;
  return false;
}

/**
 * How much of the procedure's best-fitting label (its name or one citizen alias) the question
 * contains: "nuôi con nuôi" fits "Đăng ký việc nuôi con nuôi" better than "Đăng ký lại việc
 * nuôi con nuôi", whose "lại" the citizen did not say.
 */
export function labelFit(content: string[], matchText: string): number {
  let best = 0;
  // matchText is "name | alias | … | field"; the field names a whole family, not a procedure.
  for (const label of labelsOf(matchText).slice(0, -1)) {
    const words = new Set(label);
    if (words.size === 0) continue;
    let hit = 0;
    for (const w of words) if (hasWord(content, w)) hit++;
    best = Math.max(best, hit / words.size);
  }
  return best;
}

function retrieve(u: Pick<Understanding, 'content' | 'rewrittenContent'>, keep: (code: string) => boolean, extra: string[] = []): Ranked {
  const variants = [u.content, u.rewrittenContent].map((c) => [...extra, ...c]);
  const best = new Map<string, ProcedureSummary>();
  const fit = new Map<string, number>();
  for (const words of variants) {
    if (words.length === 0) continue;
    for (const r of index.query(words.join(' '), (p) => keep(p.code), { nameExactness: false })) {
      const f = labelFit(words, index.matchText(r.code) ?? '');
      const score = Math.round(r.score * (0.05 + 0.95 * f * f) * 1000) / 1000;
      const prev = best.get(r.code);
      if (!prev || prev.score < score) {
        best.set(r.code, { ...r, score });
        fit.set(r.code, f);
      }
    }
  }
  const items = [...best.values()].sort((a, b) => b.score - a.score);
  const top = items[0];
  const text = top ? (index.matchText(top.code) ?? '') : '';
  const { common, vocabulary } = catalogWords();
  const cov = top ? Math.max(...variants.map((w) => coverage(w, text, vocabulary))) : 0;
  const evidence = top ? variants.some((w) => sharesPhrase(w, text, common)) : false;
  return { items, coverage: cov, fit, evidence };
}

/** "1", "số 2", "cái thứ hai" → 0-based choice among the candidates offered last time. */
function choiceOf(folded: string): number | null {
  const m = /^(?:so |cai |thu |lua chon |chon )*(?:thu )?(1|2|3|4|mot|nhat|hai|ba|bon|tu)$/.exec(folded.trim());
  if (!m) return null;
  const n = { '1': 0, mot: 0, nhat: 0, '2': 1, hai: 1, '3': 2, ba: 2, '4': 3, bon: 3, tu: 3 }[m[1] ?? ''];
  return n ?? null;
}

const SMALL_TALK_VI =
  'Xin chào! Mình là trợ lý thông tin thủ tục hành chính của trung tâm. Bạn hãy hỏi về một thủ tục, ví dụ: "đăng ký khai sinh cần giấy tờ gì", "lệ phí chứng thực bản sao", "đăng ký tạm trú mấy ngày".';
const SMALL_TALK_EN =
  'Hello! I answer questions about the administrative procedures of this center, for example: "documents for birth registration", "fee for certified copies".';

function outOfScope(answer: string, needsHuman: boolean, lang: 'vi' | 'en', aspect: string): EngineAnswer {
  return {
    answer,
    procedures: [],
    citations: [],
    confidence: 'high',
    outOfScope: true,
    needsHuman,
    nextSteps: needsHuman ? [{ kind: 'human', label: lang === 'en' ? 'Talk to an official' : 'Gặp cán bộ hướng dẫn' }] : [],
    aspect,
    language: lang,
  };
}

/** Not found: say so, name the fields the catalog covers, offer a person. */
function notFound(u: Understanding, keep: (code: string) => boolean): EngineAnswer {
  const fields = [...new Set(index.query('', (p) => keep(p.code)).map((p) => p.fieldName))].join('; ');
  const answer =
    u.language === 'en'
      ? `I could not find this in the procedures handled at this center (fields: ${fields}). It may belong to another authority, or I may have misunderstood: please rephrase with the name of the paper you need, or ask an official.`
      : `Mình chưa tìm thấy thủ tục phù hợp trong danh mục thủ tục trung tâm tiếp nhận (các lĩnh vực: ${fields}). Có thể việc này thuộc cơ quan khác, hoặc mình chưa hiểu đúng câu hỏi: bạn thử nói rõ tên giấy tờ cần làm, hoặc gặp cán bộ để được hướng dẫn.`;
  return { ...outOfScope(answer, true, u.language, u.aspects[0] ?? 'general'), confidence: 'low' };
}

export async function answerQuestion(db: Executor, options: AnswerOptions): Promise<EngineAnswer> {
  const u = understandQuestion(options.question);
  const lang = u.language;
  const aspect = u.aspects[0] ?? 'general';
  if (u.aspects.includes('status')) return answerDossierStatus(db, u, options.now ?? new Date());

  const previous = options.previous && !options.previous.outOfScope ? options.previous : null;
  await index.refresh(db);
  let disabled = new Set<string>();
  if (options.center) {
    const rows = await db.selectFrom('center_procedures').select('procedure_code').where('center_id', '=', options.center.id).where('enabled', '=', false).execute();
    disabled = new Set(rows.map((r) => r.procedure_code));
  }
  const keep = (code: string) => !disabled.has(code);

  // A reply to the clarifying question: a number, or words narrowing the previous question.
  let ranked: Ranked;
  let chosen: string | null = null;
  if (previous?.clarifying) {
    const choice = choiceOf(u.folded);
    chosen = choice !== null ? (previous.procedureCodes[choice] ?? null) : null;
    const prior = understandQuestion(previous.question);
    ranked = retrieve(u, (c) => keep(c) && previous.procedureCodes.includes(c), prior.content);
    // Words that narrow the previous question pick a candidate only if they are that candidate's
    // own words; anything else is a new question.
    const narrowed = ranked.items[0];
    const text = narrowed ? (index.matchText(narrowed.code) ?? '') : '';
    if (!chosen && narrowed && sharesPhrase(u.content, text, catalogWords().common) && coverage(u.content, text) >= 0.5) chosen = narrowed.code;
    if (chosen) {
      const detail = await getProcedure(db, chosen, options.center?.slug);
      const asked = u.aspects[0] === 'general' ? prior.aspects : u.aspects;
      return answered(db, detail, asked, lang, options.center ?? null, [{ code: detail.code, name: detail.name, score: 1 }], 'high', u);
    }
  }

  if (u.smallTalk && !u.topic) {
    if (previous && u.content.length === 0 && u.aspects[0] !== 'general') {
      // "còn lệ phí?" — a follow-up about the procedure of the previous turn.
      const code = previous.procedureCodes[0];
      if (code) {
        const detail = await getProcedure(db, code, options.center?.slug);
        return answered(db, detail, u.aspects, lang, options.center ?? null, [{ code, name: detail.name, score: 1 }], 'medium', u);
      }
    }
    return outOfScope(lang === 'en' ? SMALL_TALK_EN : SMALL_TALK_VI, u.wantsHuman, lang, aspect);
  }

  ranked = retrieve(u, keep);

  // Another authority's business, legal advice, a dispute — unless the rest of the question
  // names a procedure of the catalog on its own ("đã ly hôn, xin giấy xác nhận tình trạng hôn nhân").
  if (u.topic) {
    const rest = u.restContent;
    ranked = retrieve({ ...u, content: rest, rewrittenContent: u.restRewrittenContent }, keep);
    const restTop = ranked.items[0];
    const named = restTop !== undefined && (ranked.fit.get(restTop.code) ?? 0) >= TOPIC_FIT;
    if (!(rest.length >= 2 && named && ranked.evidence && ranked.coverage >= TOPIC_COVERAGE)) {
      const pointer = (lang === 'en' ? u.topic.pointerEn : u.topic.pointerVi) ?? '';
      const lead = lang === 'en' ? 'This is not handled at this one-stop center.' : 'Việc này không thuộc các thủ tục trung tâm tiếp nhận.';
      return outOfScope(`${lead} ${pointer}`.trim(), u.topic.legal, lang, aspect);
    }
  }
  const top = ranked.items[0];

  if (!top || !ranked.evidence || ranked.coverage < MIN_COVERAGE) {
    // A follow-up without a procedure of its own ("thế còn lệ phí bao nhiêu?").
    const code = previous?.procedureCodes[0];
    if (previous && code && u.aspects[0] !== 'general' && u.content.length <= 2) {
      const detail = await getProcedure(db, code, options.center?.slug);
      return answered(db, detail, u.aspects, lang, options.center ?? null, [{ code, name: detail.name, score: 1 }], 'medium', u);
    }
    return notFound(u, keep);
  }

  const procedures = ranked.items.slice(0, MAX_PROCEDURES).map((p) => ({ code: p.code, name: p.name, score: p.score }));
  // A one- or two-word request ("chứng thực", "khai sinh") names a family of procedures.
  const ratio = u.content.length <= 2 ? SHORT_CLOSE_RATIO : CLOSE_RATIO;
  // Close in score and as well named by the question: "nuôi con nuôi" is not "đăng ký lại
  // việc nuôi con nuôi", so that one is not offered when the citizen did not say "lại".
  const topFit = ranked.fit.get(top.code) ?? 0;
  const close = ranked.items.slice(0, MAX_CLARIFY).filter((p) => p.score >= top.score * ratio && (ranked.fit.get(p.code) ?? 0) >= topFit - FIT_MARGIN);
  const exact = close.length > 1 && isExactName(u, top.name);
  // One clarifying question per request: right after one, answer the best candidate instead.
  if (close.length > 1 && !exact && !previous?.clarifying) return clarify(u, close, procedures);

  const second = ranked.items[1];
  const gap = second ? 1 - second.score / top.score : 1;
  const confidence = ranked.coverage >= HIGH_COVERAGE && gap >= 1 - CLOSE_RATIO ? 'high' : ranked.coverage >= MIN_COVERAGE ? 'medium' : 'low';
  const detail = await getProcedure(db, top.code, options.center?.slug);
  return answered(db, detail, u.aspects, lang, options.center ?? null, procedures, confidence, u);
}

/** The question is the procedure's name, give or take question words ("đăng ký khai sinh"). */
function isExactName(u: Understanding, name: string): boolean {
  const folded = understandQuestion(name).content.join(' ');
  const q = u.content.join(' ');
  return folded === q || understandQuestion(name).rewrittenContent.join(' ') === u.rewrittenContent.join(' ');
}

function clarify(u: Understanding, close: ProcedureSummary[], procedures: EngineAnswer['procedures']): EngineAnswer {
  const en = u.language === 'en';
  const options = close.map((p, i) => `${i + 1}. ${p.name}`).join('\n');
  const question = en ? 'Which of these procedures do you mean?' : 'Bạn đang hỏi về thủ tục nào trong các thủ tục sau?';
  const hint = en ? 'Reply with its number or describe your case.' : 'Bạn trả lời bằng số thứ tự hoặc nói rõ trường hợp của mình.';
  const codes = new Set(close.map((p) => p.code));
  return {
    answer: `${question}\n${options}\n${hint}`,
    procedures: [...procedures.filter((p) => codes.has(p.code)), ...procedures.filter((p) => !codes.has(p.code))],
    citations: close.map((p) => ({ code: p.code, field: p.fieldName, url: `/thu-tuc/${p.code}` })),
    confidence: 'medium',
    outOfScope: false,
    clarifyingQuestion: question,
    needsHuman: false,
    nextSteps: [],
    aspect: u.aspects[0] ?? 'general',
    language: u.language,
  };
}

async function answered(
  db: Executor,
  detail: Awaited<ReturnType<typeof getProcedure>>,
  aspects: Understanding['aspects'],
  lang: 'vi' | 'en',
  center: { id: string; slug: string } | null,
  procedures: EngineAnswer['procedures'],
  confidence: EngineAnswer['confidence'],
  u: Understanding,
): Promise<EngineAnswer> {
  const nextSteps: AssistantNextStep[] = [];
  if (center) {
    const field = await receivingField(db, center.id, detail.fieldCode, detail.center?.settings.fieldId ?? null);
    if (field) nextSteps.push({ kind: 'ticket', fieldId: field.id, fieldName: field.name, label: lang === 'en' ? `Take a ticket for ${field.name}` : `Lấy số thứ tự lĩnh vực ${field.name}` });
  }
  if (detail.online) nextSteps.push({ kind: 'online', procedureCode: detail.code, label: lang === 'en' ? 'Submit online' : 'Nộp hồ sơ trực tuyến' });
  const needsHuman = u.wantsHuman || confidence === 'low';
  nextSteps.push({ kind: 'human', label: lang === 'en' ? 'Talk to an official' : 'Gặp cán bộ hướng dẫn' });
  return {
    answer: composeProcedureAnswer(detail, aspects, lang),
    procedures,
    citations: [{ code: detail.code, field: detail.fieldName, url: `/thu-tuc/${detail.code}` }],
    confidence,
    outOfScope: false,
    needsHuman,
    nextSteps,
    aspect: aspects[0] ?? 'general',
    language: lang,
  };
}
