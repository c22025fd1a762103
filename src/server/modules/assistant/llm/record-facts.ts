import type { ProcedureDetail } from '../../../../shared/schemas/catalog.js';
import { conditionsSection, documentsSection, feeSection, howSection, resultSection, timeSection, whereSection } from '../compose-answer.js';

/**
 * What the LLM is shown of a cited record, and what its reply is checked against: the fields
 * behind the sections the composed answer contains, copied verbatim. One object serves both, so
 * the model is never held to a fact it was not given, nor allowed one it was not given.
 */

export type Lang = 'vi' | 'en';
export type Section = 'documents' | 'fee' | 'time' | 'where' | 'how' | 'conditions' | 'result';

const SECTION_TEXT: Record<Section, (p: ProcedureDetail, lang: Lang) => string> = {
  documents: documentsSection,
  fee: feeSection,
  time: timeSection,
  where: whereSection,
  how: howSection,
  conditions: conditionsSection,
  result: resultSection,
};
const ALL_SECTIONS = Object.keys(SECTION_TEXT) as Section[];

export interface RecordFacts {
  code: string;
  name: string;
  field: string;
  documents?: Array<{ name: string; copies: number; copyType: string | null; condition: string | null }>;
  fee?: { text: string[]; free: boolean | null; amountsVND: number[] | null; atThisCenter?: string };
  processingTime?: {
    text: string;
    workingDays: number | null;
    calendarDays: number | null;
    hours: number | null;
    sameDay: boolean;
    after15hNextWorkingDay: boolean;
    atThisCenterWorkingDays?: number;
  };
  where?: { place: string | null; field: string; counters: string[]; authority: string | null };
  how?: { channels: string[]; online: boolean };
  results?: string[];
  legalBasis?: string[];
  centerNotes?: string;
}

/** The sections of the composed answer that come from this record (all of them if none is recognised). */
export function sectionsIn(p: ProcedureDetail, composedAnswer: string, lang: Lang): Section[] {
  const found = ALL_SECTIONS.filter((s) => composedAnswer.includes(SECTION_TEXT[s](p, lang)));
  return found.length > 0 ? found : ALL_SECTIONS;
}

export function recordFacts(p: ProcedureDetail, sections: readonly Section[]): RecordFacts {
  const has = (s: Section): boolean => sections.includes(s);
  const facts: RecordFacts = { code: p.code, name: p.name, field: p.fieldName };
  const settings = p.center?.settings;
  if (has('documents') || has('conditions')) {
    facts.documents = p.documents.map((d) => ({ name: d.name, copies: d.copies, copyType: d.copyType, condition: d.condition }));
  }
  if (has('fee')) {
    facts.fee = { text: p.fee.text, free: p.fee.free, amountsVND: p.fee.amountsVND, ...(settings?.localFeeText ? { atThisCenter: settings.localFeeText } : {}) };
  }
  if (has('time')) {
    const pr = p.processing;
    facts.processingTime = {
      text: pr.text,
      workingDays: pr.workingDays,
      calendarDays: pr.calendarDays,
      hours: pr.hours,
      sameDay: pr.sameDay,
      after15hNextWorkingDay: pr.after15hNextWorkingDay,
      ...(settings?.localWorkingDays !== undefined && settings.localWorkingDays !== null ? { atThisCenterWorkingDays: settings.localWorkingDays } : {}),
    };
  }
  if (has('where')) {
    facts.where = { place: p.center?.name ?? null, field: p.center?.fieldName ?? p.fieldName, counters: p.center?.counters.map((c) => c.name) ?? [], authority: p.authority };
  }
  if (has('how')) facts.how = { channels: p.channels, online: p.online };
  if (has('result')) facts.results = p.results;
  if (p.legalBasis.length > 0) facts.legalBasis = p.legalBasis.slice(0, 3);
  if (settings?.localNotes) facts.centerNotes = settings.localNotes;
  return facts;
}
