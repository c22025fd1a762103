import { useTranslation } from 'react-i18next';
import type { ProcedureDetail } from '../../../shared/schemas/catalog.js';
import { checkCitizenId, CITIZEN_ID_MESSAGES_VI } from '../../../shared/citizen-id.js';
import { DateInput } from '../../ui/date-input.js';
import type { DocumentStatus, HandedDocument, ReceiveDossierBody } from './api.js';

export type ApplicantDraft = { name: string; idNumber: string; birthDate: string; phone: string; address: string; email: string };
export type RepresentativeDraft = { name: string; idNumber: string; relation: string; authorization: string };

export const EMPTY_APPLICANT: ApplicantDraft = { name: '', idNumber: '', birthDate: '', phone: '', address: '', email: '' };
export const EMPTY_REPRESENTATIVE: RepresentativeDraft = { name: '', idNumber: '', relation: '', authorization: '' };

/** The sentence for a citizen-ID problem, checked while the person types (the server checks again). */
export function useCitizenIdProblem(idNumber: string, birthDate: string): string | null {
  const { t, i18n } = useTranslation();
  if (idNumber.length < 12 && /^\d*$/.test(idNumber)) return null;
  const problem = checkCitizenId(idNumber, birthDate || null);
  if (!problem) return null;
  return i18n.resolvedLanguage === 'en' ? t(`dossier.citizenId.${problem}`) : CITIZEN_ID_MESSAGES_VI[problem];
}

