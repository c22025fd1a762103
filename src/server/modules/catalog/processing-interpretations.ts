/**
 * Processing times that the portal's time column does not give (or gives without a unit), read
 * from the law or from the record's own steps. Each entry cites its source so a reviewer can
 * check it; a center adjusts them to its provincial decision (quyết định công bố) if it differs.
 *
 * Sources read for this table (2026): Nghị định 23/2015/NĐ-CP on chứng thực (Art. 7, 17, 20, 21,
 * 33, 37, 38, 39, 40; Art. 40 as amended by Nghị định 07/2025/NĐ-CP) and Thông tư 01/2020/TT-BTP
 * (Art. 23); Luật Hộ tịch 60/2014/QH13 (Art. 5, 16, 18, 20, 22, 25, 28, 29, 34); Luật Nuôi con
 * nuôi 52/2010/QH12 (Art. 19) — all from the codified law (Bộ pháp điển) text.
 */
import type { ProcessingBasis } from './derived-schema.js';

export interface ProcessingInterpretation {
  /** Fill-in value when the portal's column is empty or unit-less; absent = annotate only. */
  workingDays?: number;
  calendarDays?: number;
  basis?: ProcessingBasis;
  /** Apply the fill-in value even though the portal states one (the record's text adds a case). */
  overridesStated?: boolean;
  /** Result due the day of receipt (next working day if received after 15:00). */
  sameDay?: boolean;
  /** The 15:00 rule comes from the cited law (the record does not state it). */
  after15hByLaw?: boolean;
  citations: string[];
  note: string;
}

const ND23_ART7 =
  'Nghị định 23/2015/NĐ-CP, Điều 7: thời hạn chứng thực ngay trong ngày tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ (trừ Điều 21, 33, 37)';
const ND23_ART21 =
  'Nghị định 23/2015/NĐ-CP, Điều 21: yêu cầu số lượng lớn, nhiều trang, nội dung phức tạp thì được kéo dài thêm không quá 02 ngày làm việc hoặc dài hơn theo thỏa thuận bằng văn bản';
const ND23_ART33 =
  'Nghị định 23/2015/NĐ-CP, Điều 33: thời hạn chứng thực chữ ký người dịch theo Điều 7 hoặc dài hơn theo thỏa thuận bằng văn bản';
const ND23_ART37 =
  'Nghị định 23/2015/NĐ-CP, Điều 37: thời hạn chứng thực hợp đồng, giao dịch không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ, hoặc dài hơn theo thỏa thuận bằng văn bản';
const HT_ART5 =
  'Luật Hộ tịch 60/2014/QH13, Điều 5 khoản 3: việc hộ tịch mà Luật không quy định thời hạn thì giải quyết ngay trong ngày; nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo';

const sameDayCertification = (extra: string[], note: string): ProcessingInterpretation => ({
  workingDays: 1,
  basis: 'legal-default',
  sameDay: true,
  after15hByLaw: true,
  citations: [ND23_ART7, ...extra],
  note,
});

const contractCertification = (extra: string[], note: string): ProcessingInterpretation => ({
  workingDays: 2,
  basis: 'legal-default',
  citations: [ND23_ART37, ...extra],
  note,
});

const stepsQuote = (quote: string): string => `Trình tự thực hiện (bản ghi): "${quote}"`;

