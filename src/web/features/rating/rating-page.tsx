import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/error-message.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { DeviceGate } from '../device/device-gate.js';
import type { DeviceMe } from '../device/api.js';
import { LEVELS, type PendingRating, type RatingLevel } from './api.js';
import { Face } from './faces.js';
import { ReasonsStep } from './reasons-step.js';
import { useRatingFlow } from './use-rating-flow.js';
import '../../styles/rating.css';

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
  const { screen, chooseLevel, send, sending, error } = useRatingFlow(device);
  let body;
  if (screen.kind === 'question') {
    body = <Question pending={screen.pending} onLevel={chooseLevel} />;
  } else if (screen.kind === 'reasons') {
    body = (
      <>
        <ReasonsStep level={screen.level} pending={sending} onSubmit={send} />
        {error && <ErrorMessage error={error} />}
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
