import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../shared/schemas/accounts.js';
import type { Counter } from '../../../shared/schemas/centers.js';
import { formatDateTime } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useCounters, useCreateDevice, useDevices, useRevokeDevice, type DeviceCreated } from './api.js';
import { SecretOnce } from './secret-once.js';

/** The page each kind of device opens; `#token=` hands the token over once (removed from the address after reading). */
const DEVICE_PAGES = { kiosk: '/lay-so', display: '/man-hinh', rating: '/danh-gia' } as const;

type Kind = Device['kind'];
const KINDS: readonly Kind[] = ['kiosk', 'display', 'rating'];

function CreateDeviceForm({ counters, onCreated }: { counters: Counter[]; onCreated: (result: DeviceCreated) => void }) {
  const { t } = useTranslation();
  const create = useCreateDevice();
  const [kind, setKind] = useState<Kind>('kiosk');
  const [name, setName] = useState('');
  const [counterId, setCounterId] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { kind, name: name.trim(), counterId: counterId || null },
      {
        onSuccess: (result) => {
          setName('');
          setCounterId('');
          onCreated(result);
        },
      },
    );
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="form-field">
        <label htmlFor="new-device-kind">{t('admin.devices.kind')}</label>
        <select id="new-device-kind" value={kind} onChange={(e) => setKind(KINDS.find((k) => k === e.target.value) ?? kind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`deviceKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field grow">
        <label htmlFor="new-device-name">{t('admin.devices.name')}</label>
        <input id="new-device-name" required placeholder={t('admin.devices.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="form-field">
        <label htmlFor="new-device-counter">{t('admin.devices.counter')}</label>
        <select id="new-device-counter" value={counterId} onChange={(e) => setCounterId(e.target.value)} aria-describedby="new-device-counter-hint">
          <option value="">{t('admin.devices.noCounter')}</option>
          {counters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending || name.trim() === ''}>
          {t('admin.devices.enrol')}
        </button>
      </div>
      <p id="new-device-counter-hint" className="hint full">
        {t('admin.devices.counterHint')}
      </p>
      {create.isError && <ErrorMessage error={create.error} />}
    </form>
  );
}

function DeviceRow({ device, counters }: { device: Device; counters: Counter[] }) {
  const { t } = useTranslation();
  const revoke = useRevokeDevice();
  const counter = counters.find((c) => c.id === device.counterId);
  return (
    <tr className={device.revokedAt ? 'inactive' : undefined}>
      <td>{device.name}</td>
      <td>{t(`deviceKind.${device.kind}`)}</td>
      <td>{counter?.name ?? '—'}</td>
      <td className="code nowrap">{device.tokenHint}…</td>
      <td className="nowrap">{device.lastSeenAt ? formatDateTime(device.lastSeenAt) : t('admin.devices.neverSeen')}</td>
      <td>
        {device.revokedAt ? (
          <span className="status status-off">{t('admin.devices.revokedAt', { time: formatDateTime(device.revokedAt) })}</span>
        ) : (
          <span className="status status-ok">{t('common.active')}</span>
        )}
      </td>
      <td className="actions">
        {!device.revokedAt && (
          <button
            type="button"
            className="button button-small button-danger"
            disabled={revoke.isPending}
            onClick={() => {
              if (window.confirm(t('admin.devices.revokeConfirm', { name: device.name }))) revoke.mutate(device.id);
            }}
          >
            {t('admin.devices.revoke')}
            <span className="visually-hidden"> {device.name}</span>
          </button>
        )}
        {revoke.isError && <ErrorMessage error={revoke.error} />}
      </td>
    </tr>
  );
}

export function DevicesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.nav.devices'));
  const devices = useDevices();
  const counters = useCounters();
  const [created, setCreated] = useState<DeviceCreated | null>(null);
  const counterList = counters.data ?? [];
  return (
    <section aria-labelledby="admin-devices-title">
      <h1 id="admin-devices-title">{t('admin.devices.title')}</h1>
      <p className="muted">{t('admin.devices.intro')}</p>
      <div className="card">
        <h2>{t('admin.devices.add')}</h2>
        <CreateDeviceForm counters={counterList} onCreated={setCreated} />
      </div>
      {created && (
        <>
          <SecretOnce
            id="device-token"
            label={t('admin.devices.tokenFor', { name: created.device.name })}
            value={created.token}
            warning={t('admin.devices.tokenWarning')}
            onDone={() => setCreated(null)}
          />
          <p className="device-address">
            {t('admin.devices.openAt')}{' '}
            <code className="code">{`${window.location.origin}${DEVICE_PAGES[created.device.kind]}#token=${created.token}`}</code>
          </p>
        </>
      )}
      {devices.isPending && <Loading />}
      {devices.isError && <ErrorMessage error={devices.error} onRetry={() => void devices.refetch()} />}
      {devices.data && devices.data.length === 0 && <p className="empty">{t('admin.devices.empty')}</p>}
      {devices.data && devices.data.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.devices.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.devices.name')}</th>
                <th scope="col">{t('admin.devices.kind')}</th>
                <th scope="col">{t('admin.devices.counter')}</th>
                <th scope="col">{t('admin.devices.tokenHint')}</th>
                <th scope="col">{t('admin.devices.lastSeen')}</th>
                <th scope="col">{t('admin.users.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.data.map((d) => (
                <DeviceRow key={d.id} device={d} counters={counterList} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
