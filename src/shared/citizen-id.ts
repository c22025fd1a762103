/**
 * The 12-digit personal identification number (số định danh cá nhân, printed on the CCCD card).
 * Structure (Nghị định 137/2015/NĐ-CP Art. 7; Thông tư 07/2016/TT-BCA, amended by 59/2021/TT-BCA):
 * 3 digits: province/city where the birth was registered (codes of the 63 pre-2025 provinces; the
 * 2025 mergers did not renumber existing cards); 1 digit: sex and century of birth (0/1 = male /
 * female born 1900–1999, 2/3 = 2000–2099, 4/5 = 2100–2199, …); 2 digits: last two digits of the
 * birth year; 6 random digits. There is no check digit, so a number can only be checked for
 * shape, province and consistency with the birth date.
 */
const PROVINCES = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025', '026',
  '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048', '049', '051',
  '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075', '077', '079', '080',
  '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
]);

export type CitizenIdProblem = 'format' | 'province' | 'birth_year';

/** Checks a personal identification number, and that it agrees with the birth date when one is given ('YYYY-MM-DD'). */
export function checkCitizenId(id: string, birthDate?: string | null): CitizenIdProblem | null {
  if (!/^\d{12}$/.test(id)) return 'format';
  if (!PROVINCES.has(id.slice(0, 3))) return 'province';
  if (birthDate) {
    const year = Number(birthDate.slice(0, 4));
    const centuryDigit = Number(id[3]);
    const century = 1900 + Math.floor(centuryDigit / 2) * 100;
    const idYear = century + Number(id.slice(4, 6));
    if (idYear !== year) return 'birth_year';
  }
  return null;
}

export const CITIZEN_ID_MESSAGES_VI: Record<CitizenIdProblem, string> = {
  format: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
  province: 'Ba chữ số đầu của số định danh không phải mã tỉnh, thành phố hợp lệ.',
  birth_year: 'Số định danh không khớp với năm sinh (chữ số thứ 4 đến 6 mã hóa thế kỷ và năm sinh).',
};
