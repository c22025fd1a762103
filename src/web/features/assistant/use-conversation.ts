import { useCallback, useState } from 'react';
import { isApiError } from '../../lib/api.js';
import { useAsk, useHandoff, type Turn } from './api.js';
import { clearConversation, loadConversation, saveConversation, type StoredConversation } from './storage.js';

let turnCounter = 0;

/**
 * One conversation with the assistant, kept in sessionStorage under `storageKey`: ask, hand it
 * to staff, start again. `centerId` is the center's slug when the page knows it; `fresh` starts a
 * new conversation whatever was kept (the kiosk: never the previous citizen's).
 */
export function useConversation(storageKey: string, centerId: string | undefined, options: { fresh?: boolean } = {}) {
  const [conversation, setConversation] = useState<StoredConversation>(() => (options.fresh ? clearConversation(storageKey) : loadConversation(storageKey)));
  const ask = useAsk();
  const handoff = useHandoff();

  /** Changes the conversation and keeps it (saving twice, as StrictMode may, is harmless). */
  const update = useCallback(
    (change: (current: StoredConversation) => StoredConversation) => {
      setConversation((current) => {
        const next = change(current);
        saveConversation(storageKey, next);
        return next;
      });
    },
    [storageKey],
  );

  const send = (question: string) => {
    const text = question.trim();
    if (text === '' || ask.isPending) return;
    const body = { question: text.slice(0, 1000), sessionId: conversation.sessionId, ...(centerId ? { centerId } : {}) };
    ask.mutate(body, {
      onSuccess: (result) => {
        turnCounter += 1;
        const turn: Turn = { id: `${Date.now().toString(36)}-${turnCounter}`, question: text, result };
        // The server may issue its own id for the conversation: use it from now on.
        update((current) => ({ ...current, sessionId: result.sessionId ?? current.sessionId, turns: [...current.turns, turn] }));
      },
    });
  };

  const handOff = () => {
    if (handoff.isPending) return;
    handoff.mutate(conversation.sessionId, { onSuccess: () => update((current) => ({ ...current, handedOff: true })) });
  };

  const restart = useCallback(() => {
    ask.reset();
    handoff.reset();
    setConversation(clearConversation(storageKey));
  }, [ask, handoff, storageKey]);

  return {
    turns: conversation.turns,
    handedOff: conversation.handedOff,
    send,
    /** The question being answered now (shown at once, before its answer). */
    pendingQuestion: ask.isPending ? (ask.variables?.question ?? null) : null,
    askError: ask.error,
    retry: () => {
      if (ask.variables) send(ask.variables.question);
    },
    handOff,
    handOffPending: handoff.isPending,
    /** A hand-off before any question has no conversation on the server yet. */
    handOffError: handoff.error && !(isApiError(handoff.error) && handoff.error.status === 404) ? handoff.error : null,
    handOffNothing: isApiError(handoff.error) && handoff.error.status === 404,
    restart,
  };
}

export type Conversation = ReturnType<typeof useConversation>;
