import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useCounterList, useFieldList } from './api.js';
import '../../styles/counter.css';

const LAST_COUNTER = 'motcua.counter';

export function rememberCounter(counterId: string): void {
  try {
    window.localStorage.setItem(LAST_COUNTER, counterId);
  } catch {
    // not remembered in private mode
  }
}

function lastCounter(): string | null {
  try {
    return window.localStorage.getItem(LAST_COUNTER);
  } catch {
    return null;
  }
}

/** /quay — the officer picks the counter they sit at (the last one used on this computer comes first). */
export function CounterPickerPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('counter.pickTitle'));
  const counters = useCounterList();
  const fields = useFieldList();
  const last = lastCounter();
  const list = (counters.data ?? []).filter((c) => c.active).sort((a, b) => Number(b.id === last) - Number(a.id === last) || a.number - b.number);
  return (
    <div className="container page">
      <h1>{t('counter.pickTitle')}</h1>
      <p className="muted">{t('counter.pickIntro')}</p>
      {counters.isPending && <Loading />}
      {counters.isError && <ErrorMessage error={counters.error} onRetry={() => void counters.refetch()} />}
      <ul className="counter-picker" role="list">
        {list.map((c) => (
          <li key={c.id}>
            <Link className="counter-pick" to={`/quay/${c.id}`}>
              <span className="counter-pick-number" aria-hidden="true">
                {c.number}
              </span>
              <span className="counter-pick-text">
                <span className="counter-pick-name">{c.name}</span>
                <span className="muted small">
                  {(fields.data ?? [])
                    .filter((f) => c.fieldIds.includes(f.id))
                    .map((f) => f.name)
                    .join(', ')}
                </span>
                {c.id === last && <span className="badge badge-online">{t('counter.lastUsed')}</span>}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
