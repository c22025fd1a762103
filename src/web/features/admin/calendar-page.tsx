import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDay, CalendarYear } from '../../../shared/schemas/calendar.js';
import { formatCivilDate, isoWeekdayOf, todayCivil } from '../../lib/format.js';
import { DateInput } from '../../ui/date-input.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useCanManage } from './admin-layout.js';
import { useAddCalendarDay, useDeleteCalendarDay, useUpdateCalendarDay, useCalendarYear } from './calendar-api.js';

type Kind = CalendarDay['kind'];

function DateCell({ date }: { date: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="nowrap">{formatCivilDate(date)}</span>
      <span className="muted small"> {t(`weekday.${isoWeekdayOf(date)}`)}</span>
    </>
  );
}

function DayRow({ day }: { day: CalendarDay }) {
  const { t } = useTranslation();
  const canManage = useCanManage();
  const update = useUpdateCalendarDay();
  const remove = useDeleteCalendarDay();
  const error = update.error ?? remove.error;
  const toggleId = `day-${day.id}-enabled`;
  return (
    <tr className={day.enabled ? undefined : 'inactive'}>
      <td>
        <DateCell date={day.date} />
      </td>
      <td>
        <span className={`status ${day.kind === 'day_off' ? 'status-off' : 'status-info'}`}>{t(`admin.calendar.kind.${day.kind}`)}</span>
      </td>
      <td>
        {day.name}
        {day.uncertain && <span className="status status-warn">{t('admin.calendar.uncertain')}</span>}
      </td>
      <td className="small">
        <strong>{t(`admin.calendar.scope.${day.scope}`)}</strong>
        {day.source && <span className="source-text">{day.source}</span>}
      </td>
      <td>
        <div className="checkbox">
          <input
            id={toggleId}
            type="checkbox"
            checked={day.enabled}
            disabled={!canManage || update.isPending}
            onChange={() => update.mutate({ id: day.id, enabled: !day.enabled })}
          />
          <label htmlFor={toggleId} className="visually-hidden">
            {t('admin.calendar.appliesOn', { date: formatCivilDate(day.date) })}
          </label>
        </div>
      </td>
      {canManage && (
        <td className="actions">
          {day.scope === 'center' && (
            <button
              type="button"
              className="button button-small button-danger"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(t('admin.calendar.deleteConfirm', { date: formatCivilDate(day.date) }))) remove.mutate(day.id);
              }}
            >
              {t('common.delete')}
              <span className="visually-hidden"> {formatCivilDate(day.date)}</span>
            </button>
          )}
          {error && <ErrorMessage error={error} />}
        </td>
      )}
    </tr>
  );
}

function AddDayForm({ year }: { year: number }) {
  const { t } = useTranslation();
  const add = useAddCalendarDay();
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<Kind>('day_off');
  const [name, setName] = useState('');
  const [source, setSource] = useState('');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate(
      { date, kind, name: name.trim(), ...(source.trim() ? { source: source.trim() } : {}) },
      {
        onSuccess: () => {
          setDate('');
          setName('');
          setSource('');
        },
      },
    );
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="form-field">
        <label htmlFor="cal-date">{t('admin.calendar.date')}</label>
        <DateInput id="cal-date" required aria-describedby="cal-date-hint" value={date} onChange={setDate} />
      </div>
      <div className="form-field">
        <label htmlFor="cal-kind">{t('admin.calendar.kindLabel')}</label>
        <select id="cal-kind" value={kind} onChange={(e) => setKind(e.target.value === 'working_day' ? 'working_day' : 'day_off')}>
          <option value="day_off">{t('admin.calendar.kind.day_off')}</option>
          <option value="working_day">{t('admin.calendar.kind.working_day')}</option>
        </select>
      </div>
      <div className="form-field grow">
        <label htmlFor="cal-name">{t('admin.calendar.name')}</label>
        <input id="cal-name" required minLength={2} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="form-field grow">
        <label htmlFor="cal-source">{t('admin.calendar.source')}</label>
        <input id="cal-source" placeholder={t('admin.calendar.sourcePlaceholder')} value={source} onChange={(e) => setSource(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={add.isPending || !date || name.trim().length < 2}>
          {t('common.add')}
        </button>
      </div>
      <p id="cal-date-hint" className="hint full">
        {t('common.dateHint', { example: `16/02/${year}` })}
      </p>
      {add.isError && <ErrorMessage error={add.error} />}
    </form>
  );
}

function YearView({ data }: { data: CalendarYear }) {
  const { t } = useTranslation();
  const canManage = useCanManage();
  const days = [...data.days].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <>
      <p className="calendar-summary">
        {t('admin.calendar.workingDaysInYear', { count: data.workingDays, year: data.year })}
        {!data.hasOfficialSchedule && <span className="status status-warn">{t('admin.calendar.noOfficialSchedule')}</span>}
      </p>
      {canManage && (
        <div className="card">
          <h2>{t('admin.calendar.add')}</h2>
          <AddDayForm year={data.year} />
        </div>
      )}
      <h2>{t('admin.calendar.daysTitle')}</h2>
      {days.length === 0 ? (
        <p className="empty">{t('admin.calendar.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.calendar.daysTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.calendar.date')}</th>
                <th scope="col">{t('admin.calendar.kindLabel')}</th>
                <th scope="col" className="col-name">
                  {t('admin.calendar.name')}
                </th>
                <th scope="col" className="col-wide">
                  {t('admin.calendar.source')}
                </th>
                <th scope="col">{t('admin.calendar.applies')}</th>
                {canManage && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <DayRow key={d.id} day={d} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('admin.calendar.holidaysTitle')}</h2>
      <ul className="holiday-list">
        {data.holidays.map((h) => (
          <li key={`${h.date}-${h.name}`}>
            <DateCell date={h.date} /> — {h.name}
            {h.kind === 'compensatory' && <span className="status status-info">{t('admin.calendar.compensatory')}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

export function CalendarPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.nav.calendar'));
  const [year, setYear] = useState(() => Number(todayCivil().slice(0, 4)));
  const calendar = useCalendarYear(year);
  return (
    <section aria-labelledby="admin-calendar-title">
      <h1 id="admin-calendar-title">{t('admin.calendar.title')}</h1>
      <p className="muted">{t('admin.calendar.intro')}</p>
      <div className="year-picker" role="group" aria-label={t('admin.calendar.year')}>
        <button type="button" className="button button-secondary" onClick={() => setYear((y) => y - 1)}>
          ‹ {year - 1}
        </button>
        <strong className="year-current" aria-live="polite">
          {t('admin.calendar.yearLabel', { year })}
        </strong>
        <button type="button" className="button button-secondary" onClick={() => setYear((y) => y + 1)}>
          {year + 1} ›
        </button>
      </div>
      {calendar.isPending && <Loading />}
      {calendar.isError && <ErrorMessage error={calendar.error} onRetry={() => void calendar.refetch()} />}
      {calendar.data && <YearView data={calendar.data} />}
    </section>
  );
}
