import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateProcedureSettingsBody } from '../../../shared/schemas/catalog.js';
import type { Field } from '../../../shared/schemas/centers.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { useUpdateProcedureSettings, type ProcedureRow } from './api.js';

/** The center's own settings for one national procedure; the national facts stay read-only. */
export function ProcedureSettingsForm({ row, fields, onDone }: { row: ProcedureRow; fields: Field[]; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useUpdateProcedureSettings();
  const s = row.settings;
  const [enabled, setEnabled] = useState(s.enabled);
  const [fieldId, setFieldId] = useState(s.fieldId ?? '');
  const [days, setDays] = useState(s.localWorkingDays === null ? '' : String(s.localWorkingDays));
  const [fee, setFee] = useState(s.localFeeText ?? '');
  const [notes, setNotes] = useState(s.localNotes ?? '');
  const id = (name: string) => `proc-${row.code}-${name}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const localWorkingDays = days.trim() === '' ? null : Number(days.replace(',', '.'));
    const body: UpdateProcedureSettingsBody = {
      enabled,
      fieldId: fieldId || null,
      localWorkingDays: localWorkingDays !== null && Number.isFinite(localWorkingDays) ? localWorkingDays : null,
      localFeeText: fee.trim() || null,
      localNotes: notes.trim() || null,
    };
    save.mutate({ code: row.code, ...body }, { onSuccess: onDone });
  }

  return (
    <form className="inline-form settings-form" onSubmit={submit}>
      <div className="checkbox full">
        <input id={id('enabled')} type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <label htmlFor={id('enabled')}>{t('admin.procedures.enabled')}</label>
      </div>
      <div className="form-field grow">
        <label htmlFor={id('field')}>{t('admin.procedures.centerField')}</label>
        <select id={id('field')} value={fieldId} onChange={(e) => setFieldId(e.target.value)}>
          <option value="">{t('admin.procedures.defaultField')}</option>
          {fields.map((f) => (
            <option key={f.id} value={f.id}>
              {f.ticketPrefix} — {f.name}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field narrow">
        <label htmlFor={id('days')}>{t('admin.procedures.localWorkingDays')}</label>
        <input
          id={id('days')}
          inputMode="decimal"
          pattern="[0-9]+([.,][0-9]+)?"
          aria-describedby={id('days-hint')}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </div>
      <p id={id('days-hint')} className="hint full">
        {t('admin.procedures.localWorkingDaysHint', {
          national: row.workingDays === null ? t('procedure.notStated') : t('procedure.workingDays', { count: row.workingDays, days: String(row.workingDays) }),
        })}
      </p>
      <div className="form-field full">
        <label htmlFor={id('fee')}>{t('admin.procedures.localFeeText')}</label>
        <input id={id('fee')} maxLength={1000} value={fee} onChange={(e) => setFee(e.target.value)} />
      </div>
      <div className="form-field full">
        <label htmlFor={id('notes')}>{t('admin.procedures.localNotes')}</label>
        <textarea id={id('notes')} rows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <div className="form-actions full">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      {save.isError && <ErrorMessage error={save.error} />}
    </form>
  );
}
