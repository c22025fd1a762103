import { foldVietnamese, toNFC } from '../../../shared/text.js';
import { applyPhrases, normaliseTeencode, translateEnglish } from './synonyms.js';

/**
 * First step of the assistant: what kind of question is this? Pure functions over the text,
 * no catalog needed — normalisation, language, a dossier code, the aspect asked, a topic that
 * belongs to another authority or to a lawyer, small talk. Patterns are matched on folded text
 * (no diacritics), so they work the same whether the citizen typed accents or not.
 */

export type Aspect = 'documents' | 'fee' | 'time' | 'where' | 'how' | 'conditions' | 'result' | 'general' | 'status';

export interface OutOfScopeTopic {
  id: string;
  /** Folded phrases that name the topic (whole words). */
  phrases: string[];
  /** Who handles it (shown to the citizen); null when the assistant does not know. */
  pointerVi: string | null;
  pointerEn: string | null;
  /** Legal advice and disputes: a person should talk to the citizen. */
  legal: boolean;
}

export interface Understanding {
  /** NFC text as typed (for display and storage). */
  text: string;
  /** Folded, teencode normalised. */
  folded: string;
  /** Folded with colloquial names rewritten to the catalog's words. */
  rewritten: string;
  language: 'vi' | 'en';
  dossierCode: string | null;
  /** Aspects asked, most specific first; ['general'] when none is recognised. */
  aspects: Aspect[];
  /** The first out-of-scope topic named, and all of them. */
  topic: OutOfScopeTopic | null;
  topics: OutOfScopeTopic[];
  smallTalk: boolean;
  wantsHuman: boolean;
  /** Words left for retrieval once question words and aspect cues are removed. */
  content: string[];
  /** The same from the rewritten text. */
  rewrittenContent: string[];
  /**
   * Content words of the clauses that name no out-of-scope topic ("mình đã ly hôn, giờ xin giấy
   * xác nhận tình trạng hôn nhân" → the second clause), folded and rewritten.
   */
  restContent: string[];
  restRewrittenContent: string[];
}

/** Official dossier codes: `{agency code}-{YYMMDD}-{NNNN}` (dossiers/receive-dossier.ts). */
const DOSSIER_CODE = /\b([A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)*-\d{6}-\d{4,})\b/;

/** Cue phrases per aspect (folded). Order matters only for the primary aspect. */
const ASPECT_CUES: ReadonlyArray<readonly [Aspect, string[]]> = [
  ['status', ['ho so cua toi', 'ho so cua minh', 'ho so cua em', 'ho so toi nop', 'ho so minh nop', 'ho so em nop', 'tra cuu ho so', 'tra cuu ket qua', 'tinh trang ho so', 'tien do ho so', 'ma bien nhan', 'ma ho so', 'o buoc nao', 'den buoc nao', 'toi buoc nao', 'den dau roi', 'xong chua', 'co ket qua chua', 'da xu ly chua', 'chua thay ai', 'chua ai tiep nhan', 'my dossier', 'my application', 'status of']],
  ['fee', ['mat bao nhieu tien', 'het bao nhieu tien', 'mat bao nhieu', 'le phi', 'phi', 'bao nhieu tien', 'mat tien', 'ton tien', 'het bao nhieu', 'mien phi', 'chi phi', 'tien phi', 'nop tien', 'tra tien', 'fee', 'fees', 'cost', 'how much', 'price']],
  ['time', ['bao lau', 'may ngay', 'bao nhieu ngay', 'thoi gian', 'thoi han', 'bao gio co', 'khi nao co', 'khi nao nhan', 'bao gio nhan', 'lau khong', 'mat bao lau', 'how long', 'how many days', 'processing time']],
  ['documents', ['giay to gi', 'giay to nao', 'nhung giay to', 'can giay to', 'giay to can', 'giay to phai', 'giay to gom', 'mang giay to', 'nhung gi', 'ho so gom', 'ho so can', 'can gi', 'mang gi', 'mang theo', 'chuan bi', 'thanh phan ho so', 'can nhung gi', 'can co gi', 'nop nhung gi', 'documents', 'papers', 'paperwork', 'what do i need', 'bring']],
  ['where', ['o dau', 'noi nao', 'cho nao', 'quay nao', 'quay so may', 'co quan nao', 'linh vuc nao', 'nop tai dau', 'den dau', 'where', 'which counter', 'which office']],
  ['how', ['truc tuyen', 'qua mang', 'dich vu cong', 'nop qua', 'buu dien', 'buu chinh', 'cach thuc', 'cach nop', 'nhung cach', 'hinh thuc nop', 'online', 'by post', 'internet']],
  ['conditions', ['dieu kien', 'duoc khong', 'co duoc', 'ai duoc', 'doi tuong', 'truong hop nao', 'conditions', 'eligible', 'eligibility', 'requirements']],
  ['result', ['ket qua', 'nhan duoc gi', 'duoc cap gi', 'nhan gi', 'cap giay gi', 'result', 'what will i get']],
];

