import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HandedOffConversation } from '../../../shared/schemas/assistant.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import '../../styles/dossiers.css';

const key = (status: 'handed_off' | 'closed') => ['assistant', 'handoffs', status] as const;

/**
 * /ho-so/tro-ly: conversations citizens handed to staff from the assistant ("Gặp cán bộ"), each
 * with its whole history, so the official answers without asking everything again.
 */
export function HandoffsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('handoffs.title'));
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'handed_off' | 'closed'>('handed_off');
  const list = useQuery({
    queryKey: key(status),
    queryFn: ({ signal }) => api.get<HandedOffConversation[]>('/api/assistant/handoffs', { query: { status }, signal }),
    refetchInterval: 30_000,
  });
  const close = useMutation({
    mutationFn: (sessionId: string) => api.post<void>(`/api/assistant/handoffs/${encodeURIComponent(sessionId)}/close`),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['assistant', 'handoffs'] }),
  });
  return (
    <div className="container page dossier-page">
      <p>
        <Link to="/ho-so">← {t('dossier.worklist.title')}</Link>
      </p>
      <h1>{t('handoffs.title')}</h1>
      <p className="muted">{t('handoffs.intro')}</p>
      <nav className="worklist-tabs" aria-label={t('handoffs.title')}>
        {(['handed_off', 'closed'] as const).map((s) => (
          <button key={s} type="button" className="worklist-tab" aria-current={s === status ? 'page' : undefined} onClick={() => setStatus(s)}>
            {t(`handoffs.status.${s}`)}
          </button>
        ))}
      </nav>
      {close.isError && <ErrorMessage error={close.error} />}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="empty">{t('handoffs.empty')}</p>
      ) : (
        <ul className="handoff-list">
          {list.data.map((c) => (
            <li key={c.sessionId} className="card handoff">
              <p className="muted small">
                {t('handoffs.handedOffAt', { at: c.handedOffAt ? formatDateTime(c.handedOffAt) : '—' })} · {t('handoffs.turns', { count: c.turns.length })}
              </p>
              <ol className="handoff-turns">
                {c.turns.map((turn, i) => (
                  <li key={`${turn.at}-${i}`}>
                    <p className="handoff-question">
                      <span className="strong">{t('handoffs.citizen')}:</span> {turn.question}
                    </p>
                    <details>
                      <summary className="small">
                        {t('handoffs.answer')}
                        {turn.procedureCodes.length > 0 ? ` (${turn.procedureCodes.slice(0, 3).join(', ')})` : turn.outOfScope ? ` (${t('handoffs.outOfScope')})` : ''}
                      </summary>
                      <p className="handoff-answer">{turn.answer}</p>
                    </details>
                  </li>
                ))}
              </ol>
              {c.status === 'handed_off' && (
                <button type="button" className="button button-secondary button-small" disabled={close.isPending} onClick={() => close.mutate(c.sessionId)}>
                  {t('handoffs.close')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
