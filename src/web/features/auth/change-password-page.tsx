import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../ui/error-message.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { homeOf, useChangePassword, useSession } from './api.js';

const MIN_LENGTH = 10;

/** Required after an admin set a temporary password; also reachable from the header. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.changePasswordTitle'));
  const navigate = useNavigate();
  const session = useSession();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const me = session.data;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (newPassword.length < MIN_LENGTH) return setLocalError(t('auth.passwordTooShort', { min: MIN_LENGTH }));
    if (newPassword !== confirm) return setLocalError(t('auth.passwordMismatch'));
    setLocalError(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void session.refetch().then((fresh) => navigate(fresh.data ? homeOf(fresh.data) : '/', { replace: true }));
        },
      },
    );
  }

  return (
    <div className="container page page-narrow">
      <section className="card auth-card" aria-labelledby="password-title">
        <h1 id="password-title">{t('auth.changePasswordTitle')}</h1>
        {me?.mustChangePassword && <p className="alert alert-info">{t('auth.mustChangePassword')}</p>}
        {localError && (
          <div className="alert alert-error" role="alert">
            <p>{localError}</p>
          </div>
        )}
        {change.isError && <ErrorMessage error={change.error} />}
        <form onSubmit={submit} className="form-stack" noValidate>
          <div className="form-field">
            <label htmlFor="pw-current">{t('auth.currentPassword')}</label>
            <input id="pw-current" type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
          </div>
          <div className="form-field">
            <label htmlFor="pw-new">{t('auth.newPassword')}</label>
            <input
              id="pw-new"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_LENGTH}
              aria-describedby="pw-new-hint"
              value={newPassword}
              onChange={(e) => setNew(e.target.value)}
            />
            <p id="pw-new-hint" className="hint">
              {t('auth.passwordHint', { min: MIN_LENGTH })}
            </p>
          </div>
          <div className="form-field">
            <label htmlFor="pw-confirm">{t('auth.confirmPassword')}</label>
            <input id="pw-confirm" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
          </div>
          <button type="submit" className="button button-primary button-block" disabled={change.isPending || !currentPassword || !newPassword}>
            {t('auth.changePassword')}
          </button>
        </form>
      </section>
    </div>
  );
}
