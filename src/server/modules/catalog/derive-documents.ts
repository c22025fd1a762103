/**
 * Cleans the dossier-component list of a verbatim record. The portal's table was flattened by
 * the crawler, so one `name` can hold a case heading glued to the document ("…của mìnhVăn bản
 * xác nhận…"), a preamble ("…gồm các giấy tờ sau đây:Bản chính…"), a "Trường hợp X thì phải có
 * Y" sentence, or the tail of the form's file name. Each is taken apart here; the verbatim name
 * stays in `nameAsPublished` and `method` lists the steps applied.
 */
import type { CatalogDocument } from './catalog-file.js';
import type { ChannelCode, DerivedDocument } from './derived-schema.js';

/** Text that opens a case ("in the case that…", "for…", "if…"). */
const CASE_START = /^(?:Trường hợp|Đối với|Nếu)\s/iu;
/** "Trường hợp 1: …" — a numbered case label, whose colon is not the end of the heading. */
const NUMBERED_CASE = /^Trường hợp\s+\d+\s*$/iu;
/** List markers the flattened table kept: "+ ", "- ", "(ii) ", "(1.6) ", "a) ". */
const LIST_MARKER = /^\s*(?:[+\-–•]\s*|\(\s*(?:[ivx]+|\d+(?:\.\d+)*)\s*\)\s*|[a-zđ]\)\s+)/iu;
/** The end of a heading that introduces a list: "…, hồ sơ gồm", "…gồm các giấy tờ sau đây". */
const LIST_INTRO_END = /(?:hồ sơ\s+(?:phải kèm theo|bao gồm|gồm)|giấy tờ sau(?:\s+đây)?)(?:\s+các giấy tờ sau(?:\s+đây)?)?\s*$/iu;
/** The same intro, to cut off the end of a condition. */
const LIST_INTRO_TAIL = /(?:,\s*|\.\s*|\s+)(?:thì\s+)?(?:thành phần\s+)?hồ sơ\s+(?:phải kèm theo|bao gồm|gồm)(?:\s.*)?$/isu;
/** A preamble (not a case): "Người yêu cầu chứng thực nộp…", "Hồ sơ của người nhận con nuôi". */
const PREAMBLE = /^(?:Người yêu cầu|Hồ sơ|Thành phần hồ sơ)(?![\p{L}\p{N}])/iu;
/** Explanatory items that are not documents. */
const NOTE = /^(?:Lưu ý|Giá trị sử dụng)(?![\p{L}\p{N}])/iu;
/** "Hồ sơ …" at the start (JS `\b` is ASCII-only, so Vietnamese word ends use a lookahead). */
const DOSSIER_START = /^Hồ sơ(?![\p{L}\p{N}])/u;
/** Verbs between a case and its document: "thì phải có", "hồ sơ … phải kèm theo", "thay thế bằng:". */
const LEADING_VERB =
  /^(?:hồ sơ(?:\s+đăng ký hộ kinh doanh)?\s+)?(?:(?:phải\s+)?(?:có|nộp lại|nộp|kèm theo|xuất trình)|thay thế bằng\s*:?)\s+/iu;
const FILE_EXTENSION = /^\.?(?:docx?|pdf|xlsx?|rtf|odt)$/iu;
/** Longer "file names" are document text: the real file name was cut off with the name. */
const MAX_FILE_NAME = 120;
/** The crawl cut document names at exactly this many characters (52 names have this length). */
export const SOURCE_NAME_CUTOFF = 600;
/** "… một trong các giấy tờ sau:" introduces alternatives; keep it in the document's name. */
const ONE_OF_INTRO = /một trong (?:các|những) (?:loại )?giấy tờ sau(?:\s+đây)?\s*$/iu;

function capitalize(s: string): string {
  const first = s.codePointAt(0);
  if (first === undefined) return s;
  const ch = String.fromCodePoint(first);
  return ch.toLocaleUpperCase('vi') + s.slice(ch.length);
}

function stripMarkers(s: string): string {
  let out = s.trim();
  // "- .02 bộ bản vẽ…": a stray dot before a number is a typo in the source.
  for (let i = 0; i < 3; i++) out = out.replace(LIST_MARKER, '').replace(/^\.+(?=\d)/u, '').trim();
  return out;
}

function tidyName(s: string): string {
  return capitalize(stripMarkers(s).replace(/[\s;,]+$/u, ''));
}

function tidyCondition(s: string): string {
  return stripMarkers(s)
    .replace(LIST_INTRO_TAIL, '')
    .replace(/,?\s*kèm theo hồ sơ.*$/isu, '')
    .replace(/[\s;,:.]+$/u, '')
    .trim();
}

