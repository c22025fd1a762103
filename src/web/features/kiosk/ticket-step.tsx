import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedTicket } from './api.js';
import { StepTitle } from './kiosk-steps.js';
import { TicketSlip } from './ticket-slip.js';

/** Seconds the ticket stays on screen after printing before the kiosk is ready for the next person. */
const AFTER_PRINT_MS = 8_000;

/**
 * The issued ticket: printed at once through the browser's print dialog (silently in kiosk
 * mode, `chromium --kiosk --kiosk-printing`), shown on screen meanwhile, then back to the start.
 */
export function TicketStep({ ticket, fieldName, onDone }: { ticket: IssuedTicket; fieldName: string; onDone: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const afterPrint = () => {
      clearTimeout(timer);
      timer = setTimeout(onDone, AFTER_PRINT_MS);
    };
    window.addEventListener('afterprint', afterPrint);
    // Let the QR code and fonts lay out before the print snapshot is taken.
    const printTimer = setTimeout(() => window.print(), 300);
    return () => {
      clearTimeout(printTimer);
      clearTimeout(timer);
      window.removeEventListener('afterprint', afterPrint);
    };
    // One print per ticket: the ticket id is the identity.
  }, [ticket.id]);

  return (
    <section className="kiosk-step kiosk-ticket" aria-labelledby="kiosk-step-title">
      <StepTitle>{t('kiosk.ticketTitle')}</StepTitle>
      <p className="kiosk-help" role="status">
        {t('kiosk.printing')}
      </p>
      <TicketSlip ticket={ticket} fieldName={fieldName} />
      <div className="kiosk-nav">
        <button type="button" className="kiosk-button kiosk-button-secondary" onClick={() => window.print()}>
          {t('kiosk.printAgain')}
        </button>
        <button type="button" className="kiosk-button kiosk-button-primary" onClick={onDone}>
          {t('kiosk.done')}
        </button>
      </div>
    </section>
  );
}
