import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveSnapshot } from '../../lib/event-stream.js';
import { formatCivilDate, formatNumber } from '../../lib/format.js';
import { ErrorMessage, SuccessMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { queueAdminKeys, useQueueOverview, useSaveQueueSettings, type QueueOverview } from './queue-api.js';
import '../../styles/counter.css';

function useMinutes() {
  const { t, i18n } = useTranslation();
  return (value: number | null) => (value === null ? '—' : t('queueAdmin.minutes', { value: formatNumber(value, i18n.language) }));
}

function TodayStats({ today }: { today: QueueOverview['today'] }) {
  const { t, i18n } = useTranslation();
  const minutes = useMinutes();
  const r = today.ratings;
  return (
    <dl className="stats stats-wide" data-testid="queue-today">
      <div>
        <dt>{t('queueAdmin.issued')}</dt>
        <dd data-testid="today-issued">{today.issued}</dd>
      </div>
      <div>
        <dt>{t('queueAdmin.served')}</dt>
        <dd data-testid="today-served">{today.served}</dd>
      </div>
      <div>
        <dt>{t('queueAdmin.avgWait')}</dt>
        <dd>{minutes(today.averageWaitMinutes)}</dd>
      </div>
      <div>
        <dt>{t('queueAdmin.avgService')}</dt>
        <dd>{minutes(today.averageServiceMinutes)}</dd>
      </div>
      <div>
        <dt>{t('queueAdmin.satisfied')}</dt>
        <dd data-testid="today-satisfied">{today.satisfiedShare === null ? '—' : `${formatNumber(today.satisfiedShare, i18n.language)} %`}</dd>
        <dd className="stats-detail">{t('queueAdmin.ratingCounts', { very: r.verySatisfied, ok: r.satisfied, bad: r.unsatisfied })}</dd>
      </div>
    </dl>
  );
}

function FieldsTable({ fields }: { fields: QueueOverview['fields'] }) {
  const { t } = useTranslation();
  const minutes = useMinutes();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t('queueAdmin.byField')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queueAdmin.field')}</th>
            <th scope="col">{t('queueAdmin.waiting')}</th>
            <th scope="col">{t('queueAdmin.longest')}</th>
            <th scope="col">{t('queueAdmin.avgWaitToday')}</th>
            <th scope="col">{t('queueAdmin.servedToday')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.fieldId} className={f.alert ? 'row-alert' : undefined}>
              <th scope="row">
                <span className="prefix-badge small">{f.prefix}</span> {f.name}
              </th>
              <td>{f.waiting}</td>
              <td className="nowrap">
                {f.waiting > 0 ? minutes(f.longestWaitMinutes) : '—'}
                {f.alert && <span className="status status-alert">{t('queueAdmin.alert')}</span>}
              </td>
              <td>{minutes(f.averageWaitMinutes)}</td>
              <td>{f.served}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CountersTable({ counters }: { counters: QueueOverview['counters'] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t('queueAdmin.counters')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queueAdmin.counter')}</th>
            <th scope="col">{t('queueAdmin.state')}</th>
            <th scope="col">{t('queueAdmin.staff')}</th>
            <th scope="col">{t('queueAdmin.ticket')}</th>
          </tr>
        </thead>
        <tbody>
          {counters.map((c) => (
            <tr key={c.id}>
              <th scope="row">{t('queueAdmin.counterN', { number: c.number })}</th>
              <td>
                <span className={`status status-${c.status === 'open' ? 'ok' : c.status === 'paused' ? 'warn' : 'off'}`}>{t(`counter.status.${c.status}`)}</span>
                {c.status === 'paused' && c.pauseReason && <span className="muted small">{c.pauseReason}</span>}
              </td>
              <td>{c.staffName ?? '—'}</td>
              <td className="strong">{c.ticket ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ThresholdForm({ current }: { current: number }) {
  const { t } = useTranslation();
  const save = useSaveQueueSettings();
  const [value, setValue] = useState(String(current));
  const n = Number(value);
  const valid = Number.isInteger(n) && n >= 1 && n <= 600;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (valid) save.mutate({ waitAlertMinutes: n });
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="form-field threshold-field">
        <label htmlFor="wait-alert">{t('queueAdmin.threshold')}</label>
        <input id="wait-alert" type="number" inputMode="numeric" min={1} max={600} required value={value} onChange={(e) => setValue(e.target.value)} aria-describedby="wait-alert-hint" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!valid || save.isPending}>
          {t('common.save')}
        </button>
      </div>
      <p id="wait-alert-hint" className="hint full">
        {t('queueAdmin.thresholdHint')}
      </p>
      {save.isError && <ErrorMessage error={save.error} />}
      {save.isSuccess && <SuccessMessage>{t('common.saved')}</SuccessMessage>}
    </form>
  );
}

/** /quan-tri/hang-doi — the leader's live view of today's queue, counters and satisfaction. */
export function QueueOverviewPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.nav.queue'));
  const overview = useQueueOverview();
  const stream = useLiveSnapshot('/api/queue/stream', { keys: [queueAdminKeys.overview()] });
  const data = overview.data;
  const alerts = data?.fields.filter((f) => f.alert) ?? [];
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('queueAdmin.title')}</h1>
      <p className="muted">
        {data ? t('queueAdmin.day', { day: formatCivilDate(data.day) }) : null} {stream === 'offline' && <span className="status status-warn">{t('queueAdmin.offline')}</span>}
      </p>
      {overview.isPending && <Loading />}
      {overview.isError && <ErrorMessage error={overview.error} onRetry={() => void overview.refetch()} />}
      {data && (
        <>
          {alerts.length > 0 && (
            <div className="alert alert-error" role="alert">
              <p>{t('queueAdmin.alertText', { fields: alerts.map((f) => f.name).join(', '), minutes: data.alertThresholdMinutes })}</p>
            </div>
          )}
          <div className="card">
            <h2>{t('queueAdmin.today')}</h2>
            <TodayStats today={data.today} />
          </div>
          <div className="card">
            <h2>{t('queueAdmin.byField')}</h2>
            <FieldsTable fields={data.fields} />
          </div>
          <div className="card">
            <h2>{t('queueAdmin.counters')}</h2>
            <CountersTable counters={data.counters} />
          </div>
          <div className="card">
            <h2>{t('queueAdmin.thresholdTitle')}</h2>
            <ThresholdForm current={data.alertThresholdMinutes} />
          </div>
        </>
      )}
    </section>
  );
}
