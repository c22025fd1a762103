import { similar } from './similar.js';

/**
 * How citizens write → how the catalog writes. Applied to FOLDED text (no diacritics, lower
 * case, single spaces), whole words only, before retrieval and aspect detection.
 *
 * Policy (docs/assistant.md): an entry is added when it is general Vietnamese usage — teencode,
 * abbreviations, colloquial names of documents and procedures — that anyone at a one-stop
 * counter would recognise. Never phrases copied from an evaluation set, and never a mapping
 * that only one question needs: procedure-specific wording belongs in the catalog's citizen
 * aliases (seed/catalog/aliases.json), where it also serves the portal search.
 */
export const TEENCODE: ReadonlyArray<readonly [from: string, to: string]> = [
  // Teencode and abbreviations (chat style): always rewritten
  ['ko', 'khong'],
  ['k', 'khong'],
  ['kg', 'khong'],
  ['kh', 'khong'],
  ['hok', 'khong'],
  ['hong', 'khong'],
  ['dc', 'duoc'],
  ['dk', 'dang ky'],
  ['dky', 'dang ky'],
  ['dki', 'dang ky'],
  ['ck', 'chong'],
  ['vk', 'vo'],
  ['bme', 'bo me'],
  ['bm', 'bo me'],
  ['ng', 'nguoi'],
  ['j', 'gi'],
  ['ji', 'gi'],
  ['z', 'vay'],
  ['r', 'roi'],
  ['ntn', 'nhu the nao'],
  ['bn', 'bao nhieu'],
  ['bnhieu', 'bao nhieu'],
  ['mk', 'minh'],
  ['e', 'em'],
  ['a', 'anh'],
  ['tks', 'cam on'],
  ['thanks', 'cam on'],
  ['sdt', 'so dien thoai'],
  ['hs', 'ho so'],
  ['gt', 'giay to'],
  ['tp', 'thanh pho'],
  ['ubnd', 'uy ban nhan dan'],
  ['dvc', 'dich vu cong'],
  ['bhyt', 'bao hiem y te'],
  ['bhxh', 'bao hiem xa hoi'],
  ['hkd', 'ho kinh doanh'],
  ['gpkd', 'giay phep kinh doanh'],
  ['gpxd', 'giay phep xay dung'],
  ['gplx', 'giay phep lai xe'],
  ['online', 'truc tuyen'],
  ['onl', 'truc tuyen'],
  ['cmnd', 'can cuoc'],
  ['cmt', 'can cuoc'],
  ['cccd', 'can cuoc'],
];

/**
 * Colloquial names of papers and procedures → the catalog's words. Retrieval runs on the text
 * with and without these rewrites and keeps the better score per procedure, so a citizen alias
 * in the catalog ("làm sổ đỏ") still matches the words as typed.
 */
export const PHRASES: ReadonlyArray<readonly [from: string, to: string]> = [
  // Identity papers: the card is "thẻ căn cước" since the 2023 Law on Identification
  ['chung minh nhan dan', 'can cuoc'],
  ['chung minh thu', 'can cuoc'],
  ['can cuoc cong dan', 'can cuoc'],
  ['the can cuoc cong dan', 'the can cuoc'],
  ['giay doc than', 'giay xac nhan tinh trang hon nhan'],
  ['xac nhan doc than', 'xac nhan tinh trang hon nhan'],
  ['giay hon thu', 'giay chung nhan ket hon'],
  ['giay chung tu', 'trich luc khai tu'],
  ['bao tu', 'khai tu'],
  ['so do', 'giay chung nhan quyen su dung dat'],
  ['so hong', 'giay chung nhan quyen su dung dat'],
  ['nhap khau', 'dang ky thuong tru'],
  ['nhap ho khau', 'dang ky thuong tru'],
  ['cat khau', 'xoa dang ky thuong tru'],
  ['cat ho khau', 'xoa dang ky thuong tru'],
  ['tach khau', 'tach ho'],
  ['tach ho khau', 'tach ho'],
  ['kt3', 'tam tru'],
  ['ho khau', 'thuong tru'],
  ['sao y', 'chung thuc ban sao'],
  ['photo cong chung', 'chung thuc ban sao'],
  ['con de', 'con sinh'],
  ['moi de', 'moi sinh'],
  ['lay vo', 'ket hon'],
  ['lay chong', 'ket hon'],
  ['cuoi vo', 'ket hon'],
  ['cuoi chong', 'ket hon'],
  ['qua doi', 'khai tu'],
  ['tu tran', 'khai tu'],
  ['bo mat', 'khai tu'],
  ['me mat', 'khai tu'],
  ['cha mat', 'khai tu'],
  ['bo moi mat', 'khai tu'],
  ['me moi mat', 'khai tu'],
  ['danh mat', 'bi mat'],
  ['lam mat', 'bi mat'],
];

