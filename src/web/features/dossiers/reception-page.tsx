import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api.js';
import { useDebouncedValue } from '../../lib/use-debounced-value.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useProcedure, useProcedureSearch } from '../portal/api.js';
import { receiptUrl, useDeclineDossier, useReceiveDossier, type DossierView, type HandedDocument } from './api.js';
import { slipUrl } from './dossier-extras.js';
import { CompletenessCheck, IdCardReader, ProcedureSuggest } from './copilot-panel.js';
import type { ProcedureDetail } from '../../../shared/schemas/catalog.js';
import { formatVnd } from '../../lib/format.js';
import {
  ApplicantFields,
  DocumentChecklist,
  EMPTY_APPLICANT,
  EMPTY_REPRESENTATIVE,
  initialDocuments,
  receiveBody,
  RepresentativeFields,
  useCitizenIdProblem,
  type ApplicantDraft,
  type RepresentativeDraft,
} from './reception-form.js';
import '../../styles/dossiers.css';

function ProcedurePicker({ onPick }: { onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 250);
  const search = useProcedureSearch({ q, pageSize: 8 });
  return (
    <section className="card" aria-labelledby="pick-procedure">
      <h2 id="pick-procedure">{t('dossier.reception.pickProcedure')}</h2>
      <div className="form-field">
        <label htmlFor="procedure-search">{t('dossier.reception.searchProcedure')}</label>
        <input id="procedure-search" type="search" value={text} placeholder={t('dossier.reception.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
      </div>
      {search.isError && <ErrorMessage error={search.error} />}
      {q !== '' && search.data && (
        <ul className="procedure-choices" aria-busy={search.isFetching}>
          {search.data.items.map((p) => (
            <li key={p.code}>
              <button type="button" className="procedure-choice" onClick={() => onPick(p.code)}>
                <span className="strong">{p.name}</span>
                <span className="muted small">
                  {p.code} · {p.fieldName}
                </span>
              </button>
            </li>
          ))}
          {search.data.items.length === 0 && <li className="muted">{t('dossier.reception.noProcedure')}</li>}
        </ul>
      )}
      <details className="copilot-box" open>
        <summary>{t('copilot.need.title')}</summary>
        <ProcedureSuggest onPick={onPick} />
      </details>
    </section>
  );
}

function SuccessPanel({ dossier, onNext }: { dossier: DossierView; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card reception-success" aria-labelledby="reception-success-title">
      <h2 id="reception-success-title" role="status">
        {t('dossier.reception.success')}
      </h2>
      <p className="muted">{t('dossier.code')}</p>
      <p className="dossier-code-large" data-testid="dossier-code">
        {dossier.code}
      </p>
      <p>{dossier.procedureName}</p>
      <p>
        {t('dossier.dueAt')}: <strong>{dossier.dueAtText ?? '—'}</strong>
      </p>
      <div className="form-actions">
        <a className="button button-primary" href={receiptUrl(dossier.id)} target="_blank" rel="noopener">
          {t('dossier.printReceipt')}
          <span className="visually-hidden"> ({t('common.opensInNewTab')})</span>
        </a>
        <Link className="button button-secondary" to={`/ho-so/${dossier.id}`}>
          {t('dossier.reception.view')}
        </Link>
        <button type="button" className="button button-quiet" onClick={onNext}>
          {t('dossier.reception.another')}
        </button>
      </div>
    </section>
  );
}

/** A dossier not accepted: the slip to hand to the citizen (Mẫu 02 or 03). */
function DeclinedPanel({ dossier, onNext }: { dossier: DossierView; onNext: () => void }) {
  const { t } = useTranslation();
  const refused = dossier.status === 'refused';
  return (
    <section className="card reception-declined" aria-labelledby="reception-declined-title" aria-live="polite">
      <h2 id="reception-declined-title">
        {refused ? t('dossier.reception.declined.refused') : t('dossier.reception.declined.incomplete')}
      </h2>
      <p>{dossier.procedureName}</p>
      <p className="muted">{t('dossier.reception.declined.hint')}</p>
      <div className="form-actions">
        <a className="button button-primary" href={slipUrl(dossier.id, refused ? 'refusal' : 'supplement-request')} target="_blank" rel="noopener">
          {refused ? t('dossier.slips.refusal') : t('dossier.slips.supplement-request')}
          <span className="visually-hidden"> ({t('common.opensInNewTab')})</span>
        </a>
        <Link className="button button-secondary" to={`/ho-so/${dossier.id}`}>
          {t('dossier.reception.view')}
        </Link>
        <button type="button" className="button button-quiet" onClick={onNext}>
          {t('dossier.reception.another')}
        </button>
      </div>
    </section>
  );
}

/** The fee options of the procedure as the catalog publishes them; the officer picks the case. */
function feeOptions(detail: ProcedureDetail): number[] {
  const amounts = [...new Set(detail.fee.amountsVND ?? [])].sort((a, b) => a - b);
  return detail.fee.free === true || amounts.length === 0 ? [0, ...amounts.filter((a) => a > 0)] : [...amounts, 0];
}

function FeeField({ detail, value, onChange }: { detail: ProcedureDetail; value: number; onChange: (v: number) => void }) {
  const { t } = useTranslation();
  const options = feeOptions(detail);
  return (
    <fieldset className="form-section fee-field">
      <legend>{t('dossier.fees.title')}</legend>
      {detail.fee.text.length > 0 && <p className="muted small">{detail.fee.text.join(' ')}</p>}
      <div className="form-field">
        <label htmlFor="reception-fee">{t('dossier.reception.feeChoice')}</label>
        <select id="reception-fee" value={String(value)} onChange={(e) => onChange(Number(e.target.value))}>
          {options.map((amount) => (
            <option key={amount} value={String(amount)}>
              {amount === 0 ? t('dossier.fees.free') : formatVnd(amount)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

/** Not accepting: ask for more (the missing documents by default) or refuse with reasons. */
function DeclineForm({ pending, error, onDecline }: { pending: boolean; error: unknown; onDecline: (decision: 'request_more' | 'refuse', text: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <details className="decline-form">
      <summary>{t('dossier.reception.declined.open')}</summary>
      <div className="form-field">
        <label htmlFor="decline-text">{t('dossier.reception.declined.reason')}</label>
        <textarea id="decline-text" maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
        <p className="muted small">{t('dossier.reception.declined.reasonHint')}</p>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-secondary" disabled={pending} onClick={() => onDecline('request_more', text)}>
          {t('dossier.reception.declined.requestMore')}
        </button>
        <button type="button" className="button button-danger" disabled={pending || text.trim() === ''} onClick={() => onDecline('refuse', text)}>
          {t('dossier.reception.declined.refuse')}
        </button>
      </div>
      {error !== null && error !== undefined && <ErrorMessage error={error} />}
    </details>
  );
}

/** The refusal of an incomplete dossier, with what the citizen still has to bring. */
function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.code === 'DOSSIER_INCOMPLETE') {
    return (
      <div className="alert alert-error" role="alert">
        <p className="strong">{t('dossier.reception.incomplete')}</p>
        <ul>
          {error.errors.map((e) => (
            <li key={e.path}>{e.message}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (isApiError(error) && error.code === 'DOSSIER_DEADLINE_UNKNOWN') {
    return (
      <div className="alert alert-info" role="alert">
        <p>{t('dossier.reception.deadlineUnknown')}</p>
      </div>
    );
  }
  return <ErrorMessage error={error} />;
}

function ReceptionForm({ code, ticketId, onDone, onChangeProcedure }: { code: string; ticketId: string | null; onDone: (d: DossierView) => void; onChangeProcedure: () => void }) {
  const { t } = useTranslation();
  const procedure = useProcedure(code);
  const receive = useReceiveDossier();
  const decline = useDeclineDossier();
  const [fee, setFee] = useState<number | null>(null);
  const [applicant, setApplicant] = useState<ApplicantDraft>(EMPTY_APPLICANT);
  const [hasRep, setHasRep] = useState(false);
  const [rep, setRep] = useState<RepresentativeDraft>(EMPTY_REPRESENTATIVE);
  const [documents, setDocuments] = useState<HandedDocument[] | null>(null);
  const [askDays, setAskDays] = useState(false);
  const [workingDays, setWorkingDays] = useState('');
  const idProblem = useCitizenIdProblem(applicant.idNumber, applicant.birthDate);

  if (procedure.isPending) return <Loading />;
  if (procedure.isError) return <ErrorMessage error={procedure.error} onRetry={() => void procedure.refetch()} />;
  const detail = procedure.data;
  const handed = documents ?? initialDocuments(detail.documents);
  const feeVnd = fee ?? feeOptions(detail)[0] ?? 0;
  const missing = new Set(
    isApiError(receive.error) && receive.error.code === 'DOSSIER_INCOMPLETE' ? receive.error.errors.map((e) => Number(e.path.split('/').pop())) : [],
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (idProblem) return;
    const days = askDays && workingDays !== '' ? Number(workingDays.replace(',', '.')) : null;
    receive.mutate(receiveBody({ procedureCode: code, applicant, representative: hasRep ? rep : null, documents: handed, ticketId, workingDays: days, feeVnd }), {
      onSuccess: onDone,
      onError: (error) => {
        if (isApiError(error) && error.code === 'DOSSIER_DEADLINE_UNKNOWN') setAskDays(true);
      },
    });
  }

  function onDecline(decision: 'request_more' | 'refuse', text: string) {
    if (idProblem) return;
    const body = receiveBody({ procedureCode: code, applicant, representative: hasRep ? rep : null, documents: handed, ticketId, workingDays: null });
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    decline.mutate(
      {
        procedureCode: body.procedureCode,
        applicant: body.applicant,
        ...(body.representative ? { representative: body.representative } : {}),
        documents: body.documents,
        ...(body.ticketId ? { ticketId: body.ticketId } : {}),
        decision,
        ...(decision === 'refuse' ? { reasons: lines } : text.trim() ? { reason: text.trim() } : {}),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="card reception-form" onSubmit={submit} noValidate={false}>
      <div className="reception-procedure">
        <div>
          <p className="muted small">{t('dossier.procedure')}</p>
          <h2>{detail.name}</h2>
          <p className="muted small">
            {detail.code} · {detail.processing.text}
          </p>
        </div>
        <button type="button" className="button button-quiet button-small" onClick={onChangeProcedure}>
          {t('dossier.reception.changeProcedure')}
        </button>
      </div>
      <details className="copilot-box">
        <summary>{t('copilot.idCard.title')}</summary>
        <IdCardReader onRead={(prefill) => setApplicant((current) => ({ ...current, ...prefill }))} />
      </details>
      <ApplicantFields value={applicant} onChange={setApplicant} />
      <fieldset className="form-section">
        <legend>{t('dossier.reception.representative')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={hasRep} onChange={(e) => setHasRep(e.target.checked)} />
          {t('dossier.reception.hasRepresentative')}
        </label>
        {hasRep && <RepresentativeFields value={rep} onChange={setRep} />}
      </fieldset>
      <DocumentChecklist
        documents={detail.documents}
        value={handed}
        onChange={(next) => {
          setDocuments(next);
          // The refusal described the previous checklist.
          if (receive.isError) receive.reset();
        }}
        missing={missing}
      />
      <CompletenessCheck procedureCode={code} documents={handed} />
      <FeeField detail={detail} value={feeVnd} onChange={setFee} />
      {receive.isError && <Refusal error={receive.error} />}
      {askDays && (
        <div className="form-field working-days">
          <label htmlFor="working-days">{t('dossier.reception.workingDays')}</label>
          <input id="working-days" required inputMode="decimal" value={workingDays} onChange={(e) => setWorkingDays(e.target.value)} />
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={receive.isPending}>
          {t('dossier.reception.submit')}
        </button>
      </div>
      <DeclineForm pending={decline.isPending} error={decline.error} onDecline={onDecline} />
    </form>
  );
}

/** /tiep-nhan: the receptionist accepts a dossier (optionally for the ticket being served, ?ticket=). */
export function ReceptionPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('dossier.reception.title'));
  const [params] = useSearchParams();
  const ticketId = params.get('ticket');
  const [code, setCode] = useState<string | null>(null);
  const [done, setDone] = useState<DossierView | null>(null);
  const [round, setRound] = useState(0);
  return (
    <div className="container page dossier-page">
      <h1>{t('dossier.reception.title')}</h1>
      {ticketId && <p className="muted">{t('dossier.reception.forTicket')}</p>}
      {done && done.code === null ? (
        <DeclinedPanel
          dossier={done}
          onNext={() => {
            setDone(null);
            setCode(null);
            setRound(round + 1);
          }}
        />
      ) : done ? (
        <SuccessPanel
          dossier={done}
          onNext={() => {
            setDone(null);
            setCode(null);
            setRound(round + 1);
          }}
        />
      ) : code ? (
        <ReceptionForm key={`${code}-${round}`} code={code} ticketId={ticketId} onDone={setDone} onChangeProcedure={() => setCode(null)} />
      ) : (
        <ProcedurePicker onPick={setCode} />
      )}
    </div>
  );
}
