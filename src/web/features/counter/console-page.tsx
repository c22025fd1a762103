import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLiveSnapshot } from '../../lib/event-stream.js';
import { formatTime } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { counterKeys, useConsole, useConsoleAction, useCounterList, useFieldList, type ActionResult, type ConsoleAction, type CounterConsole } from './api.js';
import { rememberCounter } from './counter-picker-page.js';
import { CurrentTicket } from './current-ticket.js';
import { MyDay, NoShowList, WaitingList } from './waiting-list.js';
import '../../styles/counter.css';

type Act = (action: ConsoleAction) => void;

function PauseForm({ pending, act, onCancel }: { pending: boolean; act: Act; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim()) act({ kind: 'pause', reason: reason.trim() });
  }
  return (
    <form className="inline-form console-pause" onSubmit={submit}>
      <div className="form-field grow">
        <label htmlFor="pause-reason">{t('counter.pauseReason')}</label>
        <input id="pause-reason" required maxLength={200} list="pause-reasons" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
        <datalist id="pause-reasons">
          <option value={t('counter.reasons.break')} />
          <option value={t('counter.reasons.meeting')} />
          <option value={t('counter.reasons.helping')} />
          <option value={t('counter.reasons.system')} />
        </datalist>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending || reason.trim() === ''}>
          {t('counter.pause')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Open / pause (with a reason) / resume / close, and who is at the counter. */
function StateBar({ view, pending, act }: { view: CounterConsole; pending: boolean; act: Act }) {
  const { t } = useTranslation();
  const [pausing, setPausing] = useState(false);
  const { state } = view;
  useEffect(() => setPausing(false), [state.status]);
  const taken = !state.mine && state.status !== 'closed';
  return (
    <div className="card console-state">
      <p className="console-state-line">
        <span className={`status status-${state.status === 'open' ? 'ok' : state.status === 'paused' ? 'warn' : 'off'}`} data-testid="counter-status">
          {t(`counter.status.${state.status}`)}
        </span>
        {state.staffName && <span>{t('counter.staffedBy', { name: state.staffName })}</span>}
        {state.since && <span className="muted small">{t('counter.since', { time: formatTime(state.since) })}</span>}
        {state.status === 'paused' && state.pauseReason && <span className="muted">— {state.pauseReason}</span>}
      </p>
      {taken && <p className="alert alert-info">{t('counter.takenBy', { name: state.staffName ?? '' })}</p>}
      {pausing ? (
        <PauseForm pending={pending} act={act} onCancel={() => setPausing(false)} />
      ) : (
        <div className="console-actions">
          {state.status === 'closed' && (
            <button type="button" className="button button-primary" disabled={pending} onClick={() => act({ kind: 'open' })}>
              {t('counter.open')}
            </button>
          )}
          {state.status === 'open' && state.mine && (
            <button type="button" className="button button-secondary" disabled={pending} onClick={() => setPausing(true)}>
              {t('counter.pause')}
            </button>
          )}
          {state.status === 'paused' && state.mine && (
            <button type="button" className="button button-primary" disabled={pending} onClick={() => act({ kind: 'resume' })}>
              {t('counter.resume')}
            </button>
          )}
          {state.status !== 'closed' && state.mine && (
            <button type="button" className="button button-danger" disabled={pending} onClick={() => act({ kind: 'close' })}>
              {t('counter.close')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** What the last call did: the number called and why, or that nobody is waiting. */
function CallNotice({ result }: { result: ActionResult | undefined }) {
  const { t } = useTranslation();
  if (!result || !('call' in result)) return null;
  const { ticket, explanation } = result.call;
  return (
    <p className={`alert ${ticket ? 'alert-success' : 'alert-info'}`} role="status">
      {ticket ? t('counter.called', { number: ticket.number }) : t('counter.nobodyToCall')}
      {explanation && <> {explanation.text}</>}
    </p>
  );
}

function Console({ counterId }: { counterId: string }) {
  const { t } = useTranslation();
  const view = useConsole(counterId);
  const counters = useCounterList();
  const fields = useFieldList();
  const action = useConsoleAction(counterId);
  const stream = useLiveSnapshot('/api/queue/stream', { keys: [counterKeys.console(counterId)] });
  useEffect(() => rememberCounter(counterId), [counterId]);
  const name = view.data ? view.data.counter.name : t('counter.title');
  useDocumentTitle(name);

  if (view.isPending) return <Loading />;
  if (view.isError) return <ErrorMessage error={view.error} onRetry={() => void view.refetch()} />;
  const data = view.data;
  const act: Act = (a) => action.mutate(a);
  const pending = action.isPending;
  return (
    <>
      <div className="console-head">
        <h1>{data.counter.name}</h1>
        {stream === 'offline' && (
          <span className="status status-warn" role="status">
            {t('counter.offline')}
          </span>
        )}
        <Link to="/quay" className="button button-quiet">
          {t('counter.change')}
        </Link>
      </div>
      <StateBar view={data} pending={pending} act={act} />
      {action.isError && <ErrorMessage error={action.error} />}
      <CallNotice result={action.data} />
      <div className="console-grid">
        <div className="console-col">
          <CurrentTicket view={data} fields={fields.data ?? []} counters={counters.data ?? []} pending={pending} act={act} />
          <MyDay view={data} />
        </div>
        <div className="console-col">
          <WaitingList view={data} pending={pending} act={act} />
          <NoShowList view={data} pending={pending} act={act} />
        </div>
      </div>
    </>
  );
}

/** /quay/:counterId — the counter console of a receptionist, specialist or admin. */
export function ConsolePage() {
  const { counterId = '' } = useParams();
  return (
    <div className="container page console">
      <Console key={counterId} counterId={counterId} />
    </div>
  );
}
