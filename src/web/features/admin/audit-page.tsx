import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditQuery } from '../../../shared/schemas/audit.js';
import { formatDateTime } from '../../lib/format.js';
import { DateInput } from '../../ui/date-input.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { Pagination } from '../../ui/pagination.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useAudit } from './api.js';

const PAGE_SIZE = 50;
type Filters = Required<Pick<AuditQuery, 'action' | 'actor' | 'from' | 'to'>>;
const NO_FILTERS: Filters = { action: '', actor: '', from: '', to: '' };

const ROLE_KEYS = {
  admin: 'role.admin',
  leader: 'role.leader',
  receptionist: 'role.receptionist',
  specialist: 'role.specialist',
  kiosk: 'deviceKind.kiosk',
  display: 'deviceKind.display',
  rating: 'deviceKind.rating',
} as const;

function isRoleKey(role: string): role is keyof typeof ROLE_KEYS {
  return Object.hasOwn(ROLE_KEYS, role);
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

function EntryRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const hasChange = (entry.before ?? null) !== null || (entry.after ?? null) !== null;
  return (
    <tr>
      <td className="nowrap">{formatDateTime(entry.at)}</td>
      <td>
        {entry.actorName ?? t('admin.audit.system')}
        {entry.actorRole && <span className="block small muted">{isRoleKey(entry.actorRole) ? t(ROLE_KEYS[entry.actorRole]) : entry.actorRole}</span>}
      </td>
      <td className="code">{entry.action}</td>
      <td className="small">
        {entry.targetType && <span className="block">{entry.targetType}</span>}
        {entry.targetId && <span className="code block">{entry.targetId}</span>}
      </td>
      <td className="code small">{entry.ip ?? '—'}</td>
      <td>
        {hasChange && (
          <details>
            <summary>{t('admin.audit.showChange')}</summary>
            <div className="change">
              <div>
                <p className="small strong">{t('admin.audit.before')}</p>
                <Json value={entry.before} />
              </div>
              <div>
                <p className="small strong">{t('admin.audit.after')}</p>
                <Json value={entry.after} />
              </div>
            </div>
          </details>
        )}
      </td>
    </tr>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.nav.audit'));
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const query: AuditQuery = { ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')), page, pageSize: PAGE_SIZE };
  const audit = useAudit(query);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilters({ ...draft, action: draft.action.trim(), actor: draft.actor.trim() });
    setPage(1);
  }

  return (
    <section aria-labelledby="admin-audit-title">
      <h1 id="admin-audit-title">{t('admin.audit.title')}</h1>
      <form className="filters" onSubmit={submit}>
        <div className="form-field">
          <label htmlFor="audit-action">{t('admin.audit.action')}</label>
          <input id="audit-action" aria-describedby="audit-action-hint" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
          <p id="audit-action-hint" className="hint">
            {t('admin.audit.actionHint')}
          </p>
        </div>
        <div className="form-field">
          <label htmlFor="audit-actor">{t('admin.audit.actor')}</label>
          <input id="audit-actor" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
        </div>
        <div className="form-field">
          <label htmlFor="audit-from">{t('admin.audit.from')}</label>
          <DateInput id="audit-from" value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} />
        </div>
        <div className="form-field">
          <label htmlFor="audit-to">{t('admin.audit.to')}</label>
          <DateInput id="audit-to" value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('admin.audit.apply')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
              setPage(1);
            }}
          >
            {t('admin.audit.clear')}
          </button>
        </div>
      </form>
      {audit.isPending && <Loading />}
      {audit.isError && <ErrorMessage error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.data && (
        <>
          <p className="muted" aria-live="polite">
            {t('admin.audit.count', { count: audit.data.total })}
          </p>
          <div className="table-scroll">
            <table className="data-table audit-table" aria-busy={audit.isFetching}>
              <caption className="visually-hidden">{t('admin.audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.at')}</th>
                  <th scope="col">{t('admin.audit.actor')}</th>
                  <th scope="col">{t('admin.audit.action')}</th>
                  <th scope="col">{t('admin.audit.target')}</th>
                  <th scope="col">{t('admin.audit.ip')}</th>
                  <th scope="col">{t('admin.audit.change')}</th>
                </tr>
              </thead>
              <tbody>
                {audit.data.items.map((e) => (
                  <EntryRow key={e.id} entry={e} />
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={PAGE_SIZE} total={audit.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
