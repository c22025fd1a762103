import { useTranslation } from 'react-i18next';
import type { WorkingWeek } from '../../../shared/schemas/centers.js';
import { TimeInput } from '../../ui/time-input.js';
import { ISO_WEEKDAYS as WEEKDAYS, type IsoWeekday as Weekday } from '../../lib/format.js';
type Session = WorkingWeek[Weekday][number];

const MAX_SESSIONS = 4;

/** Working hours per ISO weekday; each day has 0–4 sessions (e.g. morning and afternoon). */
export function WorkingWeekEditor({ value, onChange, disabled }: { value: WorkingWeek; onChange: (week: WorkingWeek) => void; disabled?: boolean }) {
  const { t } = useTranslation();

  function setDay(day: Weekday, sessions: Session[]) {
    onChange({ ...value, [day]: sessions });
  }
  function setSession(day: Weekday, index: number, patch: Partial<Session>) {
    setDay(
      day,
      value[day].map((s, i) => (i === index ? { ...s, ...patch } : s)),
    );
  }
  function addSession(day: Weekday) {
    const last = value[day].at(-1);
    const next: Session = last ? { start: last.end, end: last.end } : { start: '07:30', end: '11:30' };
    setDay(day, [...value[day], next]);
  }

  return (
    <fieldset className="working-week" disabled={disabled}>
      <legend>{t('admin.center.workingWeek')}</legend>
      <p className="hint">{t('admin.center.workingWeekHint')}</p>
      <ul className="weekday-list">
        {WEEKDAYS.map((day) => {
          const dayName = t(`weekday.${day}`);
          return (
            <li key={day} className="weekday-row">
              <span className="weekday-name" id={`wd-${day}`}>
                {dayName}
              </span>
              <div className="weekday-sessions">
                {value[day].length === 0 && <span className="muted">{t('admin.center.closed')}</span>}
                {value[day].map((session, i) => {
                  const n = i + 1;
                  return (
                    <div className="session" key={i}>
                      <label className="visually-hidden" htmlFor={`wd-${day}-${i}-start`}>
                        {t('admin.center.sessionStart', { day: dayName, n })}
                      </label>
                      <TimeInput
                        id={`wd-${day}-${i}-start`}
                        required
                        value={session.start}
                        onChange={(v) => setSession(day, i, { start: v })}
                      />
                      <span aria-hidden="true">–</span>
                      <label className="visually-hidden" htmlFor={`wd-${day}-${i}-end`}>
                        {t('admin.center.sessionEnd', { day: dayName, n })}
                      </label>
                      <TimeInput
                        id={`wd-${day}-${i}-end`}
                        required
                        value={session.end}
                        onChange={(v) => setSession(day, i, { end: v })}
                      />
                      <button
                        type="button"
                        className="button button-small button-quiet"
                        onClick={() => setDay(day, value[day].filter((_, j) => j !== i))}
                      >
                        {t('common.remove')}
                        <span className="visually-hidden"> {t('admin.center.sessionName', { day: dayName, n })}</span>
                      </button>
                    </div>
                  );
                })}
                {value[day].length < MAX_SESSIONS && (
                  <button type="button" className="button button-small button-secondary" onClick={() => addSession(day)}>
                    {t('admin.center.addSession')}
                    <span className="visually-hidden"> ({dayName})</span>
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
