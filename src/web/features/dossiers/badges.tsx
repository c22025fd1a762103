import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.js';
import type { Timeliness } from './api.js';

const STATUS_TONE: Record<string, string> = {
  received: 'status-info',
  processing: 'status-info',
  awaiting_approval: 'status-info',
  supplement_requested: 'status-warn',
  incomplete: 'status-warn',
  result_ready: 'status-ok',
  returned: 'status-ok',
  withdrawn: 'status-off',
  stopped: 'status-off',
  refused: 'status-off',
};

/** The dossier's status in the reader's language; the server's Vietnamese label when the status is new to this page. */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  const { t } = useTranslation();
  return <span className={`status dossier-status ${STATUS_TONE[status] ?? 'status-info'}`}>{t(`dossier.status.${status}`, { defaultValue: label })}</span>;
}

/** Trước hạn / Đúng hạn / Trễ hạn (finished) or Trong hạn / Quá hạn (running), coloured; nothing when there is no deadline. */
export function TimelinessBadge({ timeliness }: { timeliness: Timeliness }) {
  const { t } = useTranslation();
  if (timeliness === 'none') return null;
  return <span className={`timeliness timeliness-${timeliness}`}>{t(`dossier.timeliness.${timeliness}`)}</span>;
}

/** The due date, and the new one promised in an apology letter. */
export function DueDate({ dueAt, newDueAt }: { dueAt: string | null; newDueAt: string | null }) {
  const { t } = useTranslation();
  if (!dueAt) return <span className="muted">—</span>;
  if (!newDueAt) return <span className="nowrap">{formatDateTime(dueAt)}</span>;
  return (
    <span>
      <s className="nowrap muted">{formatDateTime(dueAt)}</s> <span className="nowrap">{t('dossier.newDueAt', { time: formatDateTime(newDueAt) })}</span>
    </span>
  );
}