/**
 * The crawler split `name + " " + fileName` at its last space, so `form` holds the last word of
 * the form's file name and the rest of the file name is glued to the end of `name`. The file
 * name starts after a table join: ")" ";" or "." (not after a digit) directly followed by text,
 * or a lower-case letter directly followed by a capitalised word ("…TTgGiấy đề nghị.pdf").
 */
export function splitFormFile(name: string, form: string): { name: string; formFile: string } {
  const full = `${name} ${form}`;
  const isExtension = (i: number): boolean => FILE_EXTENSION.test(full.slice(i));
  let strong = -1;
  for (let i = 1; i < full.length; i++) {
    const prev = full[i - 1] ?? '';
    const ch = full[i] ?? '';
    if (/\s/u.test(ch) || isExtension(i)) continue;
    if (prev === ')' || prev === ';' || (prev === '.' && !/\d/u.test(full[i - 2] ?? ''))) strong = i;
  }
  const weakGlue = /(?:\p{Ll}|\p{Lu}{2})(?=\p{Lu}\p{Ll})/gu;
  let weak = -1;
  for (const match of full.matchAll(weakGlue)) {
    const i = match.index + match[0].length;
    // After a strong join, a weak one only counts if real words (spaces) lie between them:
    // "1.MuCT01banhnhkmtheoThngts53" is one file-name token, "…nhân dânMau 2 …" is not.
    if (strong === -1 ? true : i > strong && /\s/u.test(full.slice(strong, i))) {
      weak = i;
      if (strong !== -1) break;
    }
  }
  const at = weak !== -1 ? weak : strong;
  if (at <= 0 || full.length - at > MAX_FILE_NAME) return { name, formFile: form };
  return { name: full.slice(0, at).replace(/[\s;.,:]+$/u, ''), formFile: full.slice(at).trim() };
}

/** Position of the first table join after which a new cell starts, or -1. */
function firstGlue(text: string, caseLike: boolean): number {
  const glue = caseLike ? /(?:\p{Ll}(?=\p{Lu}\p{Ll})|[).:](?=\p{Lu}))/u : /(?:\p{Ll}(?=\p{Lu}\p{Ll})|\)(?=\p{Lu}))/u;
  const match = glue.exec(text);
  return match === null ? -1 : match.index + 1;
}

type HeadSplit = { kind: 'condition' | 'heading'; head: string; rest: string; method: string };

