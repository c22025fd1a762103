import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useDocumentTitle } from '../ui/use-document-title.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('errors.notFoundTitle'));
  return (
    <div className="container page">
      <h1>{t('errors.notFoundTitle')}</h1>
      <p>{t('errors.notFound')}</p>
      <p>
        <Link to="/">{t('portal.backToCatalog')}</Link>
      </p>
    </div>
  );
}

/** Shown when a page itself fails to render; nothing technical reaches the person. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="container page">
      <div className="alert alert-error" role="alert">
        <p>{t('errors.generic')}</p>
      </div>
      <p>
        <a href="/">{t('portal.backToCatalog')}</a>
      </p>
    </div>
  );
}
