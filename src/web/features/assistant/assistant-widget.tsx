import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { PublicCenter } from '../../../shared/schemas/centers.js';
import { api } from '../../lib/api.js';
import { Chat } from './chat.js';
import { PORTAL_KEY } from './storage.js';
import { useConversation } from './use-conversation.js';
import './assistant.css';

const OPEN_KEY = 'motcua.assistant.open';
/** Citizens' pages: the catalog, a procedure, online submission, the dossier lookup, the live ticket. Staff screens stay uncluttered. */
const CITIZEN_PAGES = /^\/(?:$|thu-tuc(?:\/|$)|nop-truc-tuyen\/|tra-cuu(?:\/|$)|so\/)/u;
const PHONE = '(max-width: 600px)';

/** The center's slug when the installation serves exactly one (same query as the header). */
function useSingleCenter(): string | undefined {
  const centers = useQuery({
    queryKey: ['public', 'centers'] as const,
    queryFn: ({ signal }) => api.get<Array<Static<typeof PublicCenter>>>('/api/centers', { signal }),
    staleTime: Infinity,
  });
  return centers.data?.length === 1 ? centers.data[0]?.slug : undefined;
}

function wasOpen(): boolean {
  try {
    return window.sessionStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

function ChatIcon() {
  return (
    <svg className="assistant-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A1.5 1.5 0 0 1 4 14.5z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M8 8.5h8M8 12h5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The portal's assistant: a floating button that opens a chat panel (a sheet over the whole
 * screen on a phone, a panel in the corner on a larger screen). Not modal: the page stays usable
 * on a desktop. Escape closes it and the focus returns to the button.
 */
export function AssistantWidget() {
  const { pathname } = useLocation();
  return CITIZEN_PAGES.test(pathname) ? <AssistantPanel /> : null;
}

function AssistantPanel() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(wasOpen);
  const centerId = useSingleCenter();
  const conversation = useConversation(PORTAL_KEY, centerId);
  const launcher = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  const toggle = useCallback((next: boolean) => {
    setOpen(next);
    try {
      window.sessionStorage.setItem(OPEN_KEY, next ? '1' : '0');
    } catch {
      // Not remembered.
    }
    if (!next) requestAnimationFrame(() => launcher.current?.focus());
  }, []);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') toggle(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, toggle]);

  // On a phone the panel covers the page: following a link closes it to show the page.
  const onNavigate = () => {
    if (window.matchMedia(PHONE).matches) toggle(false);
  };

  return (
    <div className="assistant-widget no-print">
      {open && (
        <section className="assistant-panel" role="dialog" aria-modal="false" aria-labelledby={titleId}>
          <header className="assistant-panel-header">
            <div>
              <h2 id={titleId} className="assistant-title">
                {t('assistant.title')}
              </h2>
              <p className="assistant-subtitle">{t('assistant.subtitle')}</p>
            </div>
            <div className="assistant-panel-tools">
              {conversation.turns.length > 0 && (
                <button type="button" className="assistant-tool" onClick={conversation.restart}>
                  {t('assistant.newConversation')}
                </button>
              )}
              <button type="button" className="assistant-close" aria-label={t('assistant.close')} onClick={() => toggle(false)}>
                <span aria-hidden="true">×</span>
              </button>
            </div>
          </header>
          <Chat variant="portal" conversation={conversation} onNavigate={onNavigate} autoFocus />
        </section>
      )}
      {!open && (
        <button type="button" ref={launcher} className="assistant-launcher" aria-haspopup="dialog" onClick={() => toggle(true)}>
          <ChatIcon />
          <span>{t('assistant.open')}</span>
        </button>
      )}
    </div>
  );
}