/** Takes one glued heading/case off the front of `text`, if there is one. */
function splitHead(text: string): HeadSplit | null {
  const caseLike = CASE_START.test(text);
  const colon = text.indexOf(':');
  const prefix = colon > 0 ? text.slice(0, colon) : '';
  const glue = firstGlue(text, caseLike);
  const colonUsable =
    colon > 0 &&
    colon <= 400 &&
    !NUMBERED_CASE.test(prefix) &&
    (caseLike || !ONE_OF_INTRO.test(prefix)) &&
    (LIST_INTRO_END.test(prefix) || (caseLike && !/\sthì\s/u.test(prefix)) || (DOSSIER_START.test(prefix) && prefix.length <= 80));
  // "…hồ sơ gồm+ Giấy đề nghị…" has no colon at all.
  const noColonIntro = /^(.{5,400}?hồ sơ\s+(?:bao\s+)?gồm)(?=\s*[+\-(])/isu.exec(text);
  let cut = -1;
  let skip = 0;
  let method = '';
  if (colonUsable && (glue === -1 || colon < glue)) {
    cut = colon;
    skip = 1;
    method = 'split-heading-colon';
  } else if (glue !== -1) {
    cut = glue;
    method = 'split-glued-heading';
  } else if (noColonIntro !== null && caseLike) {
    cut = noColonIntro[1]?.length ?? -1;
    method = 'split-heading-colon';
  }
  if (cut <= 0) return null;
  const head = text.slice(0, cut).trim();
  const rest = text.slice(cut + skip).trim();
  if (rest === '' || head === '') return null;
  return { kind: PREAMBLE.test(head) && !caseLike ? 'heading' : 'condition', head, rest, method };
}

/** "Trường hợp X thì (phải có) Y" / "Trường hợp X phải có Y" → condition X, document Y. */
function splitCaseSentence(text: string): { condition: string; rest: string; present: boolean } | null {
  if (!CASE_START.test(text)) return null;
  const thi = /\sthì\s/u.exec(text);
  let condition: string;
  let rest: string;
  if (thi !== null) {
    condition = text.slice(0, thi.index);
    rest = text.slice(thi.index + thi[0].length);
  } else {
    const verb = /\s(?:phải có|phải nộp|phải kèm theo)\s/u.exec(text);
    if (verb === null) return null;
    condition = text.slice(0, verb.index);
    rest = text.slice(verb.index + 1);
  }
  const verbMatch = LEADING_VERB.exec(rest);
  const present = verbMatch !== null && /xuất trình/u.test(verbMatch[0]);
  if (verbMatch !== null) rest = rest.slice(verbMatch[0].length);
  if (rest.trim() === '' || condition.trim() === '') return null;
  return { condition, rest, present };
}

/** Channels named in the document text, e.g. "(nếu … nộp hồ sơ theo hình thức trực tiếp hoặc gửi … bưu chính)". */
function channelsOf(text: string): ChannelCode[] | null {
  const m = /nộp hồ sơ theo hình thức (trực tiếp|trực tuyến)((?:\s+hoặc\s+gửi hồ sơ qua(?:\s+hệ thống)?\s+bưu chính)?)/iu.exec(text);
  if (m !== null) {
    const main: ChannelCode = m[1]?.toLowerCase() === 'trực tiếp' ? 'truc-tiep' : 'truc-tuyen';
    return m[2] ? [main, 'buu-chinh'] : [main];
  }
  if (/khi làm thủ tục trực tiếp/iu.test(text)) return ['truc-tiep'];
  return null;
}

/** What a `group` value says: an action ("Giấy tờ phải xuất trình"), a heading or a case. */
function classifyGroup(group: string | null): { action: 'submit' | 'present' | null; condition: string | null; heading: string | null } {
  if (group === null || group.trim() === '') return { action: null, condition: null, heading: null };
  if (/^Giấy tờ phải nộp/iu.test(group)) return { action: 'submit', condition: null, heading: null };
  if (/^Giấy tờ phải xuất trình/iu.test(group)) return { action: 'present', condition: null, heading: null };
  if (DOSSIER_START.test(group)) return { action: null, condition: null, heading: group.trim() };
  return { action: null, condition: tidyCondition(group), heading: null };
}

/**
 * The cleaned form of one dossier component (expects NFC text). `rawNameLength` is the length
 * of the name as crawled, before NFC normalisation, to detect the crawl's 600-character cut.
 */
export function deriveDocument(doc: CatalogDocument, rawNameLength: number = doc.name.length): DerivedDocument {
  const methods: string[] = [];
  let text = doc.name.trim();
  let formFile: string | null = null;
  if (doc.form !== null) {
    const split = splitFormFile(text, doc.form);
    formFile = split.formFile;
    if (split.name !== text) methods.push('split-form-file');
    text = split.name;
  }
  const fromGroup = classifyGroup(doc.group);
  const conditions: string[] = fromGroup.condition === null ? [] : [fromGroup.condition];
  const headings: string[] = fromGroup.heading === null ? [] : [fromGroup.heading];
  if (fromGroup.condition !== null) methods.push('condition-from-group');
  let action = fromGroup.action;
  const kind = NOTE.test(text) ? 'note' : 'document';

  if (kind === 'document') {
    text = stripMarkers(text);
    for (let i = 0; i < 3; i++) {
      const split = splitHead(text);
      if (split === null) break;
      if (split.kind === 'heading') {
        headings.push(split.head.replace(/[\s:]+$/u, ''));
        if (/xuất trình/u.test(split.head)) action = 'present';
      } else {
        conditions.push(tidyCondition(split.head));
      }
      methods.push(split.method);
      text = stripMarkers(split.rest);
    }
    const sentence = splitCaseSentence(text);
    if (sentence !== null) {
      conditions.push(tidyCondition(sentence.condition));
      text = sentence.rest;
      if (sentence.present) action = 'present';
      methods.push('split-case-sentence');
    }
  }
  // A group like "Trường hợp nội dung đăng ký thay đổi về" continues into a lower-case head.
  const joined = conditions.filter((c) => c !== '').reduce<string[]>((acc, c) => {
    const last = acc[acc.length - 1];
    if (last !== undefined && /^\p{Ll}/u.test(c) && /\svề$/u.test(last)) acc[acc.length - 1] = `${last} ${c}`;
    else acc.push(c);
    return acc;
  }, []);
  const name = kind === 'document' ? tidyName(text) : text;
  if (/^Xuất trình(?![\p{L}\p{N}])/iu.test(name)) action = 'present';
  const channels = channelsOf(doc.name);
  if (channels !== null) methods.push('channels-from-text');
  return {
    nameAsPublished: doc.name,
    name: name === '' ? doc.name : name,
    condition: joined.length > 0 ? joined.map(capitalize).join(' — ') : null,
    heading: headings.length > 0 ? headings.join(' — ') : null,
    formFile,
    channels,
    action,
    kind,
    truncatedAtSource: rawNameLength === SOURCE_NAME_CUTOFF,
    copies: doc.copies,
    copyType: doc.copyType,
    group: doc.group,
    method: methods.length > 0 ? methods.join('+') : 'verbatim',
  };
}

export function deriveDocuments(docs: readonly CatalogDocument[], rawNameLengths?: readonly number[]): DerivedDocument[] {
  return docs.map((doc, i) => deriveDocument(doc, rawNameLengths?.[i] ?? doc.name.length));
}
