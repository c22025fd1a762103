import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useOnlineWorklist } from './api.js';
import '../../styles/dossiers.css';
import './online.css';

/** /ho-so/truc-tuyen — online submissions waiting for the receptionist's review, oldest first. */
export function OnlineReviewListPage() {
  const { t } = useTranslation();
  const list = useOnlineWorklist();
  useDocumentTitle(t('online.reviewListTitle'));
  return (
    <div className="container page dossier-page">
      <p>
        <Link to="/ho-so">← {t('dossier.worklist.title')}</Link>
      </p>
      <h1>{t('online.reviewListTitle')}</h1>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="muted">{t('online.reviewListEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table stack-table">
            <thead>
              <tr>
                <th scope="col">{t('online.reference')}</th>
                <th scope="col">{t('dossier.applicant')}</th>
                <th scope="col">{t('dossier.procedure')}</th>
                <th scope="col">{t('online.submittedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => (
                <tr key={d.id}>
                  <td data-label={t('online.reference')}>
                    <Link to={`/ho-so/${d.id}`} className="code">
                      {d.reference ?? d.id}
                    </Link>
                  </td>
                  <td data-label={t('dossier.applicant')}>{d.applicantName}</td>
                  <td data-label={t('dossier.procedure')}>{d.procedureName}</td>
                  <td data-label={t('online.submittedAt')}>{d.submittedAt ? formatDateTime(d.submittedAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