/** Words that carry no procedure meaning (folded). */
const STOPWORDS = new Set(
  `toi em minh anh chi ban co muon can phai gi nao the thi la va voi cua o de duoc khong a ah oi vay nhe nhi ha cho xin hoi giup nhung cac mot nay ve den roi nua
  ai bao nhieu may neu khi ma hay hoac se da rat qua nhu uh um vui long ak nha ne kia day
`.split(/\s+/),
);

/** English question words, dropped only when the question is in English. */
const EN_STOPWORDS = new Set(
  'i my me we you to the a an of for in on at do does did is are am how what where which who when get got need needs want please with and or be it this that from have has there can could would should will about our us his her their he she they im its'.split(' '),
);

/** Syllable pairs whose first or second syllable, folded, is also a question word ("cần"/"căn"). */
const PROTECTED = new Set(['can cuoc', 'can ho', 'ban sao', 'ban chinh', 'ban dich', 'the can', 'ban an', 'nhu cau', 'khong phai']);

const SMALL_TALK = ['xin chao', 'chao', 'chao ban', 'hello', 'hi', 'hey', 'alo', 'cam on', 'thank you', 'ban la ai', 'ban ten gi', 'good morning', 'test'];
const WANTS_HUMAN = ['gap can bo', 'gap nguoi', 'noi chuyen voi nguoi', 'can bo tu van', 'nhan vien', 'talk to a person', 'human', 'goi dien', 'tong dai'];

/**
 * Topics the center does not handle (another authority) or that need a lawyer or a court.
 * Kept deliberately general; a procedure of the catalog that shares a word wins (see
 * `answerQuestion`), so "tranh chấp đất đai" still reaches the ward's land-dispute mediation.
 */
