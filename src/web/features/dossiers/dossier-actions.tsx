import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/schemas/accounts.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { useDossierAction, useSpecialists, type DossierAction, type DossierView } from './api.js';
import { useCitizenIdProblem } from './reception-form.js';

type ActionId = 'assign' | 'submit' | 'request-supplement' | 'supplement-received' | 'approve' | 'send-back' | 'return' | 'return-post' | 'apologize' | 'withdraw' | 'stop';
type FieldKey = 'specialistId' | 'comment' | 'items' | 'reason' | 'receiverName' | 'receiverIdNumber' | 'trackingNumber' | 'newDueAt';
type Values = Partial<Record<FieldKey, string>>;
type FieldSpec = { key: FieldKey; required?: boolean; multiline?: boolean; type?: 'datetime-local' | 'text'; numeric?: boolean };
type Spec = { kind: DossierAction['kind']; id: ActionId; fields: FieldSpec[]; danger?: boolean; build: (v: Values) => DossierAction };

const opt = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
const comment = (v: Values) => (opt(v.comment) ? { comment: v.comment?.trim() ?? '' } : {});
/** "2026-12-01T16:00" typed in Viet Nam (UTC+7, no daylight saving) → ISO instant. */
const vietnamIso = (local: string) => new Date(`${local}:00+07:00`).toISOString();

/** Which actions this person may take on this dossier now (the server checks again). */
export function availableActions(dossier: DossierView, me: Me): Spec[] {
  const role = me.role;
  const s = dossier.status;
  const active = ['received', 'processing', 'awaiting_approval', 'supplement_requested'].includes(s);
  const processor = role === 'leader' || (role === 'specialist' && dossier.assigneeId === me.id);
  const out: Spec[] = [];
  if ((role === 'leader' || role === 'admin') && (s === 'received' || s === 'processing'))
    out.push({ kind: 'assign', id: 'assign', fields: [{ key: 'comment', multiline: true }], build: (v) => ({ kind: 'assign', specialistId: v.specialistId ?? '', ...comment(v) }) });
  if (processor && s === 'processing') {
    out.push({ kind: 'submit', id: 'submit', fields: [{ key: 'comment', multiline: true }], build: (v) => ({ kind: 'submit', ...comment(v) }) });
    if (dossier.supplementCount === 0)
      out.push({
        kind: 'request-supplement',
        id: 'request-supplement',
        fields: [{ key: 'items', required: true, multiline: true }, { key: 'reason', required: true, multiline: true }],
        build: (v) => ({ kind: 'request-supplement', items: (v.items ?? '').split('\n').map((x) => x.trim()).filter(Boolean), reason: v.reason?.trim() ?? '' }),
      });
  }
  if (role !== 'specialist' && s === 'supplement_requested') out.push({ kind: 'supplement-received', id: 'supplement-received', fields: [], build: () => ({ kind: 'supplement-received' }) });
  if (role === 'leader' && s === 'awaiting_approval') {
    out.push({ kind: 'approve', id: 'approve', fields: [{ key: 'comment', multiline: true }], build: (v) => ({ kind: 'approve', ...comment(v) }) });
    out.push({ kind: 'send-back', id: 'send-back', fields: [{ key: 'comment', required: true, multiline: true }], build: (v) => ({ kind: 'send-back', comment: v.comment?.trim() ?? '' }) });
  }
  if ((role === 'receptionist' || role === 'admin') && s === 'result_ready')
    out.push({
      kind: 'return',
      id: 'return',
      fields: [{ key: 'receiverName', required: true }, { key: 'receiverIdNumber', required: true, numeric: true }],
      build: (v) => ({ kind: 'return', method: 'counter', receiverName: v.receiverName?.trim() ?? '', receiverIdNumber: v.receiverIdNumber ?? '' }),
    });
  if ((role === 'receptionist' || role === 'admin') && s === 'result_ready')
    out.push({ kind: 'return', id: 'return-post', fields: [{ key: 'trackingNumber', required: true }], build: (v) => ({ kind: 'return', method: 'post', trackingNumber: v.trackingNumber?.trim() ?? '' }) });
  if (processor && dossier.newDueAt === null && ['received', 'processing', 'awaiting_approval'].includes(s))
    out.push({
      kind: 'apologize',
      id: 'apologize',
      fields: [{ key: 'newDueAt', required: true, type: 'datetime-local' }, { key: 'reason', required: true, multiline: true }],
      build: (v) => ({ kind: 'apologize', newDueAt: vietnamIso(v.newDueAt ?? ''), reason: v.reason?.trim() ?? '' }),
    });
  if (role !== 'specialist' && active) {
    out.push({ kind: 'withdraw', id: 'withdraw', danger: true, fields: [{ key: 'reason', required: true, multiline: true }], build: (v) => ({ kind: 'withdraw', reason: v.reason?.trim() ?? '' }) });
    out.push({ kind: 'stop', id: 'stop', danger: true, fields: [{ key: 'reason', required: true, multiline: true }], build: (v) => ({ kind: 'stop', reason: v.reason?.trim() ?? '' }) });
  }
  return out;
}

function SpecialistSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const specialists = useSpecialists(true);
  return (
    <div className="form-field">
      <label htmlFor="action-assign-specialist">{t('dossier.action.field.specialistId')}</label>
      <select id="action-assign-specialist" required value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('dossier.action.chooseSpecialist')}</option>
        {specialists.data?.map((u) => (
          <option key={u.id} value={u.id}>
            {u.fullName}
          </option>
        ))}
      </select>
      {specialists.isError && <ErrorMessage error={specialists.error} />}
    </div>
  );
}

function ActionForm({ dossierId, spec }: { dossierId: string; spec: Spec }) {
  const { t } = useTranslation();
  const action = useDossierAction(dossierId);
  const [values, setValues] = useState<Values>({});
  const idProblem = useCitizenIdProblem(values.receiverIdNumber ?? '', '');
  const set = (key: FieldKey) => (value: string) => setValues({ ...values, [key]: value });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (idProblem) return;
    action.mutate(spec.build(values), { onSuccess: () => setValues({}) });
  }
  return (
    <details className={`dossier-action${spec.danger ? ' dossier-action-danger' : ''}`}>
      <summary>{t(`dossier.action.${spec.id}`)}</summary>
      <form className="form-stack" onSubmit={submit}>
        {spec.kind === 'assign' && <SpecialistSelect value={values.specialistId ?? ''} onChange={set('specialistId')} />}
        {spec.fields.map((f) => {
          const id = `action-${spec.id}-${f.key}`;
          const props = { id, required: f.required, value: values[f.key] ?? '' };
          return (
            <div className="form-field" key={f.key}>
              <label htmlFor={id}>{t(`dossier.action.field.${f.key}`)}</label>
              {f.multiline ? (
                <textarea {...props} rows={2} onChange={(e) => set(f.key)(e.target.value)} />
              ) : (
                <input {...props} type={f.type ?? 'text'} inputMode={f.numeric ? 'numeric' : undefined} maxLength={f.numeric ? 12 : undefined} onChange={(e) => set(f.key)(e.target.value)} />
              )}
              {f.key === 'items' && <p className="hint">{t('dossier.action.itemsHint')}</p>}
              {f.key === 'receiverIdNumber' && idProblem && <p className="field-error">{idProblem}</p>}
            </div>
          );
        })}
        {action.isError && <ErrorMessage error={action.error} />}
        <div className="form-actions">
          <button type="submit" className={`button ${spec.danger ? 'button-danger' : 'button-primary'}`} disabled={action.isPending}>
            {t(`dossier.action.confirm.${spec.id}`)}
          </button>
        </div>
      </form>
    </details>
  );
}

/** The actions open to me on this dossier, each an inline form. */
export function DossierActions({ dossier, me }: { dossier: DossierView; me: Me }) {
  const { t } = useTranslation();
  const specs = availableActions(dossier, me);
  const receptionistAssign = me.role === 'receptionist' && (dossier.status === 'received' || dossier.status === 'processing');
  return (
    <section className="card dossier-actions-card" aria-labelledby="dossier-actions-title">
      <h2 id="dossier-actions-title">{t('dossier.actions')}</h2>
      {specs.length === 0 && <p className="muted">{t('dossier.noActions')}</p>}
      {specs.map((spec) => (
        <ActionForm key={`${spec.id}-${dossier.status}`} dossierId={dossier.id} spec={spec} />
      ))}
      {receptionistAssign && <p className="hint">{t('dossier.assignByLeader')}</p>}
    </section>
  );
}
