import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api.js';
import { useDebouncedValue } from '../../lib/use-debounced-value.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useProcedure, useProcedureSearch } from '../portal/api.js';
import { receiptUrl, useReceiveDossier, type DossierView, type HandedDocument } from './api.js';
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
  const missing = new Set(
    isApiError(receive.error) && receive.error.code === 'DOSSIER_INCOMPLETE' ? receive.error.errors.map((e) => Number(e.path.split('/').pop())) : [],
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (idProblem) return;
    const days = askDays && workingDays !== '' ? Number(workingDays.replace(',', '.')) : null;
    receive.mutate(receiveBody({ procedureCode: code, applicant, representative: hasRep ? rep : null, documents: handed, ticketId, workingDays: days }), {
      onSuccess: onDone,
      onError: (error) => {
        if (isApiError(error) && error.code === 'DOSSIER_DEADLINE_UNKNOWN') setAskDays(true);
      },
    });
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
      {done ? (
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
