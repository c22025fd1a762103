import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useSession } from '../auth/api.js';
import { useDossier, type DossierView } from './api.js';
import { FeesPanel, FilesCard, SlipLinks, SummaryCard } from './dossier-extras.js';
import { DueDate, StatusBadge, TimelinessBadge } from './badges.js';
import { DossierActions } from './dossier-actions.js';
import { OnlineReview } from '../online/review-panel.js';
import '../../styles/dossiers.css';

function Header({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  return (
    <header className="card dossier-header">
      <p className="muted small">{dossier.procedureName}</p>
      <h1 className="dossier-code">{dossier.code ?? t('dossier.noCode')}</h1>
      <dl className="facts">
        <div>
          <dt>{t('dossier.statusLabel')}</dt>
          <dd>
            <StatusBadge status={dossier.status} label={dossier.statusLabel} />
          </dd>
        </div>
        <div>
          <dt>{t('dossier.receivedAt')}</dt>
          <dd>{dossier.receivedAt ? formatDateTime(dossier.receivedAt) : '—'}</dd>
        </div>
        <div>
          <dt>{t('dossier.dueAt')}</dt>
          <dd>
            <DueDate dueAt={dossier.dueAt} newDueAt={dossier.newDueAt} /> <TimelinessBadge timeliness={dossier.timeliness} />
          </dd>
        </div>
      </dl>
      <SlipLinks dossier={dossier} />
    </header>
  );
}

function Applicant({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const a = dossier.applicant;
  return (
    <section className="card dossier-applicant-card" aria-labelledby="dossier-applicant">
      <h2 id="dossier-applicant">{t('dossier.applicant')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('dossier.field.name')}</dt>
          <dd>{a.name}</dd>
        </div>
        <div>
          <dt>{t('dossier.field.idNumber')}</dt>
          <dd className="code">{a.idNumber}</dd>
        </div>
        <div>
          <dt>{t('dossier.field.phone')}</dt>
          <dd>{a.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('dossier.field.address')}</dt>
          <dd>{a.address || '—'}</dd>
        </div>
      </dl>
    </section>
  );
}

function Documents({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  return (
    <section className="card dossier-documents-card" aria-labelledby="dossier-documents">
      <h2 id="dossier-documents">{t('dossier.reception.documents')}</h2>
      <div className="table-scroll">
        <table className="data-table stack-table stack-table-compact">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('dossier.documentName')}</th>
              <th scope="col" className="nowrap">
                {t('dossier.copies')}
              </th>
              <th scope="col" className="nowrap">
                {t('dossier.statusLabel')}
              </th>
            </tr>
          </thead>
          <tbody>
            {dossier.documents.map((d) => (
              <tr key={d.position}>
                <td data-label="#">{d.position}</td>
                <td data-label={t('dossier.documentName')}>{d.name}</td>
                <td className="nowrap" data-label={t('dossier.copies')}>
                  {d.copiesReceived}/{d.copiesRequired}
                </td>
                <td className="nowrap" data-label={t('dossier.statusLabel')}>
                  <span className={`doc-status doc-status-${d.status}`}>{t(`dossier.documentStatus.${d.status}`, { defaultValue: d.status })}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function History({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  return (
    <section className="card dossier-history-card" aria-labelledby="dossier-history">
      <h2 id="dossier-history">{t('dossier.history')}</h2>
      <ol className="timeline">
        {dossier.events.map((e, i) => (
          <li key={`${e.at}-${i}`} className="timeline-item">
            <time dateTime={e.at} className="timeline-time">
              {formatDateTime(e.at)}
            </time>
            <div>
              <p className="strong">{t(`dossier.event.${e.action}`, { defaultValue: e.action })}</p>
              <p className="muted small">
                {e.actorName ?? ''}
                {e.actorName ? ' · ' : ''}
                {t(`dossier.status.${e.toStatus}`, { defaultValue: e.toStatus })}
              </p>
              {e.comment && <p className="timeline-comment">{e.comment}</p>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** /ho-so/:id: one dossier, its history, and what I can do with it now. */
export function DossierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const dossier = useDossier(id);
  const session = useSession();
  useDocumentTitle(dossier.data?.code ?? t('dossier.title'));
  return (
    <div className="container page dossier-page">
      <p>
        <Link to="/ho-so">← {t('dossier.worklist.title')}</Link>
        {' · '}
        <Link to="/ho-so/truc-tuyen">{t('online.reviewListTitle')}</Link>
      </p>
      {dossier.isPending ? (
        <Loading />
      ) : dossier.isError ? (
        <ErrorMessage error={dossier.error} onRetry={() => void dossier.refetch()} />
      ) : (
        <div className="dossier-layout">
          <div className="dossier-main">
            <Header dossier={dossier.data} />
            <OnlineReview dossier={dossier.data} me={session.data} />
            <Applicant dossier={dossier.data} />
            <Documents dossier={dossier.data} />
          </div>
          <div className="dossier-side">
            {session.data?.role === 'leader' && dossier.data.status === 'awaiting_approval' && <SummaryCard dossier={dossier.data} />}
            {/* An online submission under review is decided in its review panel. */}
            {session.data && !['submitted', 'incomplete'].includes(dossier.data.status) && <DossierActions dossier={dossier.data} me={session.data} />}
            {session.data && <FeesPanel dossier={dossier.data} me={session.data} />}
            <FilesCard dossier={dossier.data} />
            <History dossier={dossier.data} />
          </div>
        </div>
      )}
    </div>
  );
}
