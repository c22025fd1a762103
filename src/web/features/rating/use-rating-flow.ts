import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../lib/api.js';
import { useLiveSnapshot } from '../../lib/event-stream.js';
import { asQueueMessage } from '../../lib/queue-message.js';
import { useIdleTimeout } from '../../lib/use-idle-timeout.js';
import type { DeviceMe } from '../device/api.js';
import { ratingKeys, usePendingRating, useRate, type PendingRating, type RatingLevel, type RatingReason } from './api.js';

/** The question waits this long for a first touch; the reasons screen, this long after the last one. */
const QUESTION_MS = 60_000;
const REASONS_MS = 30_000;
const THANKS_MS = 6_000;

export type Screen =
  | { kind: 'idle' }
  | { kind: 'question'; pending: PendingRating }
  | { kind: 'reasons'; pending: PendingRating; level: RatingLevel }
  | { kind: 'thanks' };

/**
 * The tablet's screens: idle until its counter finishes a service (a ticket.finished message
 * of this counter, or the 15 s poll), then the question, the optional reasons, thanks, idle
 * again. A service is asked about once; a citizen who walks away after choosing a level still
 * has that level recorded; a tablet left alone returns to idle.
 */
export function useRatingFlow(device: DeviceMe) {
  const pending = usePendingRating();
  const rate = useRate();
  const [screen, setScreen] = useState<Screen>({ kind: 'idle' });
  const asked = useRef<string | null>(null);

  useLiveSnapshot('/api/queue/stream', {
    keys: [ratingKeys.pending()],
    refreshOn: (data) => {
      const m = asQueueMessage(data);
      return m !== null && m.type === 'ticket.finished' && (!m.counterId || m.counterId === device.counterId);
    },
  });

  const next = pending.data ?? null;
  useEffect(() => {
    if (screen.kind === 'idle' && next && next.ticketId !== asked.current) {
      asked.current = next.ticketId;
      rate.reset();
      setScreen({ kind: 'question', pending: next });
    }
  }, [next, screen.kind]);

  const submit = (p: PendingRating, level: RatingLevel, reasons: RatingReason[], comment: string) => {
    rate.mutate(
      { ticketId: p.ticketId, level, ...(reasons.length > 0 ? { reasons } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) },
      {
        onSuccess: () => setScreen({ kind: 'thanks' }),
        // Already rated, or too late: nothing the citizen can fix.
        onError: (error) => {
          if (isApiError(error) && (error.code === 'TICKET_ALREADY_RATED' || error.code === 'NOTHING_TO_RATE')) setScreen({ kind: 'thanks' });
        },
      },
    );
  };

  const idle = () => setScreen({ kind: 'idle' });
  useIdleTimeout(QUESTION_MS, idle, screen.kind === 'question');
  useIdleTimeout(
    REASONS_MS,
    () => {
      if (screen.kind === 'reasons' && !rate.isPending) submit(screen.pending, screen.level, [], '');
    },
    screen.kind === 'reasons',
  );
  useEffect(() => {
    if (screen.kind !== 'thanks') return;
    const timer = setTimeout(idle, THANKS_MS);
    return () => clearTimeout(timer);
  }, [screen.kind]);

  const chooseLevel = (level: RatingLevel) => {
    if (screen.kind === 'question') setScreen({ kind: 'reasons', pending: screen.pending, level });
  };
  const send = (reasons: RatingReason[], comment: string) => {
    if (screen.kind === 'reasons') submit(screen.pending, screen.level, reasons, comment);
  };
  return { screen, chooseLevel, send, sending: rate.isPending, error: rate.error };
}
