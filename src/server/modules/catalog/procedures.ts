import type { Db, Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type {
  CenterProcedureSettings,
  ProcedureDetail,
  UpdateProcedureSettingsBody,
} from '../../../shared/schemas/catalog.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import type { Derived, ProcedureRecord } from './catalog-file.js';

const DEFAULT_SETTINGS: CenterProcedureSettings = {
  enabled: true,
  fieldId: null,
  localWorkingDays: null,
  localFeeText: null,
  localNotes: null,
};

/** The public page of a procedure: national facts, and a center's settings when it is named. */
export async function getProcedure(db: Executor, code: string, centerSlug?: string): Promise<ProcedureDetail> {
  const row = await db.selectFrom('procedures').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw new AppError('PROCEDURE_NOT_FOUND');
  const record = row.record as ProcedureRecord;
  const derived = row.derived as Derived;
  const authority = [record.authorityAsPublished.coQuanThucHien, record.authorityAsPublished.coQuanCoThamQuyen]
    .filter((x): x is string => Boolean(x))
    .join('; ');
  const detail: ProcedureDetail = {
    code: row.code,
    name: row.name,
    fieldCode: row.field_code,
    fieldName: row.field_name,
    level: row.level,
    processing: {
      text: record.processingTime.text,
      workingDays: derived.processing.workingDays,
      calendarDays: derived.processing.calendarDays,
      hours: derived.processing.hours,
      after15hNextWorkingDay: derived.processing.after15hNextWorkingDay === true,
      sameDay: derived.processing.sameDay,
      note: derived.processing.note,
    },
    fee: { text: record.fee.text, free: derived.fee.free, amountsVND: derived.fee.amountsVND },
    documents: derived.documents
      .filter((d) => d.kind === 'document')
      .map((d) => ({
        name: d.name,
        nameAsPublished: d.nameAsPublished,
        condition: d.condition,
        copies: d.copies,
        copyType: d.copyType,
        form: d.formFile,
      })),
    results: record.resultType,
    legalBasis: record.legalBasis,
    channels: record.submissionChannels,
    online: row.online,
    authority: authority || null,
    sourceUrl: record.source.portalUrl || null,
    publishingDecision: record.publishingDecision || null,
    aliases: row.aliases,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
  if (centerSlug) {
    const center = await db.selectFrom('centers').select(['id', 'slug', 'name']).where('slug', '=', centerSlug).executeTakeFirst();
    if (!center) throw new AppError('CENTER_NOT_FOUND');
    const settings = await getSettings(db, center.id, code);
    const field = await receivingField(db, center.id, row.field_code, settings.fieldId);
    const counters = field
      ? await db
          .selectFrom('counters as c')
          .innerJoin('counter_fields as cf', 'cf.counter_id', 'c.id')
          .select(['c.number', 'c.name'])
          .where('cf.field_id', '=', field.id)
          .where('c.active', '=', true)
          .orderBy('c.number')
          .execute()
      : [];
    detail.center = { slug: center.slug, name: center.name, settings, fieldName: field?.name ?? null, counters };
  }
  return detail;
}

async function getSettings(db: Executor, centerId: string, code: string): Promise<CenterProcedureSettings> {
  const s = await db
    .selectFrom('center_procedures')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('procedure_code', '=', code)
    .executeTakeFirst();
  if (!s) return DEFAULT_SETTINGS;
  return {
    enabled: s.enabled,
    fieldId: s.field_id,
    localWorkingDays: s.local_working_days === null ? null : Number(s.local_working_days),
    localFeeText: s.local_fee_text,
    localNotes: s.local_notes,
  };
}

/** The center field that receives a procedure: the explicit setting, else the field covering its national field. */
export async function receivingField(
  db: Executor,
  centerId: string,
  nationalFieldCode: string,
  fieldId: string | null,
): Promise<{ id: string; name: string } | undefined> {
  let q = db.selectFrom('fields').select(['id', 'name']).where('center_id', '=', centerId).where('active', '=', true);
  q = fieldId ? q.where('id', '=', fieldId) : q.where((eb) => eb(eb.val(nationalFieldCode), '=', eb.fn.any('national_fields')));
  return q.orderBy('sort_order').executeTakeFirst();
}

export async function listCenterProcedures(db: Executor, centerId: string) {
  const rows = await db
    .selectFrom('procedures as p')
    .leftJoin('center_procedures as cp', (j) => j.onRef('cp.procedure_code', '=', 'p.code').on('cp.center_id', '=', centerId))
    .select([
      'p.code',
      'p.name',
      'p.field_name',
      'p.working_days',
      'cp.enabled',
      'cp.field_id',
      'cp.local_working_days',
      'cp.local_fee_text',
      'cp.local_notes',
    ])
    .orderBy('p.field_name')
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    fieldName: r.field_name,
    workingDays: r.working_days === null ? null : Number(r.working_days),
    settings: {
      enabled: r.enabled ?? true,
      fieldId: r.field_id ?? null,
      localWorkingDays: r.local_working_days === null || r.local_working_days === undefined ? null : Number(r.local_working_days),
      localFeeText: r.local_fee_text ?? null,
      localNotes: r.local_notes ?? null,
    },
  }));
}

/** A center's own settings for a procedure; the national record is never touched. */
export async function updateProcedureSettings(
  db: Db,
  ctx: AuditContext & { centerId: string },
  code: string,
  input: UpdateProcedureSettingsBody,
): Promise<CenterProcedureSettings> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('procedures').select('code').where('code', '=', code).executeTakeFirst();
    if (!exists) throw new AppError('PROCEDURE_NOT_FOUND');
    if (input.fieldId) {
      const field = await trx.selectFrom('fields').select('id').where('center_id', '=', ctx.centerId).where('id', '=', input.fieldId).executeTakeFirst();
      if (!field) throw new AppError('FIELD_NOT_FOUND');
    }
    const before = await getSettings(trx, ctx.centerId, code);
    const after: CenterProcedureSettings = { ...before, ...input };
    await trx
      .insertInto('center_procedures')
      .values({
        center_id: ctx.centerId,
        procedure_code: code,
        enabled: after.enabled,
        field_id: after.fieldId,
        local_working_days: after.localWorkingDays,
        local_fee_text: after.localFeeText,
        local_notes: after.localNotes,
      })
      .onConflict((oc) =>
        oc.columns(['center_id', 'procedure_code']).doUpdateSet({
          enabled: after.enabled,
          field_id: after.fieldId,
          local_working_days: after.localWorkingDays,
          local_fee_text: after.localFeeText,
          local_notes: after.localNotes,
          updated_at: new Date(),
        }),
      )
      .execute();
    await recordAudit(trx, ctx, { action: 'procedure.settings', targetType: 'procedure', targetId: code, before, after });
    return after;
  });
}

export async function listProcedureFields(db: Executor): Promise<Array<{ code: string; name: string; count: number }>> {
  const rows = await db
    .selectFrom('procedures')
    .select(['field_code', 'field_name', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['field_code', 'field_name'])
    .orderBy('field_name')
    .execute();
  return rows.map((r) => ({ code: r.field_code, name: r.field_name, count: Number(r.n) }));
}