export const OUT_OF_SCOPE_TOPICS: readonly OutOfScopeTopic[] = [
  {
    id: 'divorce',
    phrases: ['ly hon', 'ly di', 'don phuong ly hon', 'divorce'],
    pointerVi: 'Việc ly hôn do Tòa án nhân dân giải quyết; bạn có thể hỏi Trung tâm trợ giúp pháp lý nhà nước hoặc luật sư.',
    pointerEn: 'Divorce is decided by the People’s Court; the state legal aid centre or a lawyer can advise you.',
    legal: true,
  },
  {
    id: 'legal-advice',
    phrases: ['chia tai san', 'ngoai tinh', 'bao luc gia dinh', 'kien duoc khong', 'co kien', 'quyen nuoi con', 'gianh quyen nuoi', 'khoi kien', 'kien ra toa', 'to cao', 'bi lua', 'lua dao', 'doi no', 'vay no', 'bi danh', 'tu van phap luat', 'tu van luat', 'luat su', 'boi thuong', 'tranh chap hop dong', 'tranh chap thua ke', 'lawsuit', 'lawyer', 'legal advice', 'sue'],
    pointerVi: 'Đây là việc cần tư vấn pháp luật hoặc giải quyết tranh chấp: bạn có thể liên hệ Trung tâm trợ giúp pháp lý nhà nước, luật sư, hoặc gặp cán bộ tư pháp của trung tâm để được hướng dẫn.',
    pointerEn: 'This needs legal advice or dispute resolution: contact the state legal aid centre, a lawyer, or ask the center’s justice officer.',
    legal: true,
  },
  {
    id: 'company',
    phrases: ['cong ty', 'doanh nghiep tu nhan', 'thanh lap doanh nghiep', 'tnhh', 'co phan', 'company'],
    pointerVi: 'Đăng ký doanh nghiệp (công ty) do cơ quan đăng ký kinh doanh cấp tỉnh giải quyết; trung tâm phường chỉ tiếp nhận đăng ký hộ kinh doanh.',
    pointerEn: 'Company registration is handled by the provincial business registration office; the ward center handles household businesses only.',
    legal: false,
  },
  {
    id: 'driving',
    phrases: ['bang lai', 'bang lai xe', 'giay phep lai xe', 'thi lai xe', 'dang ky xe', 'bien so xe', 'dang kiem', 'driving licence', 'driver license', 'driving license'],
    pointerVi: 'Giấy phép lái xe và đăng ký xe không do trung tâm phường giải quyết; bạn liên hệ cơ quan Công an (cảnh sát giao thông) theo hướng dẫn trên Cổng Dịch vụ công quốc gia.',
    pointerEn: 'Driving licences and vehicle registration are not handled by the ward center; contact the traffic police (Công an) as listed on the National Public Service Portal.',
    legal: false,
  },
  {
    id: 'passport',
    phrases: ['ho chieu', 'passport', 'visa', 'thi thuc', 'xuat canh'],
    pointerVi: 'Hộ chiếu và xuất nhập cảnh do cơ quan quản lý xuất nhập cảnh (Công an) giải quyết, không làm tại trung tâm phường.',
    pointerEn: 'Passports and immigration are handled by the immigration authority (Công an), not at the ward center.',
    legal: false,
  },
  {
    id: 'transport-business',
    phrases: ['kinh doanh van tai', 'van chuyen hang hoa', 'xe o to', 'xe tai', 'xe khach', 'phu hieu xe'],
    pointerVi: 'Giấy phép kinh doanh vận tải bằng xe ô tô do cơ quan cấp tỉnh cấp, không thuộc trung tâm phường.',
    pointerEn: 'Road transport business licences are issued at provincial level, not by the ward center.',
    legal: false,
  },
  {
    id: 'food-safety',
    phrases: ['an toan thuc pham', 've sinh an toan thuc pham', 'food safety'],
    pointerVi: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm do cơ quan chuyên ngành cấp huyện/tỉnh cấp, không thuộc trung tâm phường. Việc đăng ký hộ kinh doanh thì trung tâm có tiếp nhận.',
    pointerEn: 'Food-safety certificates are issued by the sector authority at district/provincial level, not by the ward center (household business registration is handled here).',
    legal: false,
  },
  {
    id: 'karaoke',
    phrases: ['karaoke', 'vu truong', 'quan bar', 'phong hat'],
    pointerVi: 'Giấy phép kinh doanh dịch vụ karaoke, vũ trường do cơ quan quản lý nhà nước về văn hóa cấp, không thuộc trung tâm phường.',
    pointerEn: 'Karaoke and dance-hall licences are issued by the culture authority, not by the ward center.',
    legal: false,
  },
  {
    id: 'unemployment',
    phrases: ['tro cap that nghiep', 'bao hiem that nghiep', 'that nghiep', 'bao hiem xa hoi', 'rut bao hiem', 'luong huu', 'thai san', 'om dau', 'unemployment'],
    pointerVi: 'Trợ cấp thất nghiệp và bảo hiểm xã hội do Trung tâm Dịch vụ việc làm và cơ quan Bảo hiểm xã hội giải quyết, không làm tại trung tâm phường.',
    pointerEn: 'Unemployment benefits and social insurance are handled by the Employment Service Centre and the Social Insurance agency, not at the ward center.',
    legal: false,
  },
  {
    id: 'education',
    phrases: ['thi tot nghiep', 'thi thpt', 'trung hoc pho thong', 'thi dai hoc', 'tuyen sinh', 'chuyen truong', 'diem thi', 'chung chi tin hoc', 'ung dung cong nghe thong tin', 'hoc bong', 'university', 'exam'],
    pointerVi: 'Thi cử, tuyển sinh và chuyển trường do nhà trường và ngành giáo dục giải quyết, không thuộc trung tâm phường.',
    pointerEn: 'Exams, admissions and school transfers are handled by schools and the education authority, not by the ward center.',
    legal: false,
  },
  {
    id: 'tax',
    phrases: ['thue thu nhap', 'ma so thue', 'quyet toan thue', 'hoan thue', 'nop thue', 'tax'],
    pointerVi: 'Thuế do cơ quan thuế giải quyết, không thuộc trung tâm phường.',
    pointerEn: 'Taxes are handled by the tax authority, not by the ward center.',
    legal: false,
  },
  {
    id: 'land-registry',
    phrases: ['van phong dang ky dat dai', 'sang ten so', 'sang ten nha', 'sang ten dat', 'dang ky bien dong', 'cap doi so', 'tach thua', 'hop thua'],
    pointerVi: 'Sang tên, đăng ký biến động, cấp đổi Giấy chứng nhận, tách/hợp thửa do Văn phòng đăng ký đất đai (chi nhánh) giải quyết; trung tâm phường tiếp nhận đăng ký đất đai lần đầu và đính chính Giấy chứng nhận.',
    pointerEn: 'Transfers, changes, renewals and splitting of land certificates are handled by the land registration office; the ward handles first registration and corrections.',
    legal: false,
  },
  {
    id: 'health-business',
    phrases: ['phong kham', 'nha thuoc', 'quay thuoc', 'hanh nghe y', 'hanh nghe duoc', 'chung chi hanh nghe', 'tiem vac xin', 'tiem chung'],
    pointerVi: 'Việc này thuộc ngành y tế (cơ sở y tế, Sở Y tế), không thuộc trung tâm phường.',
    pointerEn: 'This belongs to the health sector (health facilities, the provincial Health Department), not to the ward center.',
    legal: false,
  },
  {
    id: 'conditional-business',
    phrases: ['xang dau', 'kinh doanh ruou', 'ban ruou', 'thuoc la', 'xuat ban', 'in an', 'lu hanh', 'dich vu lu hanh', 'cam do'],
    pointerVi: 'Giấy phép cho ngành nghề kinh doanh có điều kiện này do cơ quan chuyên ngành cấp huyện/tỉnh cấp; trung tâm phường chỉ tiếp nhận đăng ký hộ kinh doanh.',
    pointerEn: 'Licences for this regulated business are issued by the sector authority at district or provincial level; the ward center handles household business registration only.',
    legal: false,
  },
  {
    id: 'labour-ip',
    phrases: ['giay phep lao dong', 'nhan hieu', 'ban quyen', 'so huu tri tue', 'sang che', 'xuat khau lao dong'],
    pointerVi: 'Việc này do cơ quan chuyên ngành cấp tỉnh hoặc trung ương giải quyết, không thuộc trung tâm phường.',
    pointerEn: 'This is handled by a provincial or national authority, not by the ward center.',
    legal: false,
  },
  {
    id: 'nationality-abroad',
    phrases: ['nhap quoc tich', 'thoi quoc tich', 'tro lai quoc tich', 'dai su quan', 'lanh su quan', 'co quan dai dien'],
    pointerVi: 'Quốc tịch và việc hộ tịch làm ở nước ngoài do Sở Tư pháp, Bộ Tư pháp hoặc cơ quan đại diện Việt Nam ở nước ngoài giải quyết, không thuộc trung tâm phường.',
    pointerEn: 'Nationality matters and civil status acts abroad are handled by the Department/Ministry of Justice or Vietnamese missions abroad, not by the ward center.',
    legal: false,
  },
  {
    id: 'criminal-record',
    phrases: ['ly lich tu phap', 'criminal record'],
    pointerVi: 'Phiếu lý lịch tư pháp không cấp tại trung tâm phường; bạn xem hướng dẫn trên Cổng Dịch vụ công quốc gia.',
    pointerEn: 'Criminal record certificates are not issued at the ward center; see the National Public Service Portal.',
    legal: false,
  },
];

