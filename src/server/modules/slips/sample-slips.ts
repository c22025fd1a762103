/**
 * Sample data for every slip (a fictitious dossier at a fictitious ward center, "DEMO" agency
 * code): used by the tests, scripts/render-sample-slips.ts and bench/slips.ts, and as an example
 * of what the dossier module passes in.
 */
import { vietnamInstant } from '../calendar/working-calendar.js';
import type {
  Agency,
  ApologySlip,
  DocumentItem,
  Person,
  ProcessControlSlip,
  ReceiptSlip,
  RefusalSlip,
  RegisterData,
  RegisterEntry,
  StopNoticeSlip,
  SupplementRequestSlip,
} from './slip-data.js';

/** The Vietnamese wall-clock instant 'YYYY-MM-DD' 'HH:mm'. */
export const vnTime = (date: string, time: string): Date => {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return vietnamInstant(date, h * 60 + m);
};

export const SAMPLE_AGENCY: Agency = {
  superior: 'UBND phường Hòa Hưng',
  name: 'Trung tâm Phục vụ hành chính công',
  fullName: 'Trung tâm Phục vụ hành chính công phường Hòa Hưng',
  place: 'Hòa Hưng',
  phone: '028 3800 0000',
  website: 'dichvucong.gov.vn',
};

export const SAMPLE_CODE = 'H29.DEMO.HH-261127-0001';
const LOOKUP_URL = `https://motcua.example.vn/tra-cuu/${SAMPLE_CODE}`;

export const SAMPLE_APPLICANT: Person = {
  name: 'Nguyễn Thị Hồng Nhung',
  honorific: 'Bà',
  address: 'Số 12 đường Tô Hiến Thành, khu phố 3, phường Hòa Hưng, Thành phố Hồ Chí Minh',
  phone: '0909 123 456',
  email: 'hongnhung@example.vn',
  idNumber: '079186001234',
};

/** Long enough to wrap over several lines of the table's name column. */
export const LONG_DOCUMENT_NAME =
  'Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh; ' +
  'trường hợp người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền ' +
  'thì văn bản ủy quyền không phải chứng thực';

const PROCEDURE = {
  name: 'Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
  code: '1.001193',
};

const DOCUMENTS: DocumentItem[] = [
  { name: 'Tờ khai đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế (theo mẫu)', originals: 1, certifiedCopies: 0, photocopies: 0 },
  { name: 'Giấy chứng sinh', originals: 1, certifiedCopies: 0, photocopies: 0 },
  { name: LONG_DOCUMENT_NAME, originals: 0, certifiedCopies: 1, photocopies: 0 },
  { name: 'Giấy tờ chứng minh nơi cư trú của cha, mẹ (trường hợp chưa có trong Cơ sở dữ liệu quốc gia về dân cư)', originals: 0, certifiedCopies: 0, photocopies: 1 },
];

const RECEIVED = vnTime('2026-11-27', '09:30');
const APPOINTMENT = vnTime('2026-12-02', '16:00');
const common = { agency: SAMPLE_AGENCY, dossierCode: SAMPLE_CODE, lookupUrl: LOOKUP_URL, procedure: PROCEDURE };

export const SAMPLE_RECEIPT: ReceiptSlip = {
  kind: 'receipt',
  ...common,
  number: '125/GTN-TTPVHCC',
  issuedAt: RECEIVED,
  applicant: SAMPLE_APPLICANT,
  documents: DOCUMENTS,
  setCount: 1,
  processingTime: '03 ngày làm việc',
  receivedAt: RECEIVED,
  appointmentAt: APPOINTMENT,
  resultPlace: 'Trung tâm Phục vụ hành chính công phường Hòa Hưng (quầy số 3)',
  fee: 'Miễn lệ phí',
  registerEntry: { book: '02', entry: '1.254' },
  receiver: { name: 'Trần Minh Khoa' },
};

