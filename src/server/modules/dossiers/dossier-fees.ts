import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import { buildVietQrPayload, normaliseVietQrPurpose, vietQrSvg } from '../payments/vietqr.js';
import type { StaffCtx } from './process-dossier.js';
import { recordDossierEvent } from './dossier-events.js';

/** Statuses in which nothing more is charged: the dossier left the center without a result. */
const CLOSED = ['refused', 'withdrawn', 'stopped'];

async function paidVnd(trx: Executor, dossierId: string): Promise<number> {
  const row = await trx.selectFrom('dossier_payments').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount_vnd'), sql<string>`0`).as('total')).where('dossier_id', '=', dossierId).executeTakeFirst();
  return Number(row?.total ?? 0);
}

function paymentStatusOf(fee: number, paid: number): 'not_required' | 'unpaid' | 'paid' {
  if (fee === 0) return 'not_required';
  return paid >= fee ? 'paid' : 'unpaid';
}

/**
 * Changes the fee of a dossier (an exemption, a reduction, the catalog's fee for another case):
 * a reason is required and kept; the event and the audit row carry the old and new amounts.
 * A fee already paid in full cannot change.
 */
export async function adjustFee(db: Db, ctx: StaffCtx, dossierId: string, input: { feeVnd: number; reason: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('dossiers').select(['status', 'fee_vnd', 'payment_status']).where('center_id', '=', ctx.centerId).where('id', '=', dossierId).forUpdate().executeTakeFirst();
    if (!d) throw new AppError('DOSSIER_NOT_FOUND');
    if (CLOSED.includes(d.status) || d.status === 'returned') throw new AppError('DOSSIER_STATE_CONFLICT');
    if (d.payment_status === 'paid') throw new AppError('DOSSIER_FEE_PAID');
    const paid = await paidVnd(trx, dossierId);
    if (input.feeVnd < paid) throw new AppError('VALIDATION_FAILED', { detail: `Mức phí mới không được thấp hơn số tiền đã thu (${paid.toLocaleString('vi-VN')} đồng).` });
    const reason = input.reason.trim().normalize('NFC');
    await trx
      .updateTable('dossiers')
      .set({ fee_vnd: input.feeVnd, fee_reason: reason, payment_status: paymentStatusOf(input.feeVnd, paid), updated_at: new Date() })
      .where('id', '=', dossierId)
      .execute();
    await recordDossierEvent(trx, ctx, { dossierId, action: 'fee_change', from: d.status, to: d.status, comment: reason, data: { from: d.fee_vnd, to: input.feeVnd } });
    await recordAudit(trx, ctx, { action: 'dossier.fee_change', targetType: 'dossier', targetId: dossierId, before: { feeVnd: d.fee_vnd }, after: { feeVnd: input.feeVnd, reason } });
  });
}