function containsPhrase(folded: string, phrase: string): boolean {
  return ` ${folded} `.includes(` ${phrase} `);
}

/** Letters only Vietnamese uses (not é, á, ñ … which English text borrows in names). */
const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũ]/iu;
/** English words that are not also folded Vietnamese syllables ("can" = cần, "me" = mẹ, "do" = đó…). */
const ENGLISH_HINTS = /^(how|what|where|which|when|who|why|does|did|i|im|our|his|her|their|need|the|is|are|am|get|much|register|birth|marriage|married|certificate|card|documents|papers|fee|please|apply|for|and|want|of|take|would|should|could|there|this|that|with|from|year|old|son|daughter|business|household|shop|open|small|house|land|death|father|mother|wife|husband)$/;

function detectLanguage(text: string, folded: string): 'vi' | 'en' {
  // A Vietnamese letter decides it; otherwise count English function words.
  if (VIETNAMESE_LETTERS.test(text)) return 'vi';
  const words = folded.split(' ');
  const en = words.filter((w) => ENGLISH_HINTS.test(w)).length;
  return en >= 2 && en / words.length >= 0.2 ? 'en' : 'vi';
}

/** Removes every cue phrase (whole words) from folded text. */
function stripPhrases(folded: string, phrases: string[]): string {
  let s = ` ${folded} `;
  for (const p of [...phrases].sort((a, b) => b.length - a.length)) s = s.split(` ${p} `).join(' ');
  return s.trim().replace(/\s+/g, ' ');
}

