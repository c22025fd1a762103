import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Me } from '../../../shared/schemas/accounts.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useSession } from './api.js';

/**
 * Guards staff pages: signed-out people go to the login page (and come back after), a
 * temporary password must be changed first, and a role outside `roles` sees a refusal.
 */
export function RequireSession({ roles }: { roles?: ReadonlyArray<Me['role']> }) {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  if (session.isPending || session.isError) {
    return (
      <div className="container page">
        {session.isPending ? <Loading /> : <ErrorMessage error={session.error} onRetry={() => void session.refetch()} />}
      </div>
    );
  }
  const me = session.data;
  if (!me) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/dang-nhap?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== '/doi-mat-khau') return <Navigate to="/doi-mat-khau" replace />;
  if (roles && !roles.includes(me.role)) {
    return (
      <div className="container page">
        <div className="alert alert-error" role="alert">
          <p>{t('auth.forbidden')}</p>
        </div>
      </div>
    );
  }
  return <Outlet />;
}
