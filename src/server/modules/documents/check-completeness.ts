import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { foldVietnamese } from '../../../shared/text.js';
import type { CompletenessBody, CompletenessResult, SlipItem } from '../../../shared/schemas/copilot.js';
import type { Derived } from '../catalog/catalog-file.js';

type CopyKind = 'original' | 'certified_copy' | 'copy';

interface CatalogDocument {
  position: number;
  name: string;
  condition: string | null;
  copies: number;
  copyKind: CopyKind;
}

/**
 * The procedure's documents as reception numbers them: the `document` entries of the catalog's
 * derived list, from 1 (same positions as POST /api/dossiers). The copy kind follows reception's
 * rule (receive-dossier.ts): "chứng thực" in the copy type or the name → certified copy; "bản
 * sao" → copy; otherwise original.
 */
export function catalogDocuments(derived: Derived): CatalogDocument[] {
  return derived.documents
    .filter((d) => d.kind === 'document')
    .map((d, i) => {
      const text = foldVietnamese(`${d.copyType} ${d.name}`);
      const copyKind: CopyKind = /chung thuc/.test(text) ? 'certified_copy' : /\bban sao\b|\bphoto\b/.test(foldVietnamese(d.copyType)) ? 'copy' : 'original';
      // A document the catalog ties to other channels (online, post) is not asked for at the counter.
      const otherChannels = d.channels !== null && !d.channels.includes('truc-tiep');
      const condition = d.condition ?? (otherChannels ? 'Chỉ khi nộp hồ sơ trực tuyến hoặc qua bưu chính' : null);
      return { position: i + 1, name: d.name, condition, copies: Math.max(1, d.copies), copyKind };
    });
}

/** Abbreviations people type at the counter, expanded before matching. */
const ABBREVIATIONS: Record<string, string> = {
  cccd: 'can cuoc cong dan',
  cmnd: 'chung minh nhan dan',
  cmt: 'chung minh nhan dan',
  gks: 'giay khai sinh',
  dkkh: 'dang ky ket hon',
  hk: 'ho khau',
  xntthn: 'xac nhan tinh trang hon nhan',
};

/** Words that say what kind of copy it is, not what the document is. */
const COPY_WORDS = /\b(?:ban chinh|ban sao(?: co)?(?: duoc)?(?: chung thuc)?|chung thuc|photo(?:copy)?|sao y|01|02|mot|hai)\b/g;

function copyKindOf(folded: string): CopyKind | null {
  if (/chung thuc|sao y/.test(folded)) return 'certified_copy';
  if (/\bban sao\b|\bphoto/.test(folded)) return 'copy';
  if (/\bban chinh\b/.test(folded)) return 'original';
  return null;
}

function tokensOf(text: string): string[] {
  return foldVietnamese(text)
    .split(' ')
    .flatMap((t) => (ABBREVIATIONS[t] ?? t).split(' '))
    .filter((t) => t !== '');
}

function bigrams(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < tokens.length; i++) out.add(`${tokens[i - 1]} ${tokens[i]}`);
  return out;
}

/**
 * How well a typed name matches a catalog document, 0…1: the share of the typed words, and of
 * its word pairs, found in the document's name (folded). Word pairs tell "giấy chứng sinh" from
 * "giấy khai sinh"; containment (not Jaccard) because catalog names are long sentences.
 */
export function matchScore(typed: string, documentName: string): number {
  const t = tokensOf(foldVietnamese(typed).replace(COPY_WORDS, ' '));
  if (t.length === 0) return 0;
  const dTokens = tokensOf(documentName);
  const d = new Set(dTokens);
  const unigram = t.filter((w) => d.has(w)).length / t.length;
  const tb = bigrams(t);
  if (tb.size === 0) return unigram;
  const db = bigrams(dTokens);
  const bigram = [...tb].filter((b) => db.has(b)).length / tb.size;
  return 0.4 * unigram + 0.6 * bigram;
}

/** A typed name matches a document from this score on. */
export const MATCH_THRESHOLD = 0.55;