export const SAMPLE_SUPPLEMENT: SupplementRequestSlip = {
  kind: 'supplement-request',
  ...common,
  number: '18/HDHS-TTPVHCC',
  issuedAt: RECEIVED,
  applicant: SAMPLE_APPLICANT,
  receivedAt: RECEIVED,
  items: [
    { name: 'Giấy chứng sinh', originals: 1, certifiedCopies: 0, photocopies: 0, note: 'Nộp bản chính; bản đã nộp là bản chụp.' },
    { name: LONG_DOCUMENT_NAME, originals: 0, certifiedCopies: 1, photocopies: 0, note: 'Bổ sung chữ ký của người ủy quyền.' },
  ],
  reason: 'Giấy chứng sinh nộp kèm là bản chụp không có chứng thực; văn bản ủy quyền thiếu chữ ký của người ủy quyền.',
  contact: { name: 'Trần Minh Khoa', phone: '028 3800 0000 (máy lẻ 103)' },
  guide: { name: 'Trần Minh Khoa' },
};

export const SAMPLE_REFUSAL: RefusalSlip = {
  kind: 'refusal',
  ...common,
  number: '07/TCHS-TTPVHCC',
  issuedAt: RECEIVED,
  applicant: SAMPLE_APPLICANT,
  receivedAt: RECEIVED,
  reasons: [
    'Trẻ đã được đăng ký khai sinh tại Ủy ban nhân dân xã Tân Phú ngày 03/11/2026 (trùng đăng ký).',
    'Yêu cầu thuộc thẩm quyền giải quyết của cơ quan đã đăng ký khai sinh (cấp bản sao trích lục).',
  ],
  contact: { name: 'Trần Minh Khoa', phone: '028 3800 0000 (máy lẻ 103)' },
  receiver: { name: 'Trần Minh Khoa' },
};

const letter = {
  recipients: ['Như trên;', 'UBND phường Hòa Hưng (để báo cáo);', 'Lưu: VT, TTPVHCC.'],
  signer: { title: 'Giám đốc', name: 'Lê Thị Thanh Hương' },
};

export const SAMPLE_APOLOGY: ApologySlip = {
  kind: 'apology',
  ...common,
  ...letter,
  number: '03/TTPVHCC-XL',
  issuedAt: vnTime('2026-12-01', '15:00'),
  applicant: SAMPLE_APPLICANT,
  receivedAt: RECEIVED,
  processingTime: '03 ngày làm việc',
  appointmentAt: APPOINTMENT,
  processingBody: 'Công an phường Hòa Hưng',
  reason: 'Hệ thống đăng ký cư trú gián đoạn kết nối với Cơ sở dữ liệu quốc gia về dân cư từ ngày 30/11/2026.',
  newAppointmentAt: vnTime('2026-12-04', '16:00'),
  resultPlace: 'Trung tâm Phục vụ hành chính công phường Hòa Hưng (quầy số 3)',
};

export const SAMPLE_STOP_NOTICE: StopNoticeSlip = {
  kind: 'stop-notice',
  ...common,
  ...letter,
  number: '02/TB-TTPVHCC',
  issuedAt: vnTime('2026-11-30', '10:15'),
  applicant: SAMPLE_APPLICANT,
  receivedAt: RECEIVED,
  requestedAt: vnTime('2026-11-30', '09:40'),
  requestReason: 'Gia đình chuyển nơi cư trú, sẽ nộp hồ sơ tại nơi cư trú mới.',
  stoppedAt: vnTime('2026-11-30', '10:15'),
  returnedDocuments: [
    { name: 'Giấy chứng sinh', originals: 1, certifiedCopies: 0, photocopies: 0 },
    { name: LONG_DOCUMENT_NAME, originals: 0, certifiedCopies: 1, photocopies: 0 },
  ],
  feeNote: 'Thủ tục được miễn lệ phí; không có khoản phải hoàn trả.',
};

