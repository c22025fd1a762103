import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { homeOf, useLogin, useSession } from './api.js';

/** Only a path inside this app may follow the login (no open redirect). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.loginTitle'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const session = useSession();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  if (session.isPending) {
    return (
      <div className="container page">
        <Loading />
      </div>
    );
  }
  if (session.data && !login.isPending && !login.isSuccess) return <Navigate to={homeOf(session.data)} replace />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    login.mutate(
      { username: username.trim().toLowerCase(), password },
      {
        onSuccess: (me) => {
          const next = safeNext(params.get('next'));
          void navigate(me.mustChangePassword ? '/doi-mat-khau' : (next ?? homeOf(me)), { replace: true });
        },
        onError: () => setPassword(''),
      },
    );
  }

  return (
    <div className="container page page-narrow">
      <section className="card auth-card" aria-labelledby="login-title">
        <h1 id="login-title">{t('auth.loginTitle')}</h1>
        <p className="muted">{t('auth.loginIntro')}</p>
        {login.isError && <ErrorMessage error={login.error} />}
        <form onSubmit={submit} className="form-stack">
          <div className="form-field">
            <label htmlFor="login-username">{t('auth.username')}</label>
            <input
              id="login-username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="form-field">
            <label htmlFor="login-password">{t('auth.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary button-block" disabled={login.isPending}>
            {login.isPending ? t('auth.signingIn') : t('auth.signIn')}
          </button>
        </form>
      </section>
    </div>
  );
}
