import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../app/i18n.js';
import { useIdleTimeout } from '../../lib/use-idle-timeout.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { KIOSK_ASSISTANT_IDLE_MS, KioskAssistant, KioskAssistantEntry } from '../assistant/kiosk-assistant.js';
import { DeviceGate } from '../device/device-gate.js';
import type { DeviceMe } from '../device/api.js';
import { newIdempotencyKey, useIssueTicket, useKioskOptions, type IssuedTicket, type KioskOptions } from './api.js';
import { FieldStep, PriorityStep, SearchStep, useLocalName } from './kiosk-steps.js';
import { PhoneStep } from './phone-step.js';
import { TicketStep } from './ticket-step.js';
import '../../styles/kiosk.css';

const IDLE_MS = 30_000;

type Choice = { kind: 'field'; fieldId: string } | { kind: 'procedure'; code: string; name: string };
type Step = 'field' | 'search' | 'assistant' | 'priority' | 'phone';

interface Flow {
  step: Step;
  /** One key per ticket request: a double tap or a retry after a network error gets the same ticket. */
  key: string;
  choice: Choice | null;
  priorityGroupId: string | null;
}

const freshFlow = (): Flow => ({ step: 'field', key: newIdempotencyKey(), choice: null, priorityGroupId: null });

function KioskHeader({ centerName, onRestart }: { centerName: string; onRestart: (() => void) | null }) {
  const { t, i18n } = useTranslation();
  return (
    <header className="kiosk-header">
      <p className="kiosk-center" lang="vi">
        {centerName}
      </p>
      <div className="kiosk-header-actions">
        {onRestart && (
          <button type="button" className="kiosk-button kiosk-button-quiet" onClick={onRestart}>
            {t('kiosk.restart')}
          </button>
        )}
        <div className="kiosk-language" role="group" aria-label={t('app.language')}>
          {LANGUAGES.map((lng) => (
            <button key={lng} type="button" lang={lng} aria-pressed={i18n.resolvedLanguage === lng} onClick={() => void i18n.changeLanguage(lng)}>
              {t(`app.languageName.${lng}`)}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}

function IssueError({ error, onRetry, onRestart }: { error: unknown; onRetry: () => void; onRestart: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="kiosk-step" aria-labelledby="kiosk-error-title">
      <h1 id="kiosk-error-title" className="kiosk-question">
        {t('kiosk.issueFailed')}
      </h1>
      <ErrorMessage error={error} />
      <div className="kiosk-nav">
        <button type="button" className="kiosk-button kiosk-button-primary" onClick={onRetry}>
          {t('common.retry')}
        </button>
        <button type="button" className="kiosk-button kiosk-button-secondary" onClick={onRestart}>
          {t('kiosk.restart')}
        </button>
      </div>
    </section>
  );
}

/** The question of the current step (field or search → priority → phone). */
function FlowStep({ options, flow, setFlow, pending, onTake }: { options: KioskOptions; flow: Flow; setFlow: (flow: Flow) => void; pending: boolean; onTake: (phone: string | null) => void }) {
  switch (flow.step) {
    case 'search':
      return (
        <SearchStep
          center={options.centerSlug}
          onPick={(code, name) => setFlow({ ...flow, choice: { kind: 'procedure', code, name }, step: 'priority' })}
          onBack={() => setFlow({ ...flow, step: 'field' })}
        />
      );
    case 'assistant':
      return <KioskAssistant center={options.centerSlug} onTicket={(choice) => setFlow({ ...flow, choice, step: 'priority' })} onBack={() => setFlow({ ...flow, step: 'field' })} />;
    case 'priority':
      return (
        <PriorityStep
          groups={options.priorityGroups}
          onAnswer={(priorityGroupId) => setFlow({ ...flow, priorityGroupId, step: 'phone' })}
          onBack={() => setFlow({ ...flow, step: flow.choice?.kind === 'procedure' ? 'search' : 'field' })}
        />
      );
    case 'phone':
      return <PhoneStep pending={pending} onDone={onTake} onBack={() => setFlow({ ...flow, step: 'priority' })} />;
    default:
      return (
        <>
          <FieldStep
            fields={options.fields}
            onField={(f) => setFlow({ ...flow, choice: { kind: 'field', fieldId: f.id }, step: 'priority' })}
            onSearch={() => setFlow({ ...flow, step: 'search' })}
          />
          <KioskAssistantEntry onOpen={() => setFlow({ ...flow, step: 'assistant' })} />
        </>
      );
  }
}

function Kiosk({ options }: { options: KioskOptions }) {
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const [flow, setFlow] = useState<Flow>(freshFlow);
  const issue = useIssueTicket();
  const restart = () => {
    issue.reset();
    setFlow(freshFlow());
    if (i18n.resolvedLanguage !== 'vi') void i18n.changeLanguage('vi');
  };
  const atStart = flow.step === 'field' && issue.isIdle;
  // Never while a ticket is being issued: its answer must reach the screen and the printer.
  useIdleTimeout(flow.step === 'assistant' ? KIOSK_ASSISTANT_IDLE_MS : IDLE_MS, restart, !atStart && !issue.isPending);

  const take = (phone: string | null) => {
    if (!flow.choice || issue.isPending) return;
    issue.mutate({
      ...(flow.choice.kind === 'field' ? { fieldId: flow.choice.fieldId } : { procedureCode: flow.choice.code }),
      priorityGroupId: flow.priorityGroupId,
      phone,
      idempotencyKey: flow.key,
    });
  };
  const fieldNameOf = (ticket: IssuedTicket) => {
    const field = options.fields.find((f) => f.id === ticket.fieldId);
    return field ? localName(field.name, field.nameEn) : ticket.fieldName;
  };

  let body;
  if (issue.isPending) body = <Loading label={t('kiosk.issuing')} />;
  else if (issue.data) body = <TicketStep ticket={issue.data} fieldName={fieldNameOf(issue.data)} onDone={restart} />;
  // A retry sends the same body, idempotency key included: at most one ticket.
  else if (issue.isError) body = <IssueError error={issue.error} onRetry={() => issue.variables && issue.mutate(issue.variables)} onRestart={restart} />;
  else body = <FlowStep options={options} flow={flow} setFlow={setFlow} pending={issue.isPending} onTake={take} />;

  return (
    <div className="kiosk">
      <KioskHeader centerName={options.centerName} onRestart={atStart ? null : restart} />
      <main className="kiosk-main" id="main">
        {body}
      </main>
    </div>
  );
}

function KioskScreen({ device }: { device: DeviceMe }) {
  const options = useKioskOptions();
  if (options.data) return <Kiosk options={options.data} />;
  return (
    <div className="kiosk">
      <KioskHeader centerName={device.centerName} onRestart={null} />
      <main className="kiosk-main" id="main">
        {options.isError ? <ErrorMessage error={options.error} onRetry={() => void options.refetch()} /> : <Loading />}
      </main>
    </div>
  );
}

/** /lay-so — the ticket kiosk (a touch screen in the hall, a kiosk device token). */
export function KioskPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('kiosk.title'));
  return <DeviceGate kind="kiosk">{(device) => <KioskScreen device={device} />}</DeviceGate>;
}
