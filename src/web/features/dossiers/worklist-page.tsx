import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDebouncedValue } from '../../lib/use-debounced-value.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { Pagination } from '../../ui/pagination.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useSession } from '../auth/api.js';
import { PAGE_SIZE, useWorklist, WORKLIST_VIEWS, type WorklistView } from './api.js';
import { DueDate, StatusBadge, TimelinessBadge } from './badges.js';
import { ProgressPanel, RegisterExport } from './dossier-extras.js';
import '../../styles/dossiers.css';

/** The tab in the address, else "mine" for specialists (their work) and "all" for the others. */
function viewOf(value: string | null, role: string | undefined): WorklistView {
  return WORKLIST_VIEWS.find((v) => v === value) ?? (role === 'specialist' ? 'mine' : 'all');
}

/** /ho-so: the staff's worklists, one tab per list, searchable without diacritics. */
export function WorklistPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('dossier.worklist.title'));
  const [params, setParams] = useSearchParams();
  const role = useSession().data?.role;
  const view = viewOf(params.get('view'), role);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(text.trim(), 300);
  const list = useWorklist({ view, q, page });

  const inAddress = params.get('q') ?? '';
  useEffect(() => {
    if (inAddress === q) return;
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (q) next.set('q', q);
        else next.delete('q');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [q, inAddress, setParams]);

  const go = (patch: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  return (
    <div className="container page dossier-page">
      <h1>{t('dossier.worklist.title')}</h1>
      <p className="worklist-links">
        <Link to="/ho-so/truc-tuyen">{t('online.reviewListTitle')}</Link>
        {' · '}
        <Link to="/ho-so/tro-ly">{t('handoffs.title')}</Link>
      </p>
      {(role === 'leader' || role === 'admin') && <ProgressPanel />}
      {role !== undefined && role !== 'specialist' && <RegisterExport />}
      <nav className="worklist-tabs" aria-label={t('dossier.worklist.tabs')}>
        {WORKLIST_VIEWS.map((v) => (
          <button key={v} type="button" className="worklist-tab" aria-current={v === view ? 'page' : undefined} onClick={() => go({ view: v, page: null })}>
            {t(`dossier.worklist.view.${v}`)}
          </button>
        ))}
      </nav>
      <div className="form-field worklist-search">
        <label htmlFor="worklist-q">{t('dossier.worklist.search')}</label>
        <input id="worklist-q" type="search" value={text} placeholder={t('dossier.worklist.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="empty">{t('dossier.worklist.empty')}</p>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('dossier.worklist.count', { count: list.data.total })}
          </p>
          <div className="table-scroll">
            <table className="data-table worklist-table stack-table" aria-busy={list.isFetching}>
              <thead>
                <tr>
                  <th scope="col">{t('dossier.code')}</th>
                  <th scope="col">{t('dossier.procedure')}</th>
                  <th scope="col">{t('dossier.applicant')}</th>
                  <th scope="col">{t('dossier.statusLabel')}</th>
                  <th scope="col">{t('dossier.dueAt')}</th>
                  <th scope="col">{t('dossier.timelinessLabel')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((d) => (
                  <tr key={d.id}>
                    <td className="code nowrap" data-label={t('dossier.code')}>
                      <Link to={`/ho-so/${d.id}`}>{d.code ?? t('dossier.noCode')}</Link>
                    </td>
                    <td data-label={t('dossier.procedure')}>{d.procedureName}</td>
                    <td data-label={t('dossier.applicant')}>{d.applicantName}</td>
                    <td data-label={t('dossier.statusLabel')}>
                      <StatusBadge status={d.status} label={d.statusLabel} />
                    </td>
                    <td data-label={t('dossier.dueAt')}>
                      <DueDate dueAt={d.dueAt} newDueAt={d.newDueAt} />
                    </td>
                    <td data-label={t('dossier.timelinessLabel')}>
                      <TimelinessBadge timeliness={d.timeliness} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={(p) => go({ page: String(p) })} />
        </>
      )}
    </div>
  );
}