export const PROCESSING_INTERPRETATIONS: Readonly<Record<string, ProcessingInterpretation>> = {
  // Chứng thực — the portal shows "Không có thông tin"; the decree sets the limits.
  '2.000815': sameDayCertification(
    [ND23_ART21],
    'Chứng thực bản sao từ bản chính: trong ngày (sau 15 giờ thì ngày làm việc tiếp theo); số lượng lớn có thể kéo dài thêm tối đa 02 ngày làm việc theo Điều 21.',
  ),
  '2.000884': sameDayCertification([], 'Chứng thực chữ ký: quy tắc chung của Điều 7.'),
  '2.000992': sameDayCertification([ND23_ART33], 'Chứng thực chữ ký người dịch: Điều 33 dẫn về Điều 7.'),
  '2.001008': sameDayCertification([ND23_ART33], 'Chứng thực chữ ký người dịch: Điều 33 dẫn về Điều 7.'),
  '2.000942': sameDayCertification(
    [
      'Nghị định 23/2015/NĐ-CP, Điều 40 khoản 3 (sửa đổi bởi Nghị định 07/2025/NĐ-CP): cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch thực hiện theo khoản 2, 3 Điều 20 (thủ tục chứng thực bản sao)',
    ],
    'Cấp bản sao có chứng thực từ bản chính giao dịch: theo thủ tục chứng thực bản sao, nên áp dụng thời hạn chung của Điều 7.',
  ),
  '2.000927': sameDayCertification(
    ['Nghị định 23/2015/NĐ-CP, Điều 39: sửa lỗi sai sót trong hợp đồng, giao dịch đã được chứng thực (không quy định thời hạn riêng)'],
    'Diễn giải: Điều 39 không có thời hạn riêng và không thuộc các ngoại lệ của Điều 7, nên áp dụng thời hạn chung trong ngày. Cần đối chiếu quyết định công bố của tỉnh.',
  ),
  '2.000908': {
    sameDay: true,
    after15hByLaw: true,
    citations: ['Nghị định 23/2015/NĐ-CP, Điều 17 khoản 4: thời hạn cấp bản sao từ sổ gốc theo Điều 7', ND23_ART7],
    note: 'Cổng ghi 1 ngày làm việc; Nghị định 23/2015 cho thấy đó là trả trong ngày (sau 15 giờ thì ngày làm việc tiếp theo).',
  },
  '2.001035': contractCertification([], 'Chứng thực hợp đồng, giao dịch về động sản, quyền sử dụng đất, nhà ở.'),
  '2.001019': contractCertification(
    [],
    'Diễn giải: di chúc được chứng thực theo thủ tục chứng thực hợp đồng, giao dịch (Chương IV Nghị định 23/2015), nên áp dụng Điều 37.',
  ),
  '2.001406': contractCertification([], 'Văn bản phân chia di sản là giao dịch chứng thực theo Chương IV Nghị định 23/2015.'),
  '2.001016': contractCertification([], 'Văn bản từ chối nhận di sản là giao dịch chứng thực theo Chương IV Nghị định 23/2015.'),
  '2.000913': contractCertification(
    [
      'Thông tư 01/2020/TT-BTP, Điều 23 khoản 3: thủ tục chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch thực hiện theo khoản 2–5 Điều 36 Nghị định 23/2015 (thủ tục chứng thực hợp đồng)',
    ],
    'Diễn giải: việc sửa đổi, bổ sung, hủy bỏ giao dịch đi theo thủ tục chứng thực hợp đồng, nên áp dụng thời hạn Điều 37.',
  ),

  // Stated on the portal, but the record's row description adds a longer case.
  '1.002693': {
    workingDays: 20,
    basis: 'case-dependent',
    overridesStated: true,
    citations: [
      'Mô tả trong bản ghi (cột phí, lệ phí): "20 ngày làm việc đối với trường hợp đề chặt hạ, dịch chuyển có cây xanh thuộc danh mục cây xanh cần bảo tồn"',
    ],
    note: 'Cổng ghi 10 ngày làm việc; mô tả trong bản ghi ghi 20 ngày làm việc với cây xanh thuộc danh mục cần bảo tồn. workingDays là thời hạn dài hơn.',
  },

  // Hộ tịch with no value on the portal.
  '2.002516': {
    workingDays: 1,
    basis: 'legal-default',
    sameDay: true,
    after15hByLaw: true,
    citations: [HT_ART5],
    note: 'Cổng không ghi thời hạn; áp dụng quy tắc chung của Luật Hộ tịch (giải quyết trong ngày). Cần đối chiếu quyết định công bố của tỉnh.',
  },

  // Nuôi con nuôi — no value on the portal.
  '2.001263': {
    calendarDays: 30,
    basis: 'legal-default',
    citations: [
      'Luật Nuôi con nuôi 52/2010/QH12, Điều 19 khoản 2: thời hạn giải quyết việc nuôi con nuôi là 30 ngày, kể từ ngày Ủy ban nhân dân cấp xã nhận đủ hồ sơ hợp lệ',
    ],
    note: 'Luật ghi "30 ngày", không nói là ngày làm việc, nên tính là ngày theo lịch.',
  },

  // Hộ kinh doanh — the portal shows "1" without a unit (or nothing); the steps state the limits.
  '1.001612': {
    workingDays: 3,
    basis: 'steps-working-days',
    citations: [
      stepsQuote(
        'Cơ quan đăng ký kinh doanh cấp xã cấp Giấy chứng nhận đăng ký hộ kinh doanh … trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ.',
      ),
    ],
    note: 'Cổng không ghi thời hạn; lấy từ trình tự thực hiện.',
  },
  '2.000720': {
    workingDays: 3,
    basis: 'steps-working-days',
    citations: [
      stepsQuote(
        'Trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ, Cơ quan đăng ký kinh doanh cấp xã xem xét tính hợp lệ của hồ sơ và cập nhật thông tin thay đổi',
      ),
    ],
    note: 'Cổng ghi "1" không có đơn vị, khác với trình tự (03 ngày làm việc); dùng thời hạn dài hơn trong trình tự.',
  },
  '1.001570': {
    workingDays: 1,
    basis: 'unitless-confirmed-by-steps',
    citations: [
      stepsQuote(
        'Trong thời hạn 01 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ, Cơ quan đăng ký kinh doanh cấp xã cấp giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh',
      ),
    ],
    note: 'Cổng ghi "1" không có đơn vị; trình tự xác nhận là 01 ngày làm việc.',
  },
  '1.001266': {
    workingDays: 5,
    basis: 'steps-working-days',
    citations: [
      stepsQuote(
        'Trong thời hạn 05 ngày làm việc kể từ ngày nhận hồ sơ đăng ký chấm dứt hoạt động của hộ kinh doanh, Cơ quan đăng ký kinh doanh cấp xã chuyển tình trạng pháp lý … sang tình trạng đã chấm dứt hoạt động',
      ),
    ],
    note: 'Cổng ghi "1" không có đơn vị; trình tự cho cơ quan đăng ký 05 ngày làm việc (chờ ý kiến cơ quan thuế trong 02 ngày làm việc).',
  },
  '2.000575': {
    workingDays: 3,
    basis: 'case-dependent',
    citations: [
      stepsQuote('xem xét cấp lại Giấy chứng nhận đăng ký hộ kinh doanh trong thời hạn 01 ngày làm việc kể từ ngày nhận được văn bản đề nghị'),
      stepsQuote('xem xét cấp Giấy chứng nhận đăng ký hộ kinh doanh trong thời hạn 03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ'),
    ],
    note: 'Cổng ghi "1" không có đơn vị. Cấp lại: 01 ngày làm việc; cấp đổi sang Giấy chứng nhận mới: 03 ngày làm việc. workingDays là thời hạn dài hơn.',
  },
  '1.014034': {
    workingDays: 3,
    basis: 'case-dependent',
    citations: [
      stepsQuote('Trong thời hạn 01 ngày làm việc kể từ ngày nhận được hồ sơ, Cơ quan đăng ký kinh doanh cấp xã xem xét tính hợp lệ của hồ sơ và cập nhật thông tin'),
      stepsQuote('Trong thời hạn 03 ngày làm việc kể từ ngày tiếp nhận hồ sơ của hộ kinh doanh, Cơ quan đăng ký kinh doanh cấp xã có trách nhiệm bổ sung, hiệu đính thông tin'),
    ],
    note: 'Cổng ghi "1" không có đơn vị. Cập nhật, bổ sung thông tin: 01 ngày làm việc; hiệu đính hoặc cấp Giấy chứng nhận: 03 ngày làm việc. workingDays là thời hạn dài hơn.',
  },
};

