import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.js';
import { useLiveSnapshot } from '../../lib/event-stream.js';
import { asQueueMessage } from '../../lib/queue-message.js';
import { useIdleTimeout } from '../../lib/use-idle-timeout.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { DeviceGate } from '../device/device-gate.js';
import type { DeviceMe } from '../device/api.js';
import { LEVELS, ratingKeys, usePendingRating, useRate, type PendingRating, type RatingLevel, type RatingReason } from './api.js';
import { Face } from './faces.js';
import { ReasonsStep } from './reasons-step.js';

/** The question waits this long for a first touch; the reasons screen, this long after the last one. */
const QUESTION_MS = 60_000;
const REASONS_MS = 30_000;
const THANKS_MS = 6_000;

type Screen = { kind: 'idle' } | { kind: 'question'; pending: PendingRating } | { kind: 'reasons'; pending: PendingRating; level: RatingLevel } | { kind: 'thanks' };

function Idle({ centerName }: { centerName: string }) {
  const { t } = useTranslation();
  return (
    <div className="rating-idle">
      <p className="rating-center">{centerName}</p>
      <h1 className="rating-thanks-title">{t('rating.idle')}</h1>
      <p className="rating-help">{t('rating.idleHelp')}</p>
    </div>
  );
}

function Question({ pending, onLevel }: { pending: PendingRating; onLevel: (level: RatingLevel) => void }) {
  const { t } = useTranslation();
  return (
    <section className="rating-step" aria-labelledby="rating-question">
      <p className="rating-ticket">{t('rating.ticket', { number: pending.number, counter: pending.counter })}</p>
      <h1 id="rating-question" className="rating-question">
        {pending.staffName ? t('rating.questionStaff', { name: pending.staffName }) : t('rating.question')}
      </h1>
      <div className="rating-levels">
        {LEVELS.map((level) => (
          <button key={level} type="button" className={`rating-level rating-${level}`} onClick={() => onLevel(level)}>
            <Face level={level} />
            <span>{t(`rating.level.${level}`)}</span>
          </button>
        ))}
      </div>
    </section>
  );
}

function RatingTablet({ device }: { device: DeviceMe }) {
  const { t } = useTranslation();
  const pending = usePendingRating();
  const rate = useRate();
  const [screen, setScreen] = useState<Screen>({ kind: 'idle' });
  // The last service asked about: never asked twice, even if the citizen walked away.
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
        // Already rated, or too late: nothing for the citizen to fix.
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
      // The citizen chose a level and walked away: that answer still counts.
      if (screen.kind === 'reasons' && !rate.isPending) submit(screen.pending, screen.level, [], '');
    },
    screen.kind === 'reasons',
  );
  useEffect(() => {
    if (screen.kind !== 'thanks') return;
    const timer = setTimeout(idle, THANKS_MS);
    return () => clearTimeout(timer);
  }, [screen.kind]);

  let body;
  if (screen.kind === 'question') {
    body = <Question pending={screen.pending} onLevel={(level) => setScreen({ kind: 'reasons', pending: screen.pending, level })} />;
  } else if (screen.kind === 'reasons') {
    body = (
      <>
        <ReasonsStep level={screen.level} pending={rate.isPending} onSubmit={(reasons, comment) => submit(screen.pending, screen.level, reasons, comment)} />
        {rate.isError && <ErrorMessage error={rate.error} />}
      </>
    );
  } else if (screen.kind === 'thanks') {
    body = (
      <div className="rating-idle" role="status">
        <h1 className="rating-thanks-title">{t('rating.thanks')}</h1>
        <p className="rating-help">{t('rating.thanksHelp')}</p>
      </div>
    );
  } else {
    body = <Idle centerName={device.centerName} />;
  }
  return (
    <div className="rating">
      <main className="rating-main" id="main">
        {body}
      </main>
    </div>
  );
}

/** /danh-gia — the satisfaction tablet at a counter (a rating device token bound to that counter). */
export function RatingPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('rating.title'));
  return <DeviceGate kind="rating">{(device) => <RatingTablet device={device} />}</DeviceGate>;
}