function Field(props: { id: string; label: string; value: string; onChange: (v: string) => void; required?: boolean; type?: string; inputMode?: 'numeric' | 'tel' | 'email'; error?: string | null; hint?: string; autoComplete?: string; maxLength?: number }) {
  const describedBy = [props.error ? `${props.id}-error` : '', props.hint ? `${props.id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className="form-field">
      <label htmlFor={props.id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
        maxLength={props.maxLength}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

export function ApplicantFields({ value, onChange }: { value: ApplicantDraft; onChange: (v: ApplicantDraft) => void }) {
  const { t } = useTranslation();
  const idProblem = useCitizenIdProblem(value.idNumber, value.birthDate);
  const set = (key: keyof ApplicantDraft) => (v: string) => onChange({ ...value, [key]: v });
  return (
    <fieldset className="form-section">
      <legend>{t('dossier.reception.applicant')}</legend>
      <div className="form-grid">
        <Field id="applicant-name" label={t('dossier.field.name')} value={value.name} onChange={set('name')} required />
        <Field id="applicant-id" label={t('dossier.field.idNumber')} value={value.idNumber} onChange={(v) => set('idNumber')(v.replace(/\D/g, ''))} required inputMode="numeric" maxLength={12} error={idProblem} hint={t('dossier.field.idNumberHint')} />
        <div className="form-field">
          <label htmlFor="applicant-birth">{t('dossier.field.birthDate')}</label>
          <DateInput id="applicant-birth" value={value.birthDate} onChange={set('birthDate')} />
        </div>
        <Field id="applicant-phone" label={t('dossier.field.phone')} value={value.phone} onChange={set('phone')} type="tel" inputMode="tel" hint={t('dossier.field.phoneHint')} />
        <Field id="applicant-address" label={t('dossier.field.address')} value={value.address} onChange={set('address')} required />
        <Field id="applicant-email" label={t('dossier.field.email')} value={value.email} onChange={set('email')} type="email" inputMode="email" />
      </div>
    </fieldset>
  );
}

export function RepresentativeFields({ value, onChange }: { value: RepresentativeDraft; onChange: (v: RepresentativeDraft) => void }) {
  const { t } = useTranslation();
  const idProblem = useCitizenIdProblem(value.idNumber, '');
  const set = (key: keyof RepresentativeDraft) => (v: string) => onChange({ ...value, [key]: v });
  return (
    <div className="form-grid">
      <Field id="rep-name" label={t('dossier.field.repName')} value={value.name} onChange={set('name')} required />
      <Field id="rep-id" label={t('dossier.field.idNumber')} value={value.idNumber} onChange={(v) => set('idNumber')(v.replace(/\D/g, ''))} required inputMode="numeric" maxLength={12} error={idProblem} />
      <Field id="rep-relation" label={t('dossier.field.relation')} value={value.relation} onChange={set('relation')} required />
      <Field id="rep-authorization" label={t('dossier.field.authorization')} value={value.authorization} onChange={set('authorization')} />
    </div>
  );
}

export type ProcedureDocument = ProcedureDetail['documents'][number];
const STATUSES: readonly DocumentStatus[] = ['received', 'missing', 'invalid', 'not_applicable'];

/** The first answer for each document: conditional ones do not apply until the officer says they do. */
export function initialDocuments(documents: ProcedureDocument[]): HandedDocument[] {
  return documents.map((d, i) => ({ position: i + 1, status: d.condition ? 'not_applicable' : 'missing', copiesReceived: 0 }));
}

/** The procedure's documents as a checklist: what was handed over, and how many copies. */
export function DocumentChecklist({ documents, value, onChange, missing }: { documents: ProcedureDocument[]; value: HandedDocument[]; onChange: (v: HandedDocument[]) => void; missing: ReadonlySet<number> }) {
  const { t } = useTranslation();
  const update = (position: number, patch: Partial<HandedDocument>) => onChange(value.map((d) => (d.position === position ? { ...d, ...patch } : d)));
  const receiveAll = () =>
    onChange(value.map((d, i) => (documents[i]?.condition ? d : { ...d, status: 'received', copiesReceived: Math.max(1, documents[i]?.copies ?? 1) })));
  return (
    <fieldset className="form-section">
      <legend>{t('dossier.reception.documents')}</legend>
      <button type="button" className="button button-secondary button-small" onClick={receiveAll}>
        {t('dossier.reception.receiveAll')}
      </button>
      <ol className="checklist">
        {documents.map((doc, i) => {
          const handed = value[i];
          if (!handed) return null;
          const id = `doc-${handed.position}`;
          return (
            <li key={id} className={`checklist-item${missing.has(handed.position) ? ' checklist-missing' : ''}`}>
              <div className="checklist-name">
                <span id={`${id}-name`}>{doc.name}</span>
                {doc.condition && <span className="document-condition">{doc.condition}</span>}
                <span className="muted small">
                  {t('dossier.reception.copies', { count: Math.max(1, doc.copies) })}
                  {doc.copyType ? ` · ${doc.copyType}` : ''}
                </span>
              </div>
              <div className="checklist-controls">
                <label className="visually-hidden" htmlFor={`${id}-status`}>
                  {t('dossier.reception.statusOf', { name: doc.name })}
                </label>
                <select
                  id={`${id}-status`}
                  value={handed.status}
                  onChange={(e) => {
                    const status = STATUSES.find((s) => s === e.target.value) ?? handed.status;
                    update(handed.position, { status, copiesReceived: status === 'received' ? Math.max(1, doc.copies) : 0 });
                  }}
                >
                  {STATUSES.filter((s) => s !== 'not_applicable' || doc.condition).map((s) => (
                    <option key={s} value={s}>
                      {t(`dossier.documentStatus.${s}`)}
                    </option>
                  ))}
                </select>
                <label className="visually-hidden" htmlFor={`${id}-copies`}>
                  {t('dossier.reception.copiesOf', { name: doc.name })}
                </label>
                <input
                  id={`${id}-copies`}
                  className="copies-input"
                  type="number"
                  min={0}
                  max={99}
                  inputMode="numeric"
                  value={handed.copiesReceived ?? 0}
                  onChange={(e) => update(handed.position, { copiesReceived: Math.min(99, Math.max(0, Number(e.target.value) || 0)) })}
                />
              </div>
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}

/** The request body from the drafts; optional fields left empty are omitted. */
export function receiveBody(input: { procedureCode: string; applicant: ApplicantDraft; representative: RepresentativeDraft | null; documents: HandedDocument[]; ticketId: string | null; workingDays: number | null; feeVnd?: number | null }): ReceiveDossierBody {
  const a = input.applicant;
  const r = input.representative;
  return {
    procedureCode: input.procedureCode,
    applicant: {
      name: a.name.trim(),
      idNumber: a.idNumber,
      address: a.address.trim(),
      ...(a.birthDate ? { birthDate: a.birthDate } : {}),
      ...(a.phone.trim() ? { phone: a.phone.replace(/[\s.]/g, '') } : {}),
      ...(a.email.trim() ? { email: a.email.trim() } : {}),
    },
    ...(r ? { representative: { name: r.name.trim(), idNumber: r.idNumber, relation: r.relation.trim(), ...(r.authorization.trim() ? { authorization: r.authorization.trim() } : {}) } } : {}),
    documents: input.documents,
    ...(input.ticketId ? { ticketId: input.ticketId } : {}),
    ...(input.workingDays !== null ? { workingDays: input.workingDays } : {}),
    ...(input.feeVnd !== undefined && input.feeVnd !== null ? { feeVnd: input.feeVnd } : {}),
  };
}
