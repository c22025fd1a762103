import { useTranslation } from 'react-i18next';
import { formatNumber, formatTime } from '../../lib/format.js';
import type { ConsoleAction, CounterConsole } from './api.js';

type Act = (action: ConsoleAction) => void;

/** The waiting tickets of my counter's fields, in calling order; any one can be called directly. */
export function WaitingList({ view, pending, act }: { view: CounterConsole; pending: boolean; act: Act }) {
  const { t } = useTranslation();
  const canCall = view.state.mine && view.state.status === 'open' && view.current === null;
  const next = view.next ? view.waiting.find((w) => w.id === view.next?.ticketId) : undefined;
  return (
    <section className="card" aria-labelledby="console-waiting-title">
      <h2 id="console-waiting-title">
        {t('counter.waitingTitle')} <span className="badge badge-online">{view.waiting.length}</span>
      </h2>
      {next && view.next && (
        <p className="console-why" data-testid="console-why">
          <strong>{t('counter.nextIs', { number: next.number })}</strong> {view.next.explanation.text}
        </p>
      )}
      {view.waiting.length === 0 ? (
        <p className="empty">{t('counter.nobodyWaiting')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table console-waiting">
            <caption className="visually-hidden">{t('counter.waitingCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('counter.col.number')}</th>
                <th scope="col">{t('counter.col.field')}</th>
                <th scope="col">{t('counter.col.issued')}</th>
                <th scope="col">{t('counter.col.waited')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {view.waiting.map((w) => (
                <tr key={w.id} className={view.next?.ticketId === w.id ? 'is-next' : undefined}>
                  <th scope="row" className="console-list-number">
                    {w.number}
                    {view.next?.ticketId === w.id && <span className="status status-ok">{t('counter.next')}</span>}
                    {w.priorityGroup && <span className="status status-warn">{t('counter.priority')}</span>}
                    {w.transferredHere && <span className="status status-info">{t('counter.transferred')}</span>}
                  </th>
                  <td>{w.fieldName}</td>
                  <td className="nowrap">{formatTime(w.issuedAt)}</td>
                  <td className="nowrap">{t('counter.minutes', { count: w.waitedMinutes })}</td>
                  <td className="actions">
                    <button type="button" className="button button-small button-secondary" disabled={pending || !canCall} onClick={() => act({ kind: 'call', ticketId: w.id })}>
                      {t('counter.call')}
                      <span className="visually-hidden"> {w.number}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Tickets marked no-show today: one who comes back is put in the queue again. */
export function NoShowList({ view, pending, act }: { view: CounterConsole; pending: boolean; act: Act }) {
  const { t } = useTranslation();
  if (view.noShows.length === 0) return null;
  return (
    <section className="card" aria-labelledby="console-noshow-title">
      <h2 id="console-noshow-title">{t('counter.noShows')}</h2>
      <ul className="console-noshows" role="list">
        {view.noShows.map((n) => (
          <li key={n.id}>
            <span className="console-list-number">{n.number}</span>
            <span className="muted small">{n.fieldName}</span>
            <button type="button" className="button button-small button-secondary" disabled={pending} onClick={() => act({ kind: 'requeue', ticketId: n.id })}>
              {t('counter.requeue')}
              <span className="visually-hidden"> {n.number}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** My day: how many I served and my average service time. */
export function MyDay({ view }: { view: CounterConsole }) {
  const { t, i18n } = useTranslation();
  const avg = view.myDay.averageServiceMinutes;
  return (
    <section className="card console-day" aria-labelledby="console-day-title">
      <h2 id="console-day-title">{t('counter.myDay')}</h2>
      <dl className="stats">
        <div>
          <dt>{t('counter.served')}</dt>
          <dd data-testid="my-served">{view.myDay.served}</dd>
        </div>
        <div>
          <dt>{t('counter.avgService')}</dt>
          <dd>{avg === null ? '—' : t('counter.minutesShort', { value: formatNumber(avg, i18n.language) })}</dd>
        </div>
      </dl>
    </section>
  );
}
