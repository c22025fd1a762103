import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import type { Me } from '../../../shared/schemas/accounts.js';
import { useSession } from '../auth/api.js';

type Role = Me['role'];

/** The admin sections and who sees them (the server enforces the same rules). */
export const ADMIN_SECTIONS = [
  { path: 'hang-doi', label: 'admin.nav.queue', roles: ['admin', 'leader'] },
  { path: 'trung-tam', label: 'admin.nav.center', roles: ['admin'] },
  { path: 'linh-vuc', label: 'admin.nav.fields', roles: ['admin'] },
  { path: 'quay', label: 'admin.nav.counters', roles: ['admin'] },
  { path: 'tai-khoan', label: 'admin.nav.users', roles: ['admin', 'leader'] },
  { path: 'thiet-bi', label: 'admin.nav.devices', roles: ['admin'] },
  { path: 'lich', label: 'admin.nav.calendar', roles: ['admin'] },
  { path: 'thu-tuc', label: 'admin.nav.procedures', roles: ['admin'] },
  { path: 'uu-tien', label: 'admin.nav.priority', roles: ['admin'] },
  { path: 'nhat-ky', label: 'admin.nav.audit', roles: ['admin', 'leader'] },
] as const satisfies ReadonlyArray<{ path: string; label: string; roles: readonly Role[] }>;

function sectionsFor(role: Role | undefined) {
  return ADMIN_SECTIONS.filter((s) => role !== undefined && (s.roles as readonly Role[]).includes(role));
}

export function AdminLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const sections = sectionsFor(session.data?.role);
  const nav = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // On a phone the sections are a sideways-scrolling row: keep the current one in view.
  useEffect(() => {
    nav.current?.querySelector('a.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);
  return (
    <div className="container admin">
      <nav className="admin-nav" aria-label={t('admin.navLabel')} ref={nav}>
        <h2 className="admin-nav-title">{t('nav.admin')}</h2>
        <ul>
          {sections.map((s) => (
            <li key={s.path}>
              <NavLink to={`/quan-tri/${s.path}`}>{t(s.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-content">
        <Outlet />
      </div>
    </div>
  );
}

/** /quan-tri → the first section this role may open. */
export function AdminIndex() {
  const session = useSession();
  const first = sectionsFor(session.data?.role)[0];
  return <Navigate to={first ? `/quan-tri/${first.path}` : '/'} replace />;
}

/** Whether the signed-in person may change things (leaders read only). */
export function useCanManage(): boolean {
  return useSession().data?.role === 'admin';
}
