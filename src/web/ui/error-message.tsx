import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api.js';

/**
 * Shows a failed request to the person: the server's `detail` (already in their language),
 * the field-level problems of a validation error, or a generic sentence when there is none.
 */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  let message = t('errors.generic');
  let fieldProblems: Array<{ path: string; message: string }> = [];
  if (isApiError(error)) {
    if (error.detail) message = error.detail;
    else if (error.code === 'NETWORK') message = t('errors.network');
    fieldProblems = error.errors;
  }
  return (
    <div className="alert alert-error" role="alert">
      <p>{message}</p>
      {fieldProblems.length > 0 && (
        <ul>
          {fieldProblems.map((p) => (
            <li key={`${p.path}:${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A short confirmation after a save, announced politely to screen readers. */
export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <p className="alert alert-success" role="status">
      {children}
    </p>
  );
}
