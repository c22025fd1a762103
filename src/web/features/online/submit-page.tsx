import { useEffect, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ProcedureDetail } from '../../../shared/schemas/catalog.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { ApplicantFields, EMPTY_REPRESENTATIVE, receiveBody, RepresentativeFields, type ApplicantDraft, type RepresentativeDraft } from '../dossiers/reception-form.js';
import { useProcedure } from '../portal/api.js';
import { fileProblem, MAX_TOTAL_BYTES, submissionForm, useCenters, useSubmitOnline, type OnlineSubmissionData, type OnlineSubmissionReceipt } from './api.js';
import { clearDraft, loadDraft, saveDraft } from './draft.js';
import { DocumentFileInput } from './file-picker.js';
import '../../styles/dossiers.css';
import './online.css';

type Documents = ProcedureDetail['documents'];

/** What keeps the form from being sent, said before the round trip (the server checks it all again). */
function problemsOf(t: TFunction, documents: Documents, provided: ReadonlySet<number>, files: ReadonlyMap<number, File[]>): string[] {
  const problems: string[] = [];
  documents.forEach((d, i) => {
    const position = i + 1;
    const needed = d.condition === null || provided.has(position);
    if (needed && (files.get(position)?.length ?? 0) === 0) problems.push(t('online.needFile', { name: d.name }));
  });
  const all = [...files.values()].flat();
  if (all.some((f) => fileProblem(f) !== null)) problems.push(t('online.fixFiles'));
  if (all.reduce((sum, f) => sum + f.size, 0) > MAX_TOTAL_BYTES) problems.push(t('online.totalTooLarge'));
  return problems;
}

/** The data part: the same applicant and representative shape as counter reception (receiveBody). */
function toData(center: string, code: string, applicant: ApplicantDraft, representative: RepresentativeDraft | null, positions: number[]): OnlineSubmissionData {
  const body = receiveBody({ procedureCode: code, applicant, representative, documents: [], ticketId: null, workingDays: null });
  return { center, procedureCode: code, applicant: body.applicant, ...(body.representative ? { representative: body.representative } : {}), documents: positions.map((position) => ({ position })) };
}