export const SAMPLE_PROCESS_CONTROL: ProcessControlSlip = {
  kind: 'process-control',
  ...common,
  issuedAt: RECEIVED,
  applicant: SAMPLE_APPLICANT,
  receivedAt: RECEIVED,
  appointmentAt: APPOINTMENT,
  leadBody: 'Phòng Văn hóa - Xã hội phường Hòa Hưng',
  cooperatingBodies: ['Công an phường Hòa Hưng', 'Bảo hiểm xã hội cơ sở'],
  handovers: [
    { from: 'Trung tâm Phục vụ hành chính công', to: 'Phòng Văn hóa - Xã hội', at: vnTime('2026-11-27', '10:05'), giver: 'Trần Minh Khoa', receiver: 'Phạm Thu Trang', timeliness: 'on-time', result: 'Đã chuyển hồ sơ điện tử và bản giấy', note: 'Tiếp nhận trực tiếp' },
    { from: 'Phòng Văn hóa - Xã hội', to: 'Công an phường Hòa Hưng', at: vnTime('2026-11-27', '15:20'), giver: 'Phạm Thu Trang', receiver: 'Đỗ Quang Huy', timeliness: 'early', result: 'Đã đăng ký khai sinh, chuyển đăng ký thường trú' },
    { from: 'Công an phường Hòa Hưng', to: 'Bảo hiểm xã hội cơ sở', at: vnTime('2026-12-01', '08:45'), giver: 'Đỗ Quang Huy', receiver: 'Vũ Hoài An', timeliness: 'late', result: 'Đã đăng ký thường trú', note: 'Chậm do gián đoạn kết nối' },
    { from: 'Bảo hiểm xã hội cơ sở', to: 'Trung tâm Phục vụ hành chính công', at: vnTime('2026-12-03', '14:10'), giver: 'Vũ Hoài An', receiver: 'Trần Minh Khoa', timeliness: 'on-time', result: 'Đã cấp thẻ bảo hiểm y tế' },
  ],
};

const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN_NAMES = ['Thị Hồng Nhung', 'Văn Đức', 'Minh Khôi', 'Thị Ánh Tuyết', 'Quốc Bảo', 'Ngọc Hân', 'Hữu Phước', 'Thùy Dương'];
const PROCEDURES = [
  'Đăng ký khai sinh',
  'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
  'Đăng ký kết hôn',
  'Xác nhận thông tin về cư trú',
  'Đăng ký thành lập hộ kinh doanh',
  'Cấp bản sao trích lục hộ tịch',
];

/** Working days (Monday–Friday) of November 2026 from the 2nd. */
const NOVEMBER_WORKDAYS = Array.from({ length: 29 }, (_, i) => `2026-11-${String(i + 2).padStart(2, '0')}`).filter((d) => {
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
});
const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** `count` register entries, deterministic: 8 a working day from 02/11/2026, results two days later. */
export function sampleRegisterEntries(count: number): RegisterEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const dayIndex = Math.floor(i / 8) % NOVEMBER_WORKDAYS.length;
    const day = at(NOVEMBER_WORKDAYS, dayIndex);
    const dueDay = at(NOVEMBER_WORKDAYS, Math.min(dayIndex + 2, NOVEMBER_WORKDAYS.length - 1));
    const slot = i % 8;
    const received = vnTime(day, `${String(7 + slot + (slot >= 4 ? 2 : 0)).padStart(2, '0')}:${slot % 2 ? '45' : '15'}`);
    const status = i % 4; // 0–1 returned, 2 result back at the center, 3 still at the processing body
    return {
      dossierCode: `H29.DEMO.HH-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(slot + 1).padStart(4, '0')}`,
      procedureName: at(PROCEDURES, i),
      setCount: i % 7 === 0 ? 2 : 1,
      applicantName: `${at(FAMILY_NAMES, i)} ${at(GIVEN_NAMES, i * 5)}`,
      address: `Số ${10 + i} đường Tô Hiến Thành, phường Hòa Hưng`,
      phone: `0909 ${String(100 + ((i * 37) % 900))} ${String(100 + i).slice(-3)}`,
      leadBody: i % 3 === 0 ? 'Phòng Văn hóa - Xã hội' : 'Trung tâm Phục vụ hành chính công',
      receivedAt: received,
      appointmentAt: vnTime(dueDay, '16:00'),
      ...(status <= 2 ? { transferredAt: new Date(received.getTime() + 40 * 60_000), resultReceivedAt: vnTime(dueDay, '10:30') } : {}),
      ...(status <= 1 ? { returnedAt: vnTime(dueDay, '14:20') } : {}),
      ...(i % 9 === 4 ? { note: 'Quá hạn 01 ngày; đã có văn bản xin lỗi' } : {}),
    };
  });
}

export function sampleRegister(count = 120): RegisterData {
  return {
    kind: 'register',
    agency: SAMPLE_AGENCY,
    issuedAt: vnTime('2026-11-30', '17:00'),
    from: vnTime('2026-11-01', '00:00'),
    to: vnTime('2026-11-30', '23:59'),
    book: '02',
    entries: sampleRegisterEntries(count),
  };
}
