/**
 * Mẫu số 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ (process control): travels with the
 * dossier; one row per hand-over between bodies, with the time, who gave and who received it,
 * the result and whether the step was early, on time or late. Rows are added by hand on paper,
 * so a few blank rows with the time template follow the recorded ones. Layout: docs/slips.md.
 */
import { startDossierSlip } from './dossier-slip.js';
import { field, paragraph } from './pdf-layout.js';
import type { Handover, ProcessControlSlip } from './slip-data.js';
import { drawTable, type Cell, type CellLine } from './table.js';
import { dateTimePhrase, timelinessLabel } from './vn-format.js';

export const PROCESS_CONTROL_TITLE = 'Phiếu kiểm soát quá trình giải quyết hồ sơ';
/** Rows printed at least (recorded hand-overs, then blank rows to fill by hand). */
const MIN_ROWS = 4;
const DOTS = '……';

function handoverRow(h: Handover): Cell[] {
  const people: CellLine[] = [];
  if (h.giver !== undefined) people.push({ text: `Người giao: ${h.giver}`, style: 'italic', align: 'left' });
  if (h.receiver !== undefined) people.push({ text: `Người nhận: ${h.receiver}`, style: 'italic', align: 'left' });
  const label = timelinessLabel(h.timeliness);
  const result: CellLine[] = [];
  if (label !== undefined) result.push({ text: label, style: 'bold' });
  if (h.result !== undefined) result.push({ text: h.result });
  const [time = '', date = ''] = dateTimePhrase(h.at).split(', ');
  return [[{ text: `1. Giao: ${h.from}` }, { text: `2. Nhận: ${h.to}` }], [{ text: `${time},` }, { text: date }, ...people], result, h.note ?? ''];
}

const blankRow = (): Cell[] => [
  [{ text: `1. Giao: ${DOTS}${DOTS}` }, { text: `2. Nhận: ${DOTS}${DOTS}` }],
  [{ text: `${DOTS} giờ ${DOTS} phút,` }, { text: `ngày ${DOTS} tháng ${DOTS} năm ${DOTS}` }, { text: 'Người giao: ', style: 'italic', align: 'left' }, { text: 'Người nhận: ', style: 'italic', align: 'left' }],
  '',
  '',
];

export async function renderProcessControlSlip(data: ProcessControlSlip): Promise<Buffer> {
  const { doc, finish } = startDossierSlip(data, { title: PROCESS_CONTROL_TITLE, form: 'Mẫu số 06', numbered: false });
  field(doc, 'Kèm theo hồ sơ của', data.applicant.name);
  field(doc, 'Nội dung yêu cầu giải quyết', data.procedure.name);
  paragraph(doc, [{ text: 'Thời gian nhận hồ sơ: ' }, { text: dateTimePhrase(data.receivedAt) }]);
  paragraph(doc, [{ text: 'Thời gian trả kết quả giải quyết hồ sơ: ' }, { text: dateTimePhrase(data.appointmentAt), style: 'bold' }]);
  paragraph(doc, [{ text: 'Cơ quan (bộ phận) giải quyết hồ sơ: ' }, { text: data.leadBody }]);
  if (data.cooperatingBodies.length > 0) paragraph(doc, [{ text: `Cơ quan phối hợp giải quyết hồ sơ: ${data.cooperatingBodies.join('; ')}` }]);
  doc.y += 4;
  const rows = data.handovers.map(handoverRow);
  while (rows.length < MIN_ROWS) rows.push(blankRow());
  drawTable(doc, {
    columns: [
      { header: 'TÊN CƠ QUAN', weight: 2.6 },
      { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', weight: 3.2, align: 'center' },
      { header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ\n(Trước hạn/ Đúng hạn/ Quá hạn)', weight: 2.2, align: 'center' },
      { header: 'GHI CHÚ', weight: 1.6, align: 'center' },
    ],
    rows,
  });
  return finish();
}
