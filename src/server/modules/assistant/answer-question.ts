import type { Executor } from '../../db/database.js';
import type { AskResult, AssistantNextStep } from '../../../shared/schemas/assistant.js';
import type { ProcedureSummary } from '../../../shared/schemas/catalog.js';
import { getProcedure, receivingField } from '../catalog/procedures.js';
import { composeProcedureAnswer } from './compose-answer.js';
import { answerDossierStatus } from './dossier-status.js';
import { catalogWords, coverage, index, retrieve, sharesPhrase, type Ranked } from './rank-procedures.js';
import { understandQuestion, type OutOfScopeTopic, type Understanding } from './understand.js';

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

/** What every step needs: the question read, the center, and which procedures it handles. */
interface Turn {
  db: Executor;
  u: Understanding;
  center: { id: string; slug: string } | null;
  previous: PreviousTurn | null;
  keep: (code: string) => boolean;
}

export async function answerQuestion(db: Executor, options: AnswerOptions): Promise<EngineAnswer> {
  const u = understandQuestion(options.question);
  if (u.aspects.includes('status')) return answerDossierStatus(db, u, options.now ?? new Date());
  await index.refresh(db);
  let disabled = new Set<string>();
  if (options.center) {
    const rows = await db.selectFrom('center_procedures').select('procedure_code').where('center_id', '=', options.center.id).where('enabled', '=', false).execute();
    disabled = new Set(rows.map((r) => r.procedure_code));
  }
  const turn: Turn = {
    db,
    u,
    center: options.center ?? null,
    previous: options.previous && !options.previous.outOfScope ? options.previous : null,
    keep: (code) => !disabled.has(code),
  };
  const reply = turn.previous?.clarifying ? await replyToClarification(turn, turn.previous) : null;
  if (reply) return reply;
  if (u.smallTalk && !u.topic) return (await followUp(turn)) ?? outOfScope(u.language === 'en' ? SMALL_TALK_EN : SMALL_TALK_VI, u.wantsHuman, u.language, u.aspects[0] ?? 'general');
  const ranked = u.topic ? retrieve({ content: u.restContent, rewrittenContent: u.restRewrittenContent }, turn.keep) : retrieve(u, turn.keep);
  if (u.topic && !namesProcedure(ranked, u.restContent)) return otherAuthority(u, u.topic);
  const top = ranked.items[0];
  if (!top || !ranked.evidence || ranked.coverage < MIN_COVERAGE) return (await followUp(turn)) ?? notFound(u, turn.keep);
  return answerBest(turn, ranked, top);
}

/** A reply to the clarifying question: a number, or words narrowing the previous question. */
async function replyToClarification(turn: Turn, previous: PreviousTurn): Promise<EngineAnswer | null> {
  const { u } = turn;
  const choice = choiceOf(u.folded);
  let chosen = choice !== null ? (previous.procedureCodes[choice] ?? null) : null;
  const prior = understandQuestion(previous.question);
  const ranked = retrieve(u, (c) => turn.keep(c) && previous.procedureCodes.includes(c), prior.content);
  // Words that narrow the previous question pick a candidate only if they are that candidate's
  // own words; anything else is a new question.
  const narrowed = ranked.items[0];
  const text = narrowed ? (index.matchText(narrowed.code) ?? '') : '';
  if (!chosen && narrowed && sharesPhrase(u.content, text, catalogWords().common) && coverage(u.content, text) >= 0.5) chosen = narrowed.code;
  if (!chosen) return null;
  const detail = await getProcedure(turn.db, chosen, turn.center?.slug);
  const asked = u.aspects[0] === 'general' ? prior.aspects : u.aspects;
  return answered(turn, detail, asked, [{ code: detail.code, name: detail.name, score: 1 }], 'high');
}

/** "Còn lệ phí bao nhiêu?" — an aspect without a procedure: about the previous turn's procedure. */
async function followUp(turn: Turn): Promise<EngineAnswer | null> {
  const { u, previous } = turn;
  const code = previous?.procedureCodes[0];
  if (!code || u.aspects[0] === 'general' || u.content.length > 2) return null;
  const detail = await getProcedure(turn.db, code, turn.center?.slug);
  return answered(turn, detail, u.aspects, [{ code, name: detail.name, score: 1 }], 'medium');
}

/**
 * A question naming another authority's business, legal advice or a dispute is answered only
 * when the rest of it names a catalog procedure on its own ("đã ly hôn, xin giấy xác nhận tình
 * trạng hôn nhân").
 */
function namesProcedure(ranked: Ranked, rest: string[]): boolean {
  const top = ranked.items[0];
  const named = top !== undefined && (ranked.fit.get(top.code) ?? 0) >= TOPIC_FIT;
  return rest.length >= 2 && named && ranked.evidence && ranked.coverage >= TOPIC_COVERAGE;
}

function otherAuthority(u: Understanding, topic: OutOfScopeTopic): EngineAnswer {
  const pointer = (u.language === 'en' ? topic.pointerEn : topic.pointerVi) ?? '';
  const lead = u.language === 'en' ? 'This is not handled at this one-stop center.' : 'Việc này không thuộc các thủ tục trung tâm tiếp nhận.';
  return outOfScope(`${lead} ${pointer}`.trim(), topic.legal, u.language, u.aspects[0] ?? 'general');
}

/** The best match answered — or one clarifying question when several are as good. */
async function answerBest(turn: Turn, ranked: Ranked, top: ProcedureSummary): Promise<EngineAnswer> {
  const { u } = turn;
  const procedures = ranked.items.slice(0, MAX_PROCEDURES).map((p) => ({ code: p.code, name: p.name, score: p.score }));
  // A one- or two-word request ("chứng thực", "khai sinh") names a family of procedures.
  const ratio = u.content.length <= 2 ? SHORT_CLOSE_RATIO : CLOSE_RATIO;
  // Close in score and as well named by the question: "nuôi con nuôi" is not "đăng ký lại
  // việc nuôi con nuôi", so that one is not offered when the citizen did not say "lại".
  const topFit = ranked.fit.get(top.code) ?? 0;
  const close = ranked.items.slice(0, MAX_CLARIFY).filter((p) => p.score >= top.score * ratio && (ranked.fit.get(p.code) ?? 0) >= topFit - FIT_MARGIN);
  const exact = close.length > 1 && isExactName(u, top.name);
  // One clarifying question per request: right after one, answer the best candidate instead.
  if (close.length > 1 && !exact && !turn.previous?.clarifying) return clarify(u, close, procedures);
  const second = ranked.items[1];
  const gap = second ? 1 - second.score / top.score : 1;
  const confidence = ranked.coverage >= HIGH_COVERAGE && gap >= 1 - CLOSE_RATIO ? 'high' : 'medium';
  const detail = await getProcedure(turn.db, top.code, turn.center?.slug);
  return answered(turn, detail, u.aspects, procedures, confidence);
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
  turn: Turn,
  detail: Awaited<ReturnType<typeof getProcedure>>,
  aspects: Understanding['aspects'],
  procedures: EngineAnswer['procedures'],
  confidence: EngineAnswer['confidence'],
): Promise<EngineAnswer> {
  const { db, center, u } = turn;
  const lang = u.language;
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
