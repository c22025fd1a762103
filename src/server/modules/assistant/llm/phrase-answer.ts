import type { Executor } from '../../../db/database.js';
import type { AskResult } from '../../../../shared/schemas/assistant.js';
import type { ProcedureDetail } from '../../../../shared/schemas/catalog.js';
import { getProcedure } from '../../catalog/procedures.js';
import { checkPhrasing } from './check-phrasing.js';
import { LlmTimeoutError, type ChatMessage, type LlmClient } from './llm-client.js';
import { recordFacts, sectionsIn, type Lang, type RecordFacts } from './record-facts.js';

/**
 * The optional LLM phrasing of an answer composed from the catalog: the model sees only the
 * cited records' fields behind the composed answer (verbatim) and the composed answer, and its
 * reply is shown only if it passes checkPhrasing (check-phrasing.ts). Anything else — a refused
 * reply, an error, a timeout — returns the composed answer unchanged.
 */

export interface PhraseInput {
  question: string;
  lang: Lang;
  composedAnswer: string;
  /** The cited records (the procedures the composed answer is about). */
  records: ProcedureDetail[];
  aspect: string;
}

export interface Phrased {
  text: string;
  usedLlm: boolean;
  /** Why the composed answer was kept (a failed check, `error: …`, `timeout: …`). */
  rejected?: string;
}

const LANGUAGE_NAME: Record<Lang, string> = { vi: 'Vietnamese', en: 'English' };

export function buildPrompt(input: PhraseInput, facts: RecordFacts[]): ChatMessage[] {
  const language = LANGUAGE_NAME[input.lang];
  const system = [
    "You rewrite answers for citizens at a Vietnamese ward's one-stop public service center.",
    `Rewrite the DRAFT ANSWER so that it answers the QUESTION clearly and concisely, in ${language}.`,
    'Rules:',
    '- Use only facts found in RECORDS or the DRAFT ANSWER. Never add a fee, amount, duration, date, number, document, place, phone number or link that is not there.',
    '- Copy every number, fee and duration exactly as written. If something is not stated, do not guess.',
    '- Keep every document name exactly as written in Vietnamese, with its number of copies, and do not leave any document out.',
    '- Do not say something is free, or that a document is not needed, unless the records say so.',
    '- Mention the procedure by its name and code; do not mention other procedures.',
    '- Plain text; lists as lines starting with "- ". No headings, no links. Output only the answer.',
  ].join('\n');
  const user = [
    `QUESTION: ${input.question.normalize('NFC')}`,
    '',
    'RECORDS (verbatim from the procedure catalog, JSON):',
    JSON.stringify(facts, null, 1),
    '',
    'DRAFT ANSWER:',
    input.composedAnswer,
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

export async function phraseAnswer(input: PhraseInput, client: LlmClient): Promise<Phrased> {
  const started = performance.now();
  const fallback = (reason: string): Phrased => ({ text: input.composedAnswer, usedLlm: false, rejected: reason });
  const facts = input.records.map((p) => recordFacts(p, sectionsIn(p, input.composedAnswer, input.lang)));
  let reply: string;
  try {
    reply = await client.complete(buildPrompt(input, facts));
  } catch (error) {
    const timeout = error instanceof LlmTimeoutError;
    const reason = `${timeout ? 'timeout' : 'error'}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
    client.report(timeout ? 'timeout' : 'error', { ms: performance.now() - started, reason });
    return fallback(reason);
  }
  const text = reply.normalize('NFC').trim();
  const problem = checkPhrasing({ text, composedAnswer: input.composedAnswer, facts, aspect: input.aspect });
  if (problem) {
    client.report('rejected', { ms: performance.now() - started, reason: problem });
    return fallback(problem);
  }
  client.report('accepted', { ms: performance.now() - started });
  return { text, usedLlm: true };
}

type EngineAnswer = Omit<AskResult, 'sessionId'>;

/**
 * The hook after the engine: only an in-scope answer about catalog procedures is phrased —
 * never an out-of-scope answer, a clarifying question or a dossier status. `phrasedBy` says
 * which text the citizen gets.
 */
export async function phraseEngineAnswer(
  db: Executor,
  answer: EngineAnswer,
  context: { question: string; centerSlug: string | undefined },
  client: LlmClient,
): Promise<EngineAnswer> {
  if (answer.outOfScope || answer.clarifyingQuestion !== undefined || answer.aspect === 'status' || answer.citations.length === 0) return answer;
  let records: ProcedureDetail[];
  try {
    records = await Promise.all(answer.citations.map((c) => getProcedure(db, c.code, context.centerSlug)));
  } catch {
    return { ...answer, phrasedBy: 'catalog' };
  }
  const phrased = await phraseAnswer(
    { question: context.question, lang: answer.language ?? 'vi', composedAnswer: answer.answer, records, aspect: answer.aspect ?? 'general' },
    client,
  );
  return { ...answer, answer: phrased.text, phrasedBy: phrased.usedLlm ? 'llm' : 'catalog' };
}
