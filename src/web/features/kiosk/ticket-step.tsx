import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedTicket } from './api.js';
import { StepTitle } from './kiosk-steps.js';
import { QrCode } from './qr-code.js';
import { TicketFacts, TicketSlip } from './ticket-slip.js';

/** Seconds the ticket stays on screen after printing before the kiosk is ready for the next person. */
const AFTER_PRINT_MS = 8_000;
const MM_PER_CSS_PX = 25.4 / 96;

/**
 * The printed page is exactly as long as the slip: a thermal roll driver then feeds and cuts
 * no blank paper. (`size: 80mm auto` is not valid CSS: Chromium would drop it and print A4.)
 */
function rollPage(lengthMm: number): string {
  return `@page { size: 80mm ${lengthMm}mm; margin: 0; }`;
}

/**
 * The issued ticket: large on screen (with the QR code, in case the printer is out of paper)
 * and printed at once on the 80 mm roll through the browser's print dialog — silently when the
 * kiosk runs `chromium --kiosk --kiosk-printing` — then back to the start.
 */
export function TicketStep({ ticket, fieldName, onDone }: { ticket: IssuedTicket; fieldName: string; onDone: () => void }) {
  const { t } = useTranslation();
  const slip = useRef<HTMLDivElement>(null);
  const [lengthMm, setLengthMm] = useState<number | null>(null);
  const liveUrl = new URL(ticket.liveUrl, window.location.origin).href;

  // The slip is laid out off screen at its printed size; its height sets the page length.
  useLayoutEffect(() => {
    const height = slip.current?.offsetHeight ?? 0;
    setLengthMm(height > 0 ? Math.ceil(height * MM_PER_CSS_PX) + 1 : 150);
  }, [ticket.id]);

  useEffect(() => {
    if (lengthMm === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const afterPrint = () => {
      clearTimeout(timer);
      timer = setTimeout(onDone, AFTER_PRINT_MS);
    };
    window.addEventListener('afterprint', afterPrint);
    // Let the page style and the QR code settle before the print snapshot is taken.
    const printTimer = setTimeout(() => window.print(), 200);
    return () => {
      clearTimeout(printTimer);
      clearTimeout(timer);
      window.removeEventListener('afterprint', afterPrint);
    };
    // One print per ticket.
  }, [ticket.id, lengthMm === null]);

  return (
    <section className="kiosk-step kiosk-ticket" aria-labelledby="kiosk-step-title">
      {lengthMm !== null && <style>{rollPage(lengthMm)}</style>}
      <StepTitle>{t('kiosk.ticketTitle')}</StepTitle>
      <div className="kiosk-ticket-card">
        <p className="kiosk-ticket-number" data-testid="kiosk-number">
          {ticket.number}
        </p>
        <p className="kiosk-ticket-field">{fieldName}</p>
        <TicketFacts ticket={ticket} className="kiosk-ticket-facts" />
        <div className="kiosk-ticket-qr">
          <QrCode value={liveUrl} size="9rem" label={t('kiosk.slip.qrLabel')} />
          <p>{t('kiosk.slip.scan')}</p>
        </div>
      </div>
      <p className="kiosk-help kiosk-printing" role="status">
        {t('kiosk.printing')}
      </p>
      <div className="kiosk-nav">
        <button type="button" className="kiosk-button kiosk-button-secondary" onClick={() => window.print()}>
          {t('kiosk.printAgain')}
        </button>
        <button type="button" className="kiosk-button kiosk-button-primary" onClick={onDone}>
          {t('kiosk.done')}
        </button>
      </div>
      <div className="slip-holder" ref={slip}>
        <TicketSlip ticket={ticket} fieldName={fieldName} />
      </div>
    </section>
  );
}
