import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setDeviceToken } from '../../lib/api.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { DEVICE_TOKEN_PATTERN, forgetAddressToken, saveToken, savedToken, tokenInAddress, useDeviceMe, type DeviceKind, type DeviceMe } from './api.js';
import '../../styles/device.css';

type Notice = 'invalid' | 'wrongKind' | null;

/** "Màn hình gọi số" → "màn hình gọi số", to sit inside a sentence. */
function inSentence(label: string): string {
  return label.charAt(0).toLocaleLowerCase() + label.slice(1);
}

function SetupForm({ kind, notice, onSubmit }: { kind: DeviceKind; notice: Notice; onSubmit: (token: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const token = value.trim();
  const valid = DEVICE_TOKEN_PATTERN.test(token);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (valid) onSubmit(token);
  }
  return (
    <div className="device-setup">
      <form className="device-setup-card" onSubmit={submit} aria-labelledby="device-setup-title">
        <h1 id="device-setup-title">{t('device.setupTitle')}</h1>
        <p>{t('device.setupIntro', { kind: inSentence(t(`deviceKind.${kind}`)) })}</p>
        {notice && (
          <div className="alert alert-error" role="alert">
            <p>{t(notice === 'invalid' ? 'device.invalid' : 'device.wrongKind', { kind: inSentence(t(`deviceKind.${kind}`)) })}</p>
          </div>
        )}
        <div className="form-field">
          <label htmlFor="device-token">{t('device.token')}</label>
          <input
            id="device-token"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            placeholder="mcd_…"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby="device-token-hint"
          />
          <p id="device-token-hint" className="hint">
            {t('device.tokenHint')}
          </p>
        </div>
        <button type="submit" className="button button-primary button-block" disabled={!valid}>
          {t('device.connect')}
        </button>
      </form>
    </div>
  );
}

/**
 * Shows a device page (kiosk, display board, rating tablet) only once the machine has a
 * verified device token of the right kind; otherwise the set-up screen ("Nhập mã thiết bị").
 * While mounted, the api client and the event stream send that token; a DEVICE_TOKEN_INVALID
 * answer anywhere (the token was revoked) forgets it and shows the set-up screen again.
 */
export function DeviceGate({ kind, children }: { kind: DeviceKind; children: (device: DeviceMe) => ReactNode }) {
  const { t } = useTranslation();
  const [token, setToken] = useState<string | null>(() => tokenInAddress() ?? savedToken(kind));
  useEffect(forgetAddressToken, []);
  const [installed, setInstalled] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    setDeviceToken(token, () => {
      saveToken(kind, null);
      setToken(null);
      setNotice('invalid');
    });
    setInstalled(token);
    return () => setDeviceToken(null);
  }, [token, kind]);

  const ready = token !== null && installed === token;
  const me = useDeviceMe(ready ? token : null);
  const device = me.data;
  const wrongKind = device !== undefined && device.kind !== kind;

  useEffect(() => {
    if (!token || !device) return;
    if (device.kind === kind) {
      saveToken(kind, token);
    } else {
      setToken(null);
      setNotice('wrongKind');
    }
  }, [device, token, kind]);

  if (token === null) {
    return (
      <SetupForm
        kind={kind}
        notice={notice}
        onSubmit={(next) => {
          setNotice(null);
          setToken(next);
        }}
      />
    );
  }
  if (device && !wrongKind && ready) return <>{children(device)}</>;
  return (
    <div className="device-setup">
      <div className="device-setup-card">
        {me.isError ? (
          <>
            <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />
            <button type="button" className="button button-secondary" onClick={() => setToken(null)}>
              {t('device.enterAnother')}
            </button>
          </>
        ) : (
          <Loading label={t('device.checking')} />
        )}
      </div>
    </div>
  );
}
