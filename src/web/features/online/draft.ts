import type { ApplicantDraft, RepresentativeDraft } from '../dossiers/reception-form.js';
import { EMPTY_APPLICANT, EMPTY_REPRESENTATIVE } from '../dossiers/reception-form.js';

/**
 * The half-filled online form, kept in this browser's localStorage per procedure so that a
 * closed tab or a crashed phone browser does not lose what was typed. Files cannot be kept
 * (a page cannot re-open a file the person chose), which the form says.
 */
export interface OnlineDraft {
  center: string;
  applicant: ApplicantDraft;
  /** Someone applying for another person; null when the applicant applies themself. */
  representative: RepresentativeDraft | null;
  /** Conditional documents the person said they provide. */
  provided: number[];
  savedAt: string;
}

const PREFIX = 'motcua.online-draft.';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // disabled storage (private mode, policy): the form still works, unsaved
  }
}

export function loadDraft(procedureCode: string): OnlineDraft | null {
  const raw = storage()?.getItem(PREFIX + procedureCode);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<OnlineDraft>;
    return {
      center: typeof parsed.center === 'string' ? parsed.center : '',
      applicant: { ...EMPTY_APPLICANT, ...(parsed.applicant ?? {}) },
      representative: parsed.representative ? { ...EMPTY_REPRESENTATIVE, ...parsed.representative } : null,
      provided: Array.isArray(parsed.provided) ? parsed.provided.filter((p): p is number => typeof p === 'number') : [],
      savedAt: typeof parsed.savedAt === 'string' ? parsed.savedAt : new Date().toISOString(),
    };
  } catch {
    return null;
  }
}

export function saveDraft(procedureCode: string, draft: Omit<OnlineDraft, 'savedAt'>): void {
  const empty = Object.values(draft.applicant).every((v) => v === '') && draft.representative === null && draft.provided.length === 0;
  try {
    if (empty) storage()?.removeItem(PREFIX + procedureCode);
    else storage()?.setItem(PREFIX + procedureCode, JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  } catch {
    // full or disabled storage: nothing to do
  }
}

export function clearDraft(procedureCode: string): void {
  storage()?.removeItem(PREFIX + procedureCode);
}
