import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, ScrollRestoration, useNavigate } from 'react-router';
import type { PublicCenter } from '../../shared/schemas/centers.js';
import { AssistantWidget } from '../features/assistant/assistant-widget.js';
import { useLogout, useSession } from '../features/auth/api.js';
import { api } from '../lib/api.js';
import { LANGUAGES } from './i18n.js';

const publicKeys = { centers: () => ['public', 'centers'] as const };

/** The center's name for the header; an installation usually serves exactly one. */
function useCenterName(): string | null {
  const session = useSession();
  const centers = useQuery({
    queryKey: publicKeys.centers(),
    queryFn: ({ signal }) => api.get<Array<Static<typeof PublicCenter>>>('/api/centers', { signal }),
    staleTime: Infinity,
  });
  if (session.data) return session.data.centerName;
  return centers.data?.length === 1 ? (centers.data[0]?.name ?? null) : null;
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('app.language')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.resolvedLanguage === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          <span aria-hidden="true">{lng.toUpperCase()}</span>
          <span className="visually-hidden">{t(`app.languageName.${lng}`)}</span>
        </button>
      ))}
    </div>
  );
}

function StaffMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const logout = useLogout();
  const me = session.data;
  if (!me) {
    return (
      <NavLink to="/dang-nhap" className="nav-link">
        {t('nav.login')}
      </NavLink>
    );
  }
  return (
    <>
      {me.role !== 'leader' && (
        <NavLink to="/quay" className="nav-link">
          {t('nav.counter')}
        </NavLink>
      )}
      {(me.role === 'receptionist' || me.role === 'admin') && (
        <NavLink to="/tiep-nhan" className="nav-link">
          {t('nav.reception')}
        </NavLink>
      )}
      <NavLink to="/ho-so" className="nav-link">
        {t('nav.dossiers')}
      </NavLink>
      {(me.role === 'admin' || me.role === 'leader') && (
        <NavLink to="/quan-tri" className="nav-link">
          {t('nav.admin')}
        </NavLink>
      )}
      <span className="staff-name" title={me.username}>
        {me.fullName}
      </span>
      <button
        type="button"
        className="nav-link nav-button"
        onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/dang-nhap') })}
      >
        {t('nav.logout')}
      </button>
    </>
  );
}

/** Header (brand, navigation, language), main landmark and footer around every page. */
export function RootLayout() {
  const { t } = useTranslation();
  const centerName = useCenterName();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ★
            </span>
            <span className="brand-text">
              {centerName ? (
                <span className="brand-title" lang="vi">
                  {centerName}
                </span>
              ) : (
                <span className="brand-title">{t('app.title')}</span>
              )}
            </span>
          </Link>
          {/* Navigation and language stay together when the header wraps. */}
          <div className="header-tools">
            <nav className="site-nav" aria-label={t('nav.label')}>
              <NavLink to="/thu-tuc" className="nav-link">
                <span className="label-long">{t('nav.catalog')}</span>
                <span className="label-short">{t('nav.catalogShort')}</span>
              </NavLink>
              <NavLink to="/tra-cuu" className="nav-link">
                <span className="label-long">{t('nav.lookup')}</span>
                <span className="label-short">{t('nav.lookupShort')}</span>
              </NavLink>
              <StaffMenu />
            </nav>
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('app.footer')}</p>
        </div>
      </footer>
      <AssistantWidget />
      <ScrollRestoration />
    </div>
  );
}