/** The next receipt number of the center for the year: BL-2026-000001, gapless under concurrency. */
async function nextReceiptNumber(trx: Executor, centerId: string, year: number): Promise<string> {
  const row = await trx
    .insertInto('payment_sequences')
    .values({ center_id: centerId, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['center_id', 'year']).doUpdateSet((eb) => ({ last_number: eb('payment_sequences.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `BL-${year}-${String(row.last_number).padStart(6, '0')}`;
}

export interface PaymentRecorded {
  receiptNumber: string;
  paidVnd: number;
  dueVnd: number;
}

/** Records money received for a dossier's fee (cash at the counter, or a transfer seen on the account). */
export async function recordPayment(db: Db, ctx: StaffCtx, dossierId: string, input: { amountVnd: number; method: 'cash' | 'transfer'; reference?: string | undefined }, now = new Date()): Promise<PaymentRecorded> {
  return db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('dossiers').select(['status', 'fee_vnd']).where('center_id', '=', ctx.centerId).where('id', '=', dossierId).forUpdate().executeTakeFirst();
    if (!d) throw new AppError('DOSSIER_NOT_FOUND');
    if (CLOSED.includes(d.status) || d.status === 'submitted' || d.status === 'incomplete') throw new AppError('DOSSIER_STATE_CONFLICT');
    const paid = await paidVnd(trx, dossierId);
    const due = d.fee_vnd - paid;
    if (due <= 0) throw new AppError('PAYMENT_NOT_DUE');
    if (input.amountVnd > due) throw new AppError('PAYMENT_EXCEEDS_DUE', { detail: `Số tiền thu vượt quá số còn phải nộp (${due.toLocaleString('vi-VN')} đồng).` });
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(now));
    const receiptNumber = await nextReceiptNumber(trx, ctx.centerId, year);
    const reference = input.reference?.trim() || null;
    await trx
      .insertInto('dossier_payments')
      .values({ center_id: ctx.centerId, dossier_id: dossierId, receipt_number: receiptNumber, amount_vnd: input.amountVnd, method: input.method, reference, received_by: ctx.actorId, received_at: now })
      .execute();
    const total = paid + input.amountVnd;
    await trx.updateTable('dossiers').set({ payment_status: paymentStatusOf(d.fee_vnd, total), updated_at: now }).where('id', '=', dossierId).execute();
    await recordDossierEvent(trx, ctx, { dossierId, at: now, action: 'payment', from: d.status, to: d.status, data: { receiptNumber, amountVnd: input.amountVnd, method: input.method } });
    await recordAudit(trx, ctx, { action: 'dossier.payment', targetType: 'dossier', targetId: dossierId, after: { receiptNumber, amountVnd: input.amountVnd, method: input.method, reference } });
    return { receiptNumber, paidVnd: total, dueVnd: d.fee_vnd - total };
  });
}

export interface FeeView {
  feeVnd: number;
  paidVnd: number;
  dueVnd: number;
  paymentStatus: 'not_required' | 'unpaid' | 'paid';
  reason: string | null;
  payments: Array<{ receiptNumber: string; amountVnd: number; method: 'cash' | 'transfer'; reference: string | null; receivedAt: string; receivedBy: string | null }>;
}

export async function getFees(db: Executor, centerId: string, dossierId: string): Promise<FeeView> {
  const d = await db.selectFrom('dossiers').select(['fee_vnd', 'payment_status', 'fee_reason']).where('center_id', '=', centerId).where('id', '=', dossierId).executeTakeFirst();
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  const rows = await db
    .selectFrom('dossier_payments as p')
    .leftJoin('users as u', 'u.id', 'p.received_by')
    .select(['p.receipt_number', 'p.amount_vnd', 'p.method', 'p.reference', 'p.received_at', 'u.full_name'])
    .where('p.dossier_id', '=', dossierId)
    .orderBy('p.received_at')
    .execute();
  const paid = rows.reduce((sum, r) => sum + r.amount_vnd, 0);
  return {
    feeVnd: d.fee_vnd,
    paidVnd: paid,
    dueVnd: Math.max(0, d.fee_vnd - paid),
    paymentStatus: d.payment_status,
    reason: d.fee_reason,
    payments: rows.map((r) => ({ receiptNumber: r.receipt_number, amountVnd: r.amount_vnd, method: r.method, reference: r.reference, receivedAt: new Date(r.received_at).toISOString(), receivedBy: r.full_name })),
  };
}

/**
 * The transfer purpose for a dossier: its code when it fits VietQR's 25 characters after folding,
 * otherwise "HS" and the code's date-and-number tail, still unique within the center.
 */
export function transferPurpose(code: string): string {
  if (normaliseVietQrPurpose(code).length <= 25) return code;
  const tail = /-(\d{6})-(\d+)$/.exec(code);
  return tail ? `HS ${tail[1] ?? ''} ${tail[2] ?? ''}` : code.slice(-25);
}

/** The VietQR code a citizen scans to pay what is still due on a dossier, with the dossier code as purpose. */
export async function paymentQr(db: Executor, centerId: string, dossierId: string): Promise<{ payload: string; svg: string; amountVnd: number; purpose: string; bank: { bin: string; account: string; name: string } }> {
  const [d, center] = await Promise.all([
    db.selectFrom('dossiers').select(['code', 'status', 'fee_vnd']).where('center_id', '=', centerId).where('id', '=', dossierId).executeTakeFirst(),
    db.selectFrom('centers').select(['bank_bin', 'bank_account', 'bank_account_name']).where('id', '=', centerId).executeTakeFirstOrThrow(),
  ]);
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  if (!center.bank_bin || !center.bank_account || !center.bank_account_name) throw new AppError('BANK_ACCOUNT_NOT_SET');
  if (!d.code) throw new AppError('DOSSIER_STATE_CONFLICT', { detail: 'Hồ sơ chưa được tiếp nhận nên chưa có mã để ghi nội dung chuyển khoản.' });
  const due = d.fee_vnd - (await paidVnd(db, dossierId));
  if (due <= 0) throw new AppError('PAYMENT_NOT_DUE');
  const purpose = transferPurpose(d.code);
  const payload = buildVietQrPayload({ bankBin: center.bank_bin, accountNumber: center.bank_account, amountVnd: due, purpose });
  return { payload, svg: await vietQrSvg(payload), amountVnd: due, purpose: normaliseVietQrPurpose(purpose), bank: { bin: center.bank_bin, account: center.bank_account, name: center.bank_account_name } };
}