/**
 * English words of the catalog's topics → the catalog's Vietnamese words, so that an English
 * question finds its procedure (the answer is framed in English, the facts stay Vietnamese).
 * Aspect words (documents, fee, how long…) are left alone: they are recognised in English.
 */
export const ENGLISH: ReadonlyArray<readonly [from: string, to: string]> = [
  ['birth certificate', 'khai sinh'],
  ['birth registration', 'dang ky khai sinh'],
  ['birth', 'khai sinh'],
  ['baby', 'khai sinh'],
  ['newborn', 'khai sinh'],
  ['death certificate', 'khai tu'],
  ['death', 'khai tu'],
  ['died', 'khai tu'],
  ['marriage certificate', 'dang ky ket hon'],
  ['marriage', 'ket hon'],
  ['marry', 'ket hon'],
  ['married', 'ket hon'],
  ['single status', 'xac nhan tinh trang hon nhan'],
  ['marital status', 'xac nhan tinh trang hon nhan'],
  ['certificate of single status', 'xac nhan tinh trang hon nhan'],
  ['foreigner', 'nuoc ngoai'],
  ['foreign', 'nuoc ngoai'],
  ['register', 'dang ky'],
  ['registration', 'dang ky'],
  ['re register', 'dang ky lai'],
  ['certified copy', 'chung thuc ban sao'],
  ['certified copies', 'chung thuc ban sao'],
  ['certify', 'chung thuc'],
  ['certified', 'chung thuc'],
  ['certification', 'chung thuc'],
  ['power of attorney', 'giay uy quyen'],
  ['authorization', 'uy quyen'],
  ['passed away', 'mat'],
  ['son', 'con'],
  ['daughter', 'con'],
  ['child', 'con'],
  ['renting', 'thue nha'],
  ['rent', 'thue nha'],
  ['notarize', 'chung thuc'],
  ['notarise', 'chung thuc'],
  ['signature', 'chu ky'],
  ['translation', 'ban dich'],
  ['translator', 'nguoi dich'],
  ['last will', 'di chuc'],
  ['testament', 'di chuc'],
  ['inheritance', 'di san'],
  ['guardianship', 'giam ho'],
  ['guardian', 'giam ho'],
  ['adoption', 'nuoi con nuoi'],
  ['adopt', 'nuoi con nuoi'],
  ['temporary residence', 'tam tru'],
  ['permanent residence', 'thuong tru'],
  ['residence', 'cu tru'],
  ['temporary absence', 'tam vang'],
  ['id card', 'the can cuoc'],
  ['identity card', 'the can cuoc'],
  ['citizen id', 'can cuoc'],
  ['household business', 'ho kinh doanh'],
  ['business', 'ho kinh doanh'],
  ['shop', 'ho kinh doanh'],
  ['building permit', 'giay phep xay dung'],
  ['construction permit', 'giay phep xay dung'],
  ['land', 'dat dai'],
  ['poor household', 'ho ngheo'],
  ['copy', 'ban sao'],
  ['extract', 'trich luc'],
  ['lost', 'mat'],
  ['again', 'lai'],
];

type Table = ReadonlyArray<readonly [string, string]>;
const byLength = (t: Table): Table => [...t].sort((a, b) => b[0].split(' ').length - a[0].split(' ').length);
const TEENCODE_TABLE = byLength(TEENCODE);
const PHRASE_TABLE = byLength(PHRASES);
const ENGLISH_TABLE = byLength(ENGLISH);

/** English topic words → Vietnamese catalog words (folded); words of 4+ letters may have one typo. */
export function translateEnglish(folded: string): string {
  return rewrite(folded, ENGLISH_TABLE, true);
}

/** Teencode and abbreviations rewritten: "ko co cmnd" → "khong co can cuoc". */
export function normaliseTeencode(folded: string): string {
  return rewrite(folded, TEENCODE_TABLE);
}

/** Colloquial names rewritten to the catalog's: "giay doc than" → "giay xac nhan tinh trang hon nhan". */
export function applyPhrases(folded: string): string {
  return rewrite(folded, PHRASE_TABLE);
}

/** Whole-word, longest-phrase-first rewriting of folded text. */
function rewrite(folded: string, table: Table, fuzzy = false): string {
  const words = folded.split(' ').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = false;
    for (const [from, to] of table) {
      const parts = from.split(' ');
      if (parts.every((p, k) => words[i + k] === p || (fuzzy && similar(words[i + k] ?? '', p)))) {
        out.push(to);
        i += parts.length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      out.push(words[i] ?? '');
      i += 1;
    }
  }
  return out.join(' ');
}
