import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { StepTitle } from '../kiosk/kiosk-steps.js';
import type { TicketChoice } from './api.js';
import { Chat } from './chat.js';
import { clearConversation, KIOSK_KEY } from './storage.js';
import { useConversation } from './use-conversation.js';
import './assistant.css';

/** The kiosk waits longer while the assistant is open: reading an answer takes time. */
export const KIOSK_ASSISTANT_IDLE_MS = 90_000;

/** The start screen's way into the assistant: one large button under the fields. */
export function KioskAssistantEntry({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="kiosk-button kiosk-button-secondary assistant-kiosk-open" onClick={onOpen}>
      <svg className="kiosk-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A1.5 1.5 0 0 1 4 14.5z" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
      </svg>
      {t('assistant.kioskOpen')}
    </button>
  );
}

/**
 * The assistant as a kiosk step: large type, suggested questions as big buttons, and "Lấy số
 * cho lĩnh vực này" continuing the kiosk's own ticket flow (priority → phone → ticket). Each
 * visit is a new conversation: leaving the step (a ticket, "back", the idle timeout) forgets it,
 * so the next citizen never sees the previous one's questions.
 */
export function KioskAssistant({ center, onTicket, onBack }: { center: string; onTicket: (choice: TicketChoice) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const conversation = useConversation(KIOSK_KEY, center, { fresh: true });
  useEffect(() => () => void clearConversation(KIOSK_KEY), []);
  return (
    <section className="kiosk-step assistant-kiosk" aria-labelledby="kiosk-step-title">
      <StepTitle focus={false}>{t('assistant.kioskTitle')}</StepTitle>
      <Chat variant="kiosk" conversation={conversation} onTicket={onTicket} />
      <div className="kiosk-nav">
        <button type="button" className="kiosk-button kiosk-button-secondary" onClick={onBack}>
          {t('assistant.kioskBack')}
        </button>
      </div>
    </section>
  );
}
