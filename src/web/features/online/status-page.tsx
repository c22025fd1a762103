import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDateTime } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { StatusBadge } from '../dossiers/badges.js';
import { fileProblem, formatSize, publicSlipUrl, useOnlineStatus, useResubmit, type OnlineStatus } from './api.js';
import { DocumentFileInput } from './file-picker.js';
import '../../styles/dossiers.css';
import './online.css';

/** The documents asked for, each with a file input; sends them all at once (the dossier goes back to review). */
function Resubmit({ token, status }: { token: string; status: OnlineStatus }) {
  const { t } = useTranslation();
  const resubmit = useResubmit(token);
  const asked = status.documents.filter((d) => d.status === 'missing' || d.status === 'invalid');
  const [files, setFiles] = useState<Map<number, File[]>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const empty = asked.find((d) => (files.get(d.position)?.length ?? 0) === 0);
    if (empty) return setProblem(t('online.needFile', { name: empty.name }));
    if ([...files.values()].flat().some((f) => fileProblem(f) !== null)) return setProblem(t('online.fixFiles'));
    setProblem(null);
    const form = new FormData();
    for (const [position, list] of files) for (const f of list) form.append(`doc-${position}`, f, f.name);
    resubmit.mutate(form);
  };
  if (asked.length === 0) return null;
  return (
    <form className="card online-resubmit" onSubmit={onSubmit} aria-labelledby="resubmit-title">
      <h2 id="resubmit-title">{t('online.resubmitTitle')}</h2>
      <ol className="online-documents">
        {asked.map((d) => (
          <li key={d.position} className="online-document">
            <label htmlFor={`re-file-${d.position}`} className="strong">
              {d.name}
            </label>
            {d.note && <p className="timeline-comment">{d.note}</p>}
            <DocumentFileInput id={`re-file-${d.position}`} files={files.get(d.position) ?? []} onChange={(list) => setFiles(new Map(files).set(d.position, list))} />
          </li>
        ))}
      </ol>
      {problem && (
        <div className="alert alert-error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {resubmit.isError && <ErrorMessage error={resubmit.error} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={resubmit.isPending}>
          {resubmit.isPending ? t('online.sending') : t('online.resubmit')}
        </button>
      </div>
    </form>
  );
}

function StatusView({ token, status }: { token: string; status: OnlineStatus }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="card online-status" aria-labelledby="online-status-title">
        <p className="muted small">{status.centerName}</p>
        <h2 id="online-status-title" lang="vi">
          {status.procedureName}
        </h2>
        <dl className="facts">
          <div>
            <dt>{t('online.reference')}</dt>
            <dd className="code" data-testid="status-reference">
              {status.reference}
            </dd>
          </div>
          <div>
            <dt>{t('dossier.applicant')}</dt>
            <dd>{status.applicant}</dd>
          </div>
          <div>
            <dt>{t('online.submittedAt')}</dt>
            <dd>{formatDateTime(status.submittedAt)}</dd>
          </div>
          <div>
            <dt>{t('dossier.statusLabel')}</dt>
            <dd>
              <StatusBadge status={status.status} label={status.statusLabel} />
            </dd>
          </div>
          {status.code && (
            <div>
              <dt>{t('dossier.code')}</dt>
              <dd className="dossier-code" data-testid="status-code">
                {status.code}
              </dd>
            </div>
          )}
          {status.dueAt && (
            <div>
              <dt>{t('dossier.dueAt')}</dt>
              <dd>{formatDateTime(status.dueAt)}</dd>
            </div>
          )}
        </dl>
        {status.status === 'submitted' && <p className="alert alert-info">{t('online.waitingReview')}</p>}
        {status.code && <p className="alert alert-success">{t('online.acceptedNote', { code: status.code })}</p>}
      </section>

      {status.request && (
        <section className="card online-request" aria-labelledby="online-request-title">
          <h2 id="online-request-title">{t('online.requestTitle')}</h2>
          {status.request.reason && <p>{status.request.reason}</p>}
          <ul className="plain-list">
            {status.request.items.map((item, i) => (
              <li key={`${item.name}-${i}`}>
                <span className="strong">{item.name}</span>
                {item.note && <span className="block muted">{item.note}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {status.refusal && (
        <section className="card online-refusal" aria-labelledby="online-refusal-title">
          <h2 id="online-refusal-title">{t('online.refusalTitle')}</h2>
          <ul>
            {status.refusal.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
      {status.slip && (
        <p>
          <a className="button button-secondary" href={publicSlipUrl(token)} download>
            {status.slip === 'receipt' ? t('online.slipReceipt') : status.slip === 'supplement' ? t('online.slipSupplement') : t('online.slipRefusal')}
          </a>
        </p>
      )}
      {status.canResubmit && <Resubmit token={token} status={status} />}

      <section className="card" aria-labelledby="online-docs-title">
        <h2 id="online-docs-title">{t('online.sentDocuments')}</h2>
        <ol className="online-documents">
          {status.documents
            .filter((d) => d.files.length > 0 || d.status !== 'not_applicable')
            .map((d) => (
              <li key={d.position} className="online-document">
                <p className="strong">
                  {d.name} <span className={`doc-status doc-status-${d.status}`}>— {t(`dossier.documentStatus.${d.status}`, { defaultValue: d.status })}</span>
                </p>
                <ul className="file-list">
                  {d.files.map((f, i) => (
                    <li key={`${f.name}-${i}`}>
                      {f.name} <span className="muted small">({formatSize(f.size)})</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="online-timeline-title">
        <h2 id="online-timeline-title">{t('dossier.lookup.timeline')}</h2>
        <ol className="timeline">
          {status.timeline.map((step, i) => (
            <li key={`${step.at}-${i}`} className="timeline-item">
              <time dateTime={step.at} className="timeline-time">
                {formatDateTime(step.at)}
              </time>
              <p className="strong">{t(`dossier.status.${step.status}`, { defaultValue: step.label })}</p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** /nop-truc-tuyen/trang-thai/:token — the citizen's private status page of an online submission. */
export function OnlineStatusPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const status = useOnlineStatus(token);
  useDocumentTitle(t('online.statusTitle'));
  return (
    <div className="container page online-page">
      <h1>{t('online.statusTitle')}</h1>
      <p className="hint">{t('online.privateLink')}</p>
      {status.isPending ? <Loading /> : status.isError ? <ErrorMessage error={status.error} onRetry={() => void status.refetch()} /> : <StatusView token={token} status={status.data} />}
    </div>
  );
}
