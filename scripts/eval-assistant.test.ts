import { describe, expect, it } from 'vitest';
import { checkAskedFact, checkStatedFacts } from './eval-assistant-facts.js';
import { externalQuestions, rng, stripDiacritics, withTypos } from './eval-assistant.js';

const catalog = [
  { code: '1.000894', name: 'Thủ tục đăng ký kết hôn' },
  { code: '2.001263', name: 'Đăng ký việc nuôi con nuôi trong nước' },
];

describe('assistant evaluation harness', () => {
  it('derives the external gold from the procedure named after "thủ tục hành chính"', () => {
    const qs = externalQuestions(
      [
        { question: 'Mang theo giấy tờ gì để đăng ký kết hôn', context: ['Cần các hồ sơ sau đây làm thủ tục hành chính Thủ tục đăng ký kết hôn và nộp tại địa điểm nơi sau'] },
        { question: 'nhận nuôi con', context: ['Cần làm theo trình tự các bước sau để thực hiện thủ tục hành chính Đăng ký việc nuôi con nuôi trong nước'] },
        { question: 'karaoke', context: ['Có những cách thức thực hiện sau để làm thủ tục hành chính Thủ tục cấp Giấy phép kinh doanh dịch vụ karaoke'] },
      ],
      catalog,
    );
    expect(qs.map((q) => [q.gold, q.aspect, q.outOfScope])).toEqual([
      [['1.000894'], 'documents', false],
      [['2.001263'], 'general', false],
      [[], 'how', true],
    ]);
  });

  it('makes the same variants in every run: accents stripped with spaces kept, seeded typos', () => {
    expect(stripDiacritics('Đăng ký  kết hôn?')).toBe('Dang ky  ket hon?');
    const q = 'Tôi muốn đăng ký khai sinh cho con thì cần giấy tờ gì';
    expect(withTypos(q, rng(7))).toBe(withTypos(q, rng(7)));
    expect(withTypos(q, rng(7))).not.toBe(q);
  });

  it('reads fee, time and documents back from an answer and compares them with the catalog', () => {
    const gold = { fee: ['Trực tiếp: 8,000 VNĐ'], feeFree: false, workingDays: 3, sameDay: false, documents: ['Tờ khai (Mẫu 01)', 'Giấy tờ tùy thân'] };
    const answer = ['Thủ tục: X (mã 1.000001, lĩnh vực Hộ tịch).', 'Giấy tờ cần nộp/xuất trình:', '- Tờ khai (Mẫu 01) (1 bản chính)', '- Giấy tờ tùy thân (1 bản chính)', 'Lệ phí: Trực tiếp: 8,000 VNĐ.', 'Thời hạn giải quyết: 3 ngày làm việc.'].join('\n');
    expect(checkAskedFact(answer, 'documents', gold)).toBe(true);
    expect(checkAskedFact(answer, 'general', gold)).toBe(true);
    expect(checkStatedFacts(answer, gold)).toBe(true);
    expect(checkAskedFact(answer.replace('8,000', '10,000'), 'fee', gold)).toBe(false);
    expect(checkAskedFact(answer.replace('3 ngày', '5 ngày'), 'time', gold)).toBe(false);
    expect(checkAskedFact(answer.replace('- Giấy tờ tùy thân (1 bản chính)\n', ''), 'documents', gold)).toBe(false);
    expect(checkStatedFacts('Nơi nộp: quầy 1.', gold)).toBeNull();
  });
});
