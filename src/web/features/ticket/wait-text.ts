import { useTranslation } from 'react-i18next';

/** An estimated wait as people say it: "khoảng 12 phút", or "chưa xác định" when no counter of the field is open. */
export function useWaitText(): (minutes: number | null) => string {
  const { t } = useTranslation();
  return (minutes) => (minutes === null ? t('wait.unknown') : t('wait.about', { count: minutes }));
}
