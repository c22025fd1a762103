import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { foldVietnamese } from '../../../shared/text.js';
import { formatNumber } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { Pagination } from '../../ui/pagination.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useCanManage } from './admin-layout.js';
import { useProcedureFields } from '../portal/api.js';
import { useCenterProcedures, useFields, type ProcedureRow } from './api.js';
import { ProcedureSettingsForm } from './procedure-settings-form.js';

const PAGE_SIZE = 25;

export function ProceduresPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('admin.nav.procedures'));
  const canManage = useCanManage();
  const rows = useCenterProcedures();
  const fields = useFields();
  const [filter, setFilter] = useState('');
  const [onlyEnabled, setOnlyEnabled] = useState(false);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<string | null>(null);

  const visible = useMemo(() => {
    const words = foldVietnamese(filter).split(' ').filter(Boolean);
    return (rows.data ?? []).filter((r) => {
      if (onlyEnabled && !r.settings.enabled) return false;
      const haystack = foldVietnamese(`${r.name} ${r.code} ${r.fieldName}`);
      return words.every((w) => haystack.includes(w));
    });
  }, [rows.data, filter, onlyEnabled]);
  const pageRows = visible.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const fieldList = fields.data ?? [];
  const national = useProcedureFields();
  /** The center field chosen for the procedure, else the one whose national fields include it. */
  const receivingField = (r: ProcedureRow): string => {
    const chosen = fieldList.find((f) => f.id === r.settings.fieldId);
    if (chosen) return chosen.name;
    const code = national.data?.find((n) => n.name === r.fieldName)?.code;
    const byDefault = code ? fieldList.find((f) => f.nationalFields.includes(code)) : undefined;
    return byDefault ? t('admin.procedures.byDefault', { name: byDefault.name }) : t('admin.procedures.noField');
  };
  const columns = canManage ? 6 : 5;

  return (
    <section aria-labelledby="admin-procedures-title">
      <h1 id="admin-procedures-title">{t('admin.procedures.title')}</h1>
      <p className="muted">{t('admin.procedures.intro')}</p>
      <div className="filters">
        <div className="form-field grow">
          <label htmlFor="proc-filter">{t('admin.procedures.filter')}</label>
          <input
            id="proc-filter"
            type="search"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setPage(1);
            }}
          />
        </div>
        <div className="checkbox">
          <input
            id="proc-only-enabled"
            type="checkbox"
            checked={onlyEnabled}
            onChange={(e) => {
              setOnlyEnabled(e.target.checked);
              setPage(1);
            }}
          />
          <label htmlFor="proc-only-enabled">{t('admin.procedures.onlyEnabled')}</label>
        </div>
      </div>
      {rows.isPending && <Loading />}
      {rows.isError && <ErrorMessage error={rows.error} onRetry={() => void rows.refetch()} />}
      {rows.data && (
        <>
          <p className="muted" aria-live="polite">
            {t('admin.procedures.count', { count: visible.length })}
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('admin.procedures.title')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="col-wide">
                    {t('procedure.name')}
                  </th>
                  <th scope="col">{t('admin.procedures.nationalField')}</th>
                  <th scope="col">{t('procedure.processingTime')}</th>
                  <th scope="col">{t('admin.procedures.centerField')}</th>
                  <th scope="col">{t('admin.procedures.enabled')}</th>
                  {canManage && <th scope="col">{t('common.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {pageRows.map((r) => (
                  <Fragment key={r.code}>
                    <tr className={r.settings.enabled ? undefined : 'inactive'}>
                      <td>
                        <Link to={`/thu-tuc/${encodeURIComponent(r.code)}`}>{r.name}</Link>
                        <span className="code small block">{r.code}</span>
                        {r.settings.localNotes && <span className="small block muted">{r.settings.localNotes}</span>}
                      </td>
                      <td>{r.fieldName}</td>
                      <td className="nowrap">
                        {r.workingDays === null ? '—' : t('procedure.workingDays', { count: r.workingDays, days: formatNumber(r.workingDays, i18n.language) })}
                        {r.settings.localWorkingDays !== null && (
                          <span className="block small">
                            {t('admin.procedures.localValue', { days: formatNumber(r.settings.localWorkingDays, i18n.language) })}
                          </span>
                        )}
                      </td>
                      <td>{receivingField(r)}</td>
                      <td>{r.settings.enabled ? t('common.yes') : t('common.no')}</td>
                      {canManage && (
                        <td className="actions">
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            aria-expanded={editing === r.code}
                            onClick={() => setEditing(editing === r.code ? null : r.code)}
                          >
                            {t('admin.procedures.configure')}
                            <span className="visually-hidden"> {r.name}</span>
                          </button>
                        </td>
                      )}
                    </tr>
                    {editing === r.code && (
                      <tr className="editor-row">
                        <td colSpan={columns}>
                          <ProcedureSettingsForm row={r} fields={fieldList} onDone={() => setEditing(null)} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={PAGE_SIZE} total={visible.length} onPage={setPage} />
        </>
      )}
    </section>
  );
}
