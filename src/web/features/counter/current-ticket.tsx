import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Counter, Field } from '../../../shared/schemas/centers.js';
import { formatTime } from '../../lib/format.js';
import { useSession } from '../auth/api.js';
import { OUTCOMES, type ConsoleAction, type ConsoleTicket, type CounterConsole } from './api.js';

type Act = (action: ConsoleAction) => void;

function TransferForm({ ticket, fields, counters, self, pending, act }: { ticket: ConsoleTicket; fields: Field[]; counters: Counter[]; self: string; pending: boolean; act: Act }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const [kind, id] = target.split(':');
    if (!id) return;
    act({ kind: 'transfer', to: kind === 'field' ? { fieldId: id } : { counterId: id } });
    setTarget('');
  }
  return (
    <form className="console-transfer" onSubmit={submit}>
      <div className="form-field">
        <label htmlFor="transfer-target">{t('counter.transferTo')}</label>
        <select id="transfer-target" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('counter.transferChoose')}</option>
          <optgroup label={t('counter.toField')}>
            {fields
              .filter((f) => f.active && f.id !== ticket.fieldId)
              .map((f) => (
                <option key={f.id} value={`field:${f.id}`}>
                  {f.ticketPrefix} — {f.name}
                </option>
              ))}
          </optgroup>
          <optgroup label={t('counter.toCounter')}>
            {counters
              .filter((c) => c.active && c.id !== self)
              .map((c) => (
                <option key={c.id} value={`counter:${c.id}`}>
                  {c.name}
                </option>
              ))}
          </optgroup>
        </select>
      </div>
      <button type="submit" className="button button-secondary" disabled={pending || target === ''}>
        {t('counter.transfer')}
      </button>
    </form>
  );
}

function CalledActions({ pending, act }: { pending: boolean; act: Act }) {
  const { t } = useTranslation();
  return (
    <div className="console-actions">
      <button type="button" className="button button-primary" disabled={pending} onClick={() => act({ kind: 'start' })}>
        {t('counter.start')}
      </button>
      <button type="button" className="button button-secondary" disabled={pending} onClick={() => act({ kind: 'recall' })}>
        {t('counter.recall')}
      </button>
      <button type="button" className="button button-danger" disabled={pending} onClick={() => act({ kind: 'no-show' })}>
        {t('counter.noShow')}
      </button>
    </div>
  );
}

function FinishActions({ pending, act }: { pending: boolean; act: Act }) {
  const { t } = useTranslation();
  return (
    <div className="console-finish" role="group" aria-labelledby="console-finish-label">
      <p id="console-finish-label" className="strong">
        {t('counter.finishWith')}
      </p>
      <div className="console-actions">
        {OUTCOMES.map((outcome) => (
          <button key={outcome} type="button" className="button button-primary" disabled={pending} onClick={() => act({ kind: 'finish', outcome })}>
            {t(`counter.outcome.${outcome}`)}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The ticket at the counter now: recall / start / no-show while called; finish or transfer while serving. */
export function CurrentTicket(props: { view: CounterConsole; fields: Field[]; counters: Counter[]; pending: boolean; act: Act }) {
  const { t } = useTranslation();
  const { view, pending, act } = props;
  const role = useSession().data?.role;
  const ticket = view.current;
  const canWork = view.state.mine && view.state.status === 'open';
  if (!ticket) {
    return (
      <section className="card console-current" aria-labelledby="console-current-title">
        <h2 id="console-current-title">{t('counter.current')}</h2>
        <p className="muted">{t('counter.noCurrent')}</p>
        <button type="button" className="button button-primary console-call" disabled={pending || !canWork} onClick={() => act({ kind: 'call-next' })}>
          {t('counter.callNext')}
        </button>
      </section>
    );
  }
  const serving = ticket.status === 'serving';
  return (
    <section className="card console-current" aria-labelledby="console-current-title">
      <h2 id="console-current-title">{t('counter.current')}</h2>
      <div className="console-ticket">
        <span className="console-number" data-testid="console-number">
          {ticket.number}
        </span>
        <div>
          <p className="console-ticket-field">{ticket.fieldName}</p>
          <p className="muted">
            <span className={`status ${serving ? 'status-ok' : 'status-info'}`}>{t(`counter.ticketStatus.${serving ? 'serving' : 'called'}`)}</span>
            {ticket.priorityGroup && <span className="status status-warn">{ticket.priorityGroup}</span>}
            {ticket.transferredHere && <span className="status status-info">{t('counter.transferred')}</span>}
          </p>
          <p className="muted small">
            {t('counter.issuedAt', { time: formatTime(ticket.issuedAt) })} · {t('counter.waited', { count: ticket.waitedMinutes })}
            {ticket.callCount > 1 && <> · {t('counter.calledTimes', { count: ticket.callCount })}</>}
          </p>
        </div>
      </div>
      {serving && view.state.mine && (role === 'receptionist' || role === 'admin') && (
        <p>
          <Link className="button button-secondary" to={`/tiep-nhan?ticket=${encodeURIComponent(ticket.id)}`}>
            {t('counter.receiveDossier')}
          </Link>
        </p>
      )}
      {serving ? <FinishActions pending={pending || !view.state.mine} act={act} /> : <CalledActions pending={pending || !canWork} act={act} />}
      <TransferForm ticket={ticket} fields={props.fields} counters={props.counters} self={view.counter.id} pending={pending || !view.state.mine} act={act} />
    </section>
  );
}
