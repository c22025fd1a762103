import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "Page — Trung tâm Phục vụ hành chính công", in the current language. */
export function useDocumentTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const site = t('app.title');
  useEffect(() => {
    document.title = title ? `${title} — ${site}` : site;
  }, [title, site]);
}
