import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useLiveSnapshot } from '../../lib/event-stream.js';
import { formatDateTime } from '../../lib/format.js';
import { asQueueMessage } from '../../lib/queue-message.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { isFinal, ticketKeys, usePublicTicket, type PublicTicket } from './api.js';
import { CallAlert } from './call-alert.js';
import { useWaitText } from './wait-text.js';
import '../../styles/live-ticket.css';

/** Rings once per call: a message and the refetched snapshot of the same call must not ring twice. */
const RING_DEDUP_MS = 5_000;

function StatusBlock({ ticket }: { ticket: PublicTicket }) {
  const { t } = useTranslation();
  const waitText = useWaitText();
  switch (ticket.status) {
    case 'called':
      return (
        <div className="live-called" role="alert" data-testid="live-called">
          {t('ticket.callBanner', { counter: ticket.counter ?? '?' })}
        </div>
      );
    case 'serving':
      return <p className="live-state live-serving">{t('ticket.serving', { counter: ticket.counter ?? '?' })}</p>;
    case 'done':
      return <p className="live-state">{t('ticket.done')}</p>;
    case 'no_show':
      return <p className="live-state live-warn">{t('ticket.noShow')}</p>;
    case 'closed':
      return <p className="live-state">{t('ticket.closed')}</p>;
    default:
      return (
        <dl className="live-facts">
          <div>
            <dt>{t('ticket.ahead')}</dt>
            <dd data-testid="live-ahead">{ticket.peopleAhead}</dd>
          </div>
          <div>
            <dt>{t('ticket.wait')}</dt>
            <dd>{waitText(ticket.estimatedWaitMinutes)}</dd>
          </div>
        </dl>
      );
  }
}

function LiveTicket({ token }: { token: string }) {
  const { t } = useTranslation();
  const ticket = usePublicTicket(token);
  const data = ticket.data;
  const alert = useRef<CallAlert | null>(null);
  const lastRing = useRef(0);
  const [soundOn, setSoundOn] = useState(false);

  useEffect(() => {
    const a = new CallAlert();
    alert.current = a;
    // Any touch on the page also lets the chime play later.
    const onTouch = () => void a.unlock().then(setSoundOn);
    window.addEventListener('pointerdown', onTouch, { once: true });
    return () => {
      window.removeEventListener('pointerdown', onTouch);
      a.close();
    };
  }, []);
  const ring = () => {
    if (Date.now() - lastRing.current < RING_DEDUP_MS) return;
    lastRing.current = Date.now();
    alert.current?.ring();
  };

  const live = data && !isFinal(data.status) ? `/api/public/tickets/${encodeURIComponent(token)}/stream` : null;
  const stream = useLiveSnapshot(live, {
    keys: [ticketKeys.ticket(token)],
    onMessage: (raw) => {
      const m = asQueueMessage(raw);
      if (m && data && m.ticket === data.number && (m.type === 'ticket.called' || m.type === 'ticket.recalled')) ring();
    },
  });
  // A call seen only in the snapshot (the phone was asleep, the stream reconnected) rings too.
  const previous = useRef<PublicTicket['status'] | null>(null);
  useEffect(() => {
    if (!data) return;
    if (data.status === 'called' && previous.current !== null && previous.current !== 'called') ring();
    previous.current = data.status;
  }, [data?.status]);

  const called = data?.status === 'called';
  useDocumentTitle(data ? (called ? t('ticket.callBanner', { counter: data.counter ?? '?' }) : t('ticket.title', { number: data.number })) : undefined);

  if (ticket.isPending) return <Loading />;
  if (ticket.isError) return <ErrorMessage error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const v = ticket.data;
  return (
    <article className={`live-ticket${called ? ' is-called' : ''}`} aria-labelledby="live-number">
      <p className="live-center">{v.centerName}</p>
      <p className="live-caption">{t('ticket.yourNumber')}</p>
      <h1 className="live-number" id="live-number">
        {v.number}
      </h1>
      <p className="live-field">{v.fieldName}</p>
      <StatusBlock ticket={v} />
      {!isFinal(v.status) && (
        <p className="live-serving-now">
          {t('ticket.servingNow')} <strong>{v.servingNow.length > 0 ? v.servingNow.join(', ') : '—'}</strong>
        </p>
      )}
      <p className="muted small">{t('ticket.issuedAt', { time: formatDateTime(v.issuedAt) })}</p>
      {live && stream === 'offline' && (
        <p className="alert alert-error" role="status">
          {t('ticket.offline')}
        </p>
      )}
      {live && !soundOn && (
        <button type="button" className="button button-secondary button-block" onClick={() => void alert.current?.unlock().then(setSoundOn)}>
          {t('ticket.enableSound')}
        </button>
      )}
      {live && soundOn && <p className="muted small">{t('ticket.soundOn')}</p>}
      <p className="muted small">{t('ticket.privacy')}</p>
    </article>
  );
}

/** /so/:token — the citizen's live ticket (the QR code on the printed ticket). Public, phone-sized. */
export function LiveTicketPage() {
  const { token = '' } = useParams();
  return (
    <div className="container page live-page">
      <LiveTicket token={token} />
    </div>
  );
}