function slipItem(d: CatalogDocument, note?: string): SlipItem {
  return {
    name: d.name,
    originals: d.copyKind === 'original' ? d.copies : 0,
    certifiedCopies: d.copyKind === 'certified_copy' ? d.copies : 0,
    photocopies: d.copyKind === 'copy' ? d.copies : 0,
    ...(note ? { note } : {}),
  };
}

/**
 * Checks the documents a citizen handed in against the procedure's list: what is missing, what
 * applies only in some cases, what is extra, and what still needs a certified copy. Ticked
 * positions are taken as they are; typed or recognised names are matched to the list by folded
 * similarity (each document at most once, best matches first). The `slipItems` are ready for the
 * supplementation slip (Mẫu 02). Nothing is stored.
 */
export async function checkCompleteness(db: Db, input: CompletenessBody): Promise<CompletenessResult> {
  const procedure = await db.selectFrom('procedures').select(['code', 'name', 'derived']).where('code', '=', input.procedureCode).executeTakeFirst();
  if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND');
  return compareDocuments({ code: procedure.code, name: procedure.name }, catalogDocuments(procedure.derived as Derived), input.handed);
}

/** The pure part of `checkCompleteness`. */
export function compareDocuments(procedure: { code: string; name: string }, documents: CatalogDocument[], handed: CompletenessBody['handed']): CompletenessResult {
  const received = new Map<number, { document: CatalogDocument; matchedFrom: string | null; score: number; handedAs: CopyKind | null }>();
  const extra: CompletenessResult['extra'] = [];
  const typed: Array<{ name: string; copyKind: CopyKind | null }> = [];

  for (const item of handed) {
    if (item.position !== undefined) {
      const document = documents[item.position - 1];
      if (document) received.set(document.position, { document, matchedFrom: null, score: 1, handedAs: item.copyKind ?? null });
      else extra.push({ name: item.name ?? `Thành phần số ${item.position}`, bestGuess: null, score: 0 });
    } else if (item.name !== undefined) {
      typed.push({ name: item.name.normalize('NFC').trim(), copyKind: item.copyKind ?? copyKindOf(foldVietnamese(item.name)) });
    }
  }

  // Every (typed, document) pair scored; the best pairs are taken first, one document each.
  const pairs = typed.flatMap((t, ti) => documents.map((d) => ({ ti, d, score: matchScore(t.name, d.name) }))).sort((a, b) => b.score - a.score);
  const typedDone = new Set<number>();
  for (const { ti, d, score } of pairs) {
    if (score < MATCH_THRESHOLD || typedDone.has(ti) || received.has(d.position)) continue;
    const t = typed[ti];
    if (!t) continue;
    typedDone.add(ti);
    received.set(d.position, { document: d, matchedFrom: t.name, score: round(score), handedAs: t.copyKind });
  }
  typed.forEach((t, ti) => {
    if (typedDone.has(ti)) return;
    const best = pairs.find((p) => p.ti === ti);
    extra.push({ name: t.name, bestGuess: best && best.score > 0 ? best.d : null, score: round(best?.score ?? 0) });
  });

  const notHanded = documents.filter((d) => !received.has(d.position));
  const missing = notHanded.filter((d) => d.condition === null);
  const conditional = notHanded.filter((d) => d.condition !== null);
  // An original shown at the counter lets the official certify the copy by comparison, so only
  // photocopies and unmarked items are flagged.
  const needsCertifiedCopy = [...received.values()]
    .filter((r) => r.document.copyKind === 'certified_copy' && r.handedAs !== 'certified_copy' && r.handedAs !== 'original')
    .map((r) => ({ document: r.document, handedAs: r.handedAs }));

  const slipItems = [
    ...missing.map((d) => slipItem(d)),
    ...needsCertifiedCopy.map((n) => slipItem(n.document, 'Nộp bản sao có chứng thực (hoặc xuất trình bản chính để đối chiếu).')),
  ];
  return {
    procedure,
    complete: missing.length === 0 && needsCertifiedCopy.length === 0,
    missing,
    conditional,
    received: [...received.values()].sort((a, b) => a.document.position - b.document.position).map(({ document, matchedFrom, score }) => ({ document, matchedFrom, score })),
    extra,
    needsCertifiedCopy,
    slipItems,
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