function SubmissionForm({ procedure, onDone }: { procedure: ProcedureDetail; onDone: (r: OnlineSubmissionReceipt) => void }) {
  const { t } = useTranslation();
  const centers = useCenters();
  const submit = useSubmitOnline();
  const [restored] = useState(() => loadDraft(procedure.code));
  const [center, setCenter] = useState(restored?.center ?? '');
  const [applicant, setApplicant] = useState<ApplicantDraft>(() => restored?.applicant ?? { name: '', idNumber: '', birthDate: '', phone: '', address: '', email: '' });
  const [provided, setProvided] = useState<Set<number>>(() => new Set(restored?.provided ?? []));
  const [representative, setRepresentative] = useState<RepresentativeDraft | null>(restored?.representative ?? null);
  const [files, setFiles] = useState<Map<number, File[]>>(new Map());
  const [problems, setProblems] = useState<string[]>([]);
  const chosenCenter = center || centers.data?.[0]?.slug || '';

  useEffect(() => {
    saveDraft(procedure.code, { center, applicant, representative, provided: [...provided] });
  }, [procedure.code, center, applicant, representative, provided]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found = problemsOf(t, procedure.documents, provided, files);
    setProblems(found);
    if (found.length > 0 || !chosenCenter) return;
    const positions = procedure.documents.map((d, i) => ({ d, position: i + 1 })).filter(({ d, position }) => d.condition === null || provided.has(position)).map(({ position }) => position);
    const chosen = new Map([...files].filter(([position]) => positions.includes(position)));
    submit.mutate(submissionForm(toData(chosenCenter, procedure.code, applicant, representative, positions), chosen), {
      onSuccess: (receipt) => {
        clearDraft(procedure.code);
        onDone(receipt);
        window.scrollTo(0, 0);
      },
    });
  };

  return (
    <form className="online-form" onSubmit={onSubmit} noValidate={false}>
      {restored && (
        <div className="alert alert-info" role="status" data-testid="draft-restored">
          <p>{t('online.draftRestored')}</p>
        </div>
      )}
      <p className="hint">{t('online.draftNote')}</p>
      {(centers.data?.length ?? 0) > 1 && (
        <div className="form-field">
          <label htmlFor="online-center">{t('online.center')}</label>
          <select id="online-center" value={chosenCenter} onChange={(e) => setCenter(e.target.value)}>
            {centers.data?.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {centers.data?.length === 1 && (
        <p>
          {t('online.center')}: <strong>{centers.data[0]?.name}</strong>
        </p>
      )}
      <ApplicantFields value={applicant} onChange={setApplicant} />
      <fieldset className="form-section">
        <legend>{t('dossier.reception.representative')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={representative !== null} onChange={(e) => setRepresentative(e.target.checked ? EMPTY_REPRESENTATIVE : null)} />
          {t('dossier.reception.hasRepresentative')}
        </label>
        {representative && <RepresentativeFields value={representative} onChange={setRepresentative} />}
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('online.documents')}</legend>
        <p className="hint" id="online-files-hint">
          {t('online.filesHint')}
        </p>
        <ol className="online-documents">
          {procedure.documents.map((d, i) => {
            const position = i + 1;
            const needed = d.condition === null || provided.has(position);
            return (
              <li key={position} className="online-document">
                <p className="strong" id={`doc-${position}-name`}>
                  {d.name}
                  {d.condition === null && <span className="required-mark"> *</span>}
                </p>
                {d.condition && (
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={provided.has(position)}
                      onChange={(e) => {
                        const next = new Set(provided);
                        if (e.target.checked) next.add(position);
                        else next.delete(position);
                        setProvided(next);
                      }}
                    />{' '}
                    {t('online.conditional', { condition: d.condition })}
                  </label>
                )}
                {needed && (
                  <>
                    <label htmlFor={`doc-file-${position}`} className="visually-hidden">
                      {t('online.chooseFileFor', { name: d.name })}
                    </label>
                    <DocumentFileInput id={`doc-file-${position}`} describedBy="online-files-hint" files={files.get(position) ?? []} onChange={(list) => setFiles(new Map(files).set(position, list))} />
                  </>
                )}
              </li>
            );
          })}
        </ol>
      </fieldset>
      {problems.length > 0 && (
        <div className="alert alert-error" role="alert">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {submit.isError && <ErrorMessage error={submit.error} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submit.isPending}>
          {submit.isPending ? t('online.sending') : t('online.submit')}
        </button>
      </div>
    </form>
  );
}

function SubmissionResult({ receipt }: { receipt: OnlineSubmissionReceipt }) {
  const { t } = useTranslation();
  return (
    <section className="card online-result" aria-labelledby="online-result-title">
      <h2 id="online-result-title">{t('online.resultTitle')}</h2>
      <p>{t('online.resultReference')}</p>
      <p className="dossier-code-large" data-testid="online-reference">
        {receipt.reference}
      </p>
      <p>{t('online.resultNext')}</p>
      <p>
        <Link className="button button-primary" to={receipt.statusPath} data-testid="online-status-link">
          {t('online.openStatus')}
        </Link>
      </p>
      <p className="hint">{t('online.keepLink')}</p>
      <p className="status-link-text">
        <code>{`${window.location.origin}${receipt.statusPath}`}</code>
      </p>
    </section>
  );
}

/** /nop-truc-tuyen/:code — a citizen submits a dossier online for a procedure available online. */
export function OnlineSubmitPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const procedure = useProcedure(code);
  const [receipt, setReceipt] = useState<OnlineSubmissionReceipt | null>(null);
  useDocumentTitle(t('online.title'));
  return (
    <div className="container page online-page">
      <p className="no-print">
        <Link to={`/thu-tuc/${encodeURIComponent(code)}`}>← {t('online.backToProcedure')}</Link>
      </p>
      <h1>{t('online.title')}</h1>
      {procedure.isPending ? (
        <Loading />
      ) : procedure.isError ? (
        <ErrorMessage error={procedure.error} />
      ) : (
        <>
          <p className="online-procedure" lang="vi">
            {procedure.data.name} <span className="code">({procedure.data.code})</span>
          </p>
          {receipt ? (
            <SubmissionResult receipt={receipt} />
          ) : procedure.data.online ? (
            <SubmissionForm procedure={procedure.data} onDone={setReceipt} />
          ) : (
            <div className="alert alert-info">
              <p>{t('online.notAvailable')}</p>
            </div>
          )}
        </>
      )}
    </div>
  );
}
