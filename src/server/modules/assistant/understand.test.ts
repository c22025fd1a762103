import { describe, expect, it } from 'vitest';
import { applyPhrases, normaliseTeencode } from './synonyms.js';
import { understandQuestion } from './understand.js';

describe('reading a question', () => {
  it('rewrites teencode word by word, never inside a word', () => {
    expect(normaliseTeencode('ko co cmnd thi lam dc ko')).toBe('khong co can cuoc thi lam duoc khong');
    expect(normaliseTeencode('kho khan')).toBe('kho khan');
    expect(applyPhrases('xin giay doc than')).toBe('xin giay xac nhan tinh trang hon nhan');
  });

  it('reads the same question typed with accents, without, or decomposed', () => {
    const forms = ['Đăng ký khai sinh cần giấy tờ gì', 'dang ky khai sinh can giay to gi', 'Đăng ký khai sinh cần giấy tờ gì'.normalize('NFD')];
    const read = forms.map((q) => understandQuestion(q));
    for (const u of read) {
      expect(u.content).toEqual(['dang', 'ky', 'khai', 'sinh']);
      expect(u.aspects).toEqual(['documents']);
    }
  });

  it('recognises the aspect asked', () => {
    expect(understandQuestion('lệ phí chứng thực bao nhiêu tiền').aspects[0]).toBe('fee');
    expect(understandQuestion('đăng ký tạm trú mất mấy ngày').aspects[0]).toBe('time');
    expect(understandQuestion('nộp hồ sơ kết hôn ở quầy nào').aspects[0]).toBe('where');
    expect(understandQuestion('có nộp online được không').aspects).toContain('how');
    expect(understandQuestion('đăng ký giám hộ cần điều kiện gì').aspects[0]).toBe('conditions');
    expect(understandQuestion('khai tử xong nhận được gì').aspects[0]).toBe('result');
    expect(understandQuestion('đăng ký khai sinh').aspects).toEqual(['general']);
  });

  it('finds a dossier code and keeps "căn cước" although "cần" is a question word', () => {
    expect(understandQuestion('hồ sơ của tôi H29.100-261127-0001 đến đâu rồi').dossierCode).toBe('H29.100-261127-0001');
    expect(understandQuestion('làm căn cước cần gì').content).toEqual(['lam', 'can', 'cuoc']);
  });

  it('tells English from Vietnamese typed without accents', () => {
    expect(understandQuestion('What documents do I need to register a birth?').language).toBe('en');
    expect(understandQuestion('What documents do I need to register a birth?').content).toEqual(['dang', 'ky', 'khai', 'sinh']);
    expect(understandQuestion('dang ki ket hon can giay to j').language).toBe('vi');
  });

  it('names topics of other authorities and legal advice, and small talk', () => {
    expect(understandQuestion('tôi muốn ly hôn, chia tài sản thế nào').topic?.legal).toBe(true);
    expect(understandQuestion('làm bằng lái xe ở đâu').topic?.id).toBe('driving');
    expect(understandQuestion('xin chào').smallTalk).toBe(true);
  });
});
