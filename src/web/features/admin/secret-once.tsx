import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A secret the server returns exactly once (a temporary password, a device token): shown
 * clearly with a copy button and the warning that it will not be shown again.
 */
export function SecretOnce({ id, label, value, warning, onDone }: { id: string; label: string; value: string; warning: string; onDone: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'selected' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard access (plain http on the LAN): select it for Ctrl+C instead.
      input.current?.select();
      setCopied('selected');
    }
  }

  return (
    <div className="secret-once" role="region" aria-labelledby={`${id}-warning`}>
      <p className="secret-warning" id={`${id}-warning`}>
        <strong>{warning}</strong>
      </p>
      <label htmlFor={id}>
        {label}
      </label>
      <div className="secret-row">
        <input ref={input} id={id} className="secret-value" readOnly value={value} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          {t('common.copy')}
        </button>
      </div>
      <p role="status" className="secret-status">
        {copied === 'yes' && t('common.copied')}
        {copied === 'selected' && t('common.selectedForCopy')}
      </p>
      <button type="button" className="button button-secondary" onClick={onDone}>
        {t('common.secretSaved')}
      </button>
    </div>
  );
}
