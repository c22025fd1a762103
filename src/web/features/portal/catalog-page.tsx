import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDebouncedValue } from '../../lib/use-debounced-value.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { Pagination } from '../../ui/pagination.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useProcedureFields, useProcedureSearch } from './api.js';
import { ProcedureCard } from './procedure-card.js';

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 300;

function pageOf(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/**
 * The public catalog: search as you type (with or without diacritics), filter by field, page
 * through. The query lives in the address (?q=&field=&page=) so results can be shared and
 * the back button works.
 */
export function CatalogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('portal.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('field') ?? '';
  const page = pageOf(params.get('page'));

  const [text, setText] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    // The address changed under us (back button, a shared link): show its query in the box.
    setShownQ(q);
    if (q !== text.trim()) setText(q);
  }
  const typed = useDebouncedValue(text, DEBOUNCE_MS);

  // Typing settles → the address (and with it the query) follows, back on page 1. Only a
  // change of the typed text triggers this; `q` is the value of the same render.
  useEffect(() => {
    const trimmed = typed.trim();
    if (trimmed === q) return;
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (trimmed) next.set('q', trimmed);
        else next.delete('q');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [typed]);

  const fields = useProcedureFields();
  const search = useProcedureSearch({ q: q || undefined, field: field || undefined, page, pageSize: PAGE_SIZE });

  function update(changes: Record<string, string | null>) {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  }

  function goToPage(n: number) {
    update({ page: n > 1 ? String(n) : null });
    document.getElementById('results-heading')?.focus();
  }

  return (
    <div className="catalog">
      <section className="hero" aria-labelledby="catalog-title">
        <div className="container">
          <h1 id="catalog-title">{t('portal.title')}</h1>
          <p className="hero-intro">{t('portal.intro')}</p>
          <form className="search-form" role="search" onSubmit={(e) => e.preventDefault()}>
            <div className="search-box">
              <label htmlFor="catalog-q" className="search-label">
                {t('portal.searchLabel')}
              </label>
              <input
                id="catalog-q"
                type="search"
                className="search-input"
                placeholder={t('portal.searchPlaceholder')}
                autoComplete="off"
                enterKeyHint="search"
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </div>
            <div className="field-filter">
              <label htmlFor="catalog-field">{t('procedure.field')}</label>
              <select id="catalog-field" value={field} onChange={(e) => update({ field: e.target.value || null, page: null })}>
                <option value="">{t('portal.allFields')}</option>
                {fields.data?.map((f) => (
                  <option key={f.code} value={f.code}>
                    {t('portal.fieldOption', { name: f.name, n: f.count })}
                  </option>
                ))}
              </select>
            </div>
          </form>
        </div>
      </section>

      <section className="container results" aria-labelledby="results-heading">
        <h2 id="results-heading" className="results-heading" tabIndex={-1} aria-live="polite">
          {search.data ? t('portal.resultCount', { count: search.data.total }) : t('portal.results')}
        </h2>
        {search.isPending && <Loading />}
        {search.isError && <ErrorMessage error={search.error} onRetry={() => void search.refetch()} />}
        {search.data && search.data.items.length === 0 && (
          <div className="empty">
            <p>{t('portal.noResults')}</p>
            <p className="muted">{t('portal.noResultsHint')}</p>
          </div>
        )}
        {search.data && search.data.items.length > 0 && (
          <ol
            className={`result-list${search.isPlaceholderData ? ' is-stale' : ''}`}
            aria-busy={search.isFetching}
            data-query={search.isPlaceholderData ? undefined : q}
          >
            {search.data.items.map((p) => (
              <li key={p.code}>
                <ProcedureCard procedure={p} />
              </li>
            ))}
          </ol>
        )}
        {search.data && <Pagination page={page} pageSize={PAGE_SIZE} total={search.data.total} onPage={goToPage} />}
      </section>
    </div>
  );
}