export function understandQuestion(input: string): Understanding {
  const text = toNFC(input).trim();
  const codeMatch = DOSSIER_CODE.exec(text.toUpperCase());
  const raw = foldVietnamese(text);
  const language = detectLanguage(text, raw);
  // Teencode is Vietnamese chat; an English question has its topic words translated instead.
  const folded = language === 'en' ? translateEnglish(raw) : normaliseTeencode(raw);
  const rewritten = applyPhrases(folded);
  const aspects: Aspect[] = [];
  const cues: string[] = [];
  for (const [aspect, phrases] of ASPECT_CUES) {
    const hit = phrases.filter((p) => containsPhrase(folded, p));
    if (hit.length > 0) {
      aspects.push(aspect);
      cues.push(...hit);
    }
  }
  if (codeMatch && !aspects.includes('status')) aspects.unshift('status');
  // "đến đâu" is a status question when a dossier is named, a place question otherwise.
  const primary = aspects.filter((a) => !(a === 'where' && aspects.includes('status')));
  const topics = OUT_OF_SCOPE_TOPICS.filter((t) => t.phrases.some((p) => containsPhrase(folded, p)));
  const topic = topics[0] ?? null;
  const extra = language === 'en' ? EN_STOPWORDS : undefined;
  const content = contentWords(folded, cues, extra);
  const rewrittenCues = ASPECT_CUES.flatMap(([, phrases]) => phrases.filter((p) => containsPhrase(rewritten, p)));
  const rewrittenContent = contentWords(rewritten, rewrittenCues, extra);
  const smallTalk = content.length === 0 || (SMALL_TALK.some((p) => containsPhrase(folded, p)) && content.length <= 2);
  return {
    text,
    folded,
    rewritten,
    language,
    dossierCode: codeMatch?.[1] ?? null,
    aspects: primary.length > 0 ? primary : ['general'],
    topic,
    topics,
    smallTalk,
    wantsHuman: WANTS_HUMAN.some((p) => containsPhrase(folded, p)),
    content,
    rewrittenContent,
    ...restOf(text, language, topics, extra),
  };
}

/** Clause boundaries: punctuation and the conjunctions that start a new clause. */
const CLAUSE = /[,.;:?!()]+|\s(?:thì|mà|nhưng|còn|hay là|hoặc là|but)\s/iu;

function restOf(text: string, language: 'vi' | 'en', topics: OutOfScopeTopic[], extra: ReadonlySet<string> | undefined) {
  if (topics.length === 0) return { restContent: [], restRewrittenContent: [] };
  const clauses = text
    .split(CLAUSE)
    .map((c) => foldVietnamese(c))
    .map((c) => (language === 'en' ? translateEnglish(c) : normaliseTeencode(c)))
    .filter((c) => c !== '' && !topics.some((t) => t.phrases.some((p) => containsPhrase(c, p))));
  const folded = clauses.join(' ');
  const rewritten = applyPhrases(folded);
  const cuesOf = (f: string) => ASPECT_CUES.flatMap(([, phrases]) => phrases.filter((p) => containsPhrase(f, p)));
  return { restContent: contentWords(folded, cuesOf(folded), extra), restRewrittenContent: contentWords(rewritten, cuesOf(rewritten), extra) };
}

/** Phrases that every procedure shares ("hồ sơ", "nộp", "thủ tục"): no help in telling them apart. */
const GENERIC = ['ho so', 'nop', 'truc tiep', 'thu tuc hanh chinh', 'thu tuc', 'thuc hien', 'lam thu tuc', 'can lam gi', 'phai lam gi', 'lam gi', 'can lam', 'phai lam', 'lam nhu the nao', 'nhu the nao', 'lam the nao', 'the nao', 'lam sao', 'thi sao', 'ra sao', 'the sao', 'tai sao', 'vi sao'];

/** Content words of any folded text (a procedure name or alias), processed like a question. */
export function contentOf(folded: string): string[] {
  const cues = ASPECT_CUES.flatMap(([, phrases]) => phrases.filter((p) => containsPhrase(folded, p)));
  return contentWords(folded, cues);
}

function contentWords(folded: string, cues: string[], extraStopwords?: ReadonlySet<string>): string[] {
  const words = stripPhrases(stripPhrases(folded, cues), GENERIC).split(' ');
  const stop = (w: string) => STOPWORDS.has(w) || (extraStopwords?.has(w) ?? false);
  return words.filter((w, i) => w.length > 0 && (!stop(w) || PROTECTED.has(`${w} ${words[i + 1] ?? ''}`) || PROTECTED.has(`${words[i - 1] ?? ''} ${w}`)));
}
