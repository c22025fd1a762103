import type { Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { lookupDossier } from '../dossiers/dossier-views.js';
import type { EngineAnswer } from './answer-question.js';
import type { Understanding } from './understand.js';

/** dd/mm/yyyy in Asia/Ho_Chi_Minh (UTC+7, no DST). */
function civilDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

const TIMELINESS_VI: Record<string, string> = { early: 'trước hạn', on_time: 'đúng hạn', late: 'quá hạn', overdue: 'đã quá hạn', in_time: 'còn trong hạn' };

/**
 * "Hồ sơ của tôi H29.100-261127-0001 đến đâu rồi?" → the public lookup (dossiers/dossier-views.ts):
 * status, procedure, dates. The applicant's name is not repeated, not even masked.
 */
export async function answerDossierStatus(db: Executor, u: Understanding, now: Date): Promise<EngineAnswer> {
  const en = u.language === 'en';
  const base: Pick<EngineAnswer, 'procedures' | 'citations' | 'outOfScope' | 'aspect' | 'language'> = { procedures: [], citations: [], outOfScope: false, aspect: 'status', language: u.language };
  if (!u.dossierCode) {
    const question = en
      ? 'Please give the dossier code printed on your receipt (e.g. H29.100-261127-0001).'
      : 'Bạn cho mình mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (dạng H29.100-261127-0001) nhé.';
    return { ...base, answer: question, clarifyingQuestion: question, confidence: 'medium', needsHuman: false, nextSteps: [] };
  }
  const code = u.dossierCode;
  try {
    const d = await lookupDossier(db, code, undefined, now);
    const lines = en
      ? [`Dossier ${d.code} (${d.procedureName}): ${d.statusLabel}.`]
      : [`Hồ sơ ${d.code} (${d.procedureName}): ${d.statusLabel}.`];
    if (d.receivedAt) lines.push(`${en ? 'Received' : 'Ngày tiếp nhận'}: ${civilDate(d.receivedAt)}.`);
    if (d.dueAt) lines.push(`${en ? 'Due' : 'Ngày hẹn trả kết quả'}: ${civilDate(d.dueAt)}${TIMELINESS_VI[d.timeliness] && !en ? ` (${TIMELINESS_VI[d.timeliness] ?? ''})` : ''}.`);
    return {
      ...base,
      answer: lines.join('\n'),
      confidence: 'high',
      needsHuman: false,
      nextSteps: [{ kind: 'lookup', dossierCode: d.code, label: en ? 'Open the dossier page' : 'Xem chi tiết hồ sơ' }],
    };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'DOSSIER_NOT_FOUND') throw error;
    const answer = en
      ? `No dossier has the code ${code}. Please check the code on your receipt, or ask an official.`
      : `Không tìm thấy hồ sơ có mã ${code}. Bạn kiểm tra lại mã trên Giấy tiếp nhận, hoặc hỏi cán bộ tại quầy.`;
    return { ...base, answer, confidence: 'high', needsHuman: true, nextSteps: [{ kind: 'human', label: en ? 'Talk to an official' : 'Gặp cán bộ hướng dẫn' }] };
  }
}