/** Law articles on hộ tịch time limits, by procedure code (cited beside the unit-less portal value). */
export const CIVIL_STATUS_ARTICLES: Readonly<Record<string, string>> = {
  '1.001193': 'Luật Hộ tịch 60/2014/QH13, Điều 16 khoản 2: ngay sau khi nhận đủ giấy tờ … ghi nội dung khai sinh vào Sổ hộ tịch',
  '1.000656': 'Luật Hộ tịch 60/2014/QH13, Điều 34 khoản 2: ngay sau khi nhận giấy tờ … ghi nội dung khai tử vào Sổ hộ tịch',
  '1.000894': 'Luật Hộ tịch 60/2014/QH13, Điều 18 khoản 2: ngay sau khi nhận đủ giấy tờ …; trường hợp cần xác minh thì không quá 05 ngày làm việc',
  '1.001022': 'Luật Hộ tịch 60/2014/QH13, Điều 25 khoản 2: trong thời hạn 03 ngày làm việc …; cần xác minh thì kéo dài thêm không quá 05 ngày làm việc',
  '1.000689': 'Luật Hộ tịch 60/2014/QH13, Điều 25 khoản 2: đăng ký nhận cha, mẹ, con trong thời hạn 03 ngày làm việc',
  '1.004859':
    'Luật Hộ tịch 60/2014/QH13, Điều 28 khoản 2 (thay đổi, cải chính: 03 ngày làm việc, xác minh thêm không quá 03 ngày làm việc) và Điều 29 khoản 2 (bổ sung hộ tịch: ngay sau khi nhận đủ giấy tờ)',
  '1.004837': 'Luật Hộ tịch 60/2014/QH13, Điều 20 khoản 2: trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ giấy tờ',
  '1.004845': 'Luật Hộ tịch 60/2014/QH13, Điều 22 khoản 2: trong thời hạn 02 ngày làm việc kể từ ngày nhận đủ giấy tờ',
};

export const CIVIL_STATUS_GENERAL = HT_ART5;
