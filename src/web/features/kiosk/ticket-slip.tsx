import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.js';
import { useWaitText } from '../ticket/wait-text.js';
import type { IssuedTicket } from './api.js';
import { QrCode } from './qr-code.js';
import '../../styles/ticket-slip.css';

/** The ticket's facts (counters, people ahead, wait, and on the printed slip the time of issue). */
export function TicketFacts({ ticket, className, withIssuedAt = false }: { ticket: IssuedTicket; className: string; withIssuedAt?: boolean }) {
  const { t } = useTranslation();
  const waitText = useWaitText();
  return (
    <dl className={className}>
      <div>
        <dt>{t('kiosk.slip.counters')}</dt>
        <dd>{ticket.counters.length > 0 ? ticket.counters.join(', ') : '—'}</dd>
      </div>
      <div>
        <dt>{t('kiosk.slip.ahead')}</dt>
        <dd>{ticket.peopleAhead}</dd>
      </div>
      <div>
        <dt>{t('kiosk.slip.wait')}</dt>
        <dd>{waitText(ticket.estimatedWaitMinutes)}</dd>
      </div>
      {withIssuedAt && (
        <div>
          <dt>{t('kiosk.slip.issuedAt')}</dt>
          <dd>{formatDateTime(ticket.issuedAt)}</dd>
        </div>
      )}
    </dl>
  );
}

/**
 * The ticket as printed on the 80 mm thermal roll (and shown on screen): center, the number
 * very large, field, counters, people ahead, estimated wait, time of issue and a QR code to the
 * citizen's live ticket page. Black on white only; sizes in mm/pt so the print is predictable.
 */
export function TicketSlip({ ticket, fieldName }: { ticket: IssuedTicket; fieldName: string }) {
  const { t } = useTranslation();
  const liveUrl = new URL(ticket.liveUrl, window.location.origin).href;
  return (
    <article className="ticket-slip" aria-label={t('kiosk.slip.label', { number: ticket.number })}>
      <p className="slip-center">{ticket.centerName}</p>
      <p className="slip-caption">{t('kiosk.slip.number')}</p>
      <p className="slip-number" data-testid="slip-number">
        {ticket.number}
      </p>
      <p className="slip-field">{fieldName}</p>
      {ticket.priorityGroup && <p className="slip-priority">{t('kiosk.slip.priority', { group: ticket.priorityGroup })}</p>}
      <TicketFacts ticket={ticket} className="slip-facts" withIssuedAt />
      <div className="slip-qr">
        <QrCode value={liveUrl} size="30mm" label={t('kiosk.slip.qrLabel')} />
        <p>{t('kiosk.slip.scan')}</p>
      </div>
      <p className="slip-note">{t('kiosk.slip.keep')}</p>
    </article>
  );
}
