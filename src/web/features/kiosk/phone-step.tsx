import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHONE_PATTERN } from './api.js';
import { StepTitle } from './kiosk-steps.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '0'] as const;
const MAX_LENGTH = 13;

/**
 * Step 3 (optional): a phone number for "nhắn tin khi sắp đến lượt", typed on a large keypad
 * (a kiosk has no keyboard). Skipping is the first, easy choice.
 */
export function PhoneStep({ pending, onDone, onBack }: { pending: boolean; onDone: (phone: string | null) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const valid = PHONE_PATTERN.test(phone);
  const press = (key: string) => setPhone((p) => (p.length >= MAX_LENGTH || (key === '+' && p !== '') ? p : p + key));
  return (
    <section className="kiosk-step" aria-labelledby="kiosk-step-title">
      <StepTitle>{t('kiosk.phoneQuestion')}</StepTitle>
      <p className="kiosk-help">{t('kiosk.phoneHelp')}</p>
      <button type="button" className="kiosk-choice kiosk-choice-main" disabled={pending} onClick={() => onDone(null)}>
        <span className="kiosk-choice-name">{t('kiosk.phoneSkip')}</span>
      </button>
      <div className="kiosk-phone">
        <label htmlFor="kiosk-phone" className="kiosk-phone-label">
          {t('kiosk.phoneLabel')}
        </label>
        <output id="kiosk-phone" className="kiosk-phone-value" aria-live="polite">
          {phone || '—'}
        </output>
        <div className="keypad" role="group" aria-label={t('kiosk.keypad')}>
          {KEYS.map((key) => (
            <button key={key} type="button" className="keypad-key" onClick={() => press(key)}>
              {key}
            </button>
          ))}
          <button type="button" className="keypad-key" aria-label={t('kiosk.erase')} onClick={() => setPhone((p) => p.slice(0, -1))}>
            ⌫
          </button>
        </div>
        {phone !== '' && !valid && <p className="kiosk-help">{t('kiosk.phoneInvalid')}</p>}
        <button type="button" className="kiosk-button kiosk-button-primary" disabled={!valid || pending} onClick={() => onDone(phone)}>
          {t('kiosk.phoneTake')}
        </button>
      </div>
      <div className="kiosk-nav">
        <button type="button" className="kiosk-button kiosk-button-secondary" onClick={onBack} disabled={pending}>
          {t('kiosk.back')}
        </button>
      </div>
    </section>
  );
}
