import { useTranslation } from 'react-i18next';

/** "Edit" and "Deactivate/Activate" for one row of an admin list (fields, counters). */
export function RowActions({ name, active, busy, onEdit, onToggle }: { name: string; active: boolean; busy: boolean; onEdit: () => void; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="list-actions">
      <button type="button" className="button button-small button-secondary" onClick={onEdit}>
        {t('common.edit')}
        <span className="visually-hidden"> {name}</span>
      </button>
      <button type="button" className="button button-small button-quiet" disabled={busy} onClick={onToggle}>
        {active ? t('common.deactivate') : t('common.activate')}
        <span className="visually-hidden"> {name}</span>
      </button>
    </div>
  );
}
