import { useTranslation } from 'react-i18next';
import { formatDate, isoWeekdayOf, todayCivil } from '../../lib/format.js';
import type { Call } from './voice/compose.js';
import type { Board, BoardCall } from './api.js';

/** How many earlier calls the board lists under the newest one. */
export const RECENT_CALLS = 5;

const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

export function BoardClock({ now }: { now: Date }) {
  const { t } = useTranslation();
  return (
    <div className="board-clock">
      <time className="board-time" dateTime={now.toISOString()}>
        {timeFormat.format(now)}
      </time>
      <span className="board-date">
        {t(`weekday.${isoWeekdayOf(todayCivil(now))}`)}, {formatDate(now)}
      </span>
    </div>
  );
}

function isSpeaking(call: BoardCall, speaking: Call | null): boolean {
  return speaking !== null && speaking.ticket === call.ticket && speaking.counter === call.counter;
}

/** The newest call, very large, and the few before it. */
export function BoardCalls({ calls, speaking }: { calls: BoardCall[]; speaking: Call | null }) {
  const { t } = useTranslation();
  const [latest, ...earlier] = calls;
  return (
    <section className="board-calls" aria-labelledby="board-calls-title">
      <h2 id="board-calls-title" className="board-heading">
        {t('board.nowCalling')}
      </h2>
      {latest ? (
        <div className={`board-latest${isSpeaking(latest, speaking) ? ' speaking' : ''}`} data-testid="board-latest">
          <span className="board-latest-ticket">{latest.ticket}</span>
          <span className="board-arrow" aria-hidden="true">
            ➜
          </span>
          <span className="board-latest-counter">
            <span className="board-latest-label">{t('board.counter')}</span>
            <span className="board-latest-number">{latest.counter}</span>
          </span>
        </div>
      ) : (
        <p className="board-empty">{t('board.noCalls')}</p>
      )}
      {earlier.length > 0 && (
        <ol className="board-recent" aria-label={t('board.recent')}>
          {earlier.slice(0, RECENT_CALLS).map((c) => (
            <li key={c.id} className={isSpeaking(c, speaking) ? 'speaking' : undefined}>
              <span className="board-recent-ticket">{c.ticket}</span>
              <span className="board-recent-counter">{t('board.counterN', { number: c.counter })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Each open (or paused) counter and the number it serves. */
export function BoardCounters({ counters }: { counters: Board['counters'] }) {
  const { t } = useTranslation();
  const shown = counters.filter((c) => c.status !== 'closed');
  return (
    <section className="board-counters" aria-labelledby="board-counters-title">
      <h2 id="board-counters-title" className="board-heading">
        {t('board.counters')}
      </h2>
      {shown.length === 0 ? (
        <p className="board-empty">{t('board.noCounters')}</p>
      ) : (
        <table className="board-table">
          <thead>
            <tr>
              <th scope="col">{t('board.counter')}</th>
              <th scope="col">{t('board.serving')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.number} data-testid={`board-counter-${c.number}`}>
                <th scope="row">{c.number}</th>
                <td>{c.status === 'paused' ? <span className="board-paused">{t('board.paused')}</span> : (c.ticket ?? '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** People waiting per field. */
export function BoardWaiting({ fields }: { fields: Board['fields'] }) {
  const { t } = useTranslation();
  return (
    <section className="board-waiting" aria-labelledby="board-waiting-title">
      <h2 id="board-waiting-title" className="board-heading">
        {t('board.waiting')}
      </h2>
      <ul>
        {fields.map((f) => (
          <li key={f.prefix}>
            <span className="board-prefix" aria-hidden="true">
              {f.prefix}
            </span>
            <span className="board-field-name">{f.name}</span>
            <span className="board-field-count">{t('board.waitingCount', { count: f.waiting })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
