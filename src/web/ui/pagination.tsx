import { useTranslation } from 'react-i18next';

/** Previous / next paging with "page x of y"; hidden when everything fits on one page. */
export function Pagination({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('common.pagination')}>
      <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <span aria-hidden="true">‹ </span>
        {t('common.previous')}
      </button>
      <span className="pagination-status" aria-live="polite">
        {t('common.pageOf', { page, pages })}
      </span>
      <button type="button" className="button button-secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')}
        <span aria-hidden="true"> ›</span>
      </button>
    </nav>
  );
}
