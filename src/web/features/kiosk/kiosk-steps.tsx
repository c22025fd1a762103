import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../lib/use-debounced-value.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useProcedureLookup, type KioskField, type PriorityGroupOption } from './api.js';

/** A name in the kiosk's language: the English name when there is one and English is on. */
export function useLocalName() {
  const { i18n } = useTranslation();
  const english = i18n.resolvedLanguage === 'en';
  return (name: string, nameEn: string | null) => (english && nameEn ? nameEn : name);
}

/** The screen's one question; it takes the focus when the screen appears (unless `focus` is false). */
export function StepTitle({ children, focus = true }: { children: string; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: true });
  }, [focus]);
  return (
    <h1 id="kiosk-step-title" className="kiosk-question" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

/** Step 1: which field (lĩnh vực), or search by the procedure's name. */
export function FieldStep({ fields, onField, onSearch }: { fields: KioskField[]; onField: (field: KioskField) => void; onSearch: () => void }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  return (
    <section className="kiosk-step" aria-labelledby="kiosk-step-title">
      <StepTitle>{t('kiosk.fieldQuestion')}</StepTitle>
      <ul className="kiosk-choices" role="list">
        {fields.map((f) => (
          <li key={f.id}>
            <button type="button" className="kiosk-choice" onClick={() => onField(f)}>
              <span className="kiosk-prefix" aria-hidden="true">
                {f.prefix}
              </span>
              <span className="kiosk-choice-text">
                <span className="kiosk-choice-name">{localName(f.name, f.nameEn)}</span>
                {f.counters.length > 0 && <span className="kiosk-choice-hint">{t('kiosk.counters', { counters: f.counters.join(', ') })}</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="kiosk-button kiosk-button-secondary kiosk-search-open" onClick={onSearch}>
        <svg className="kiosk-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <path d="M15 15l6 6" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
        {t('kiosk.searchOpen')}
      </button>
    </section>
  );
}

/** Step 1 (alternative): type a few words of the procedure's name, pick it from the top five. */
export function SearchStep({ center, onPick, onBack }: { center: string; onPick: (code: string, name: string) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const lookup = useProcedureLookup(center, q);
  const items = lookup.data?.items ?? [];
  return (
    <section className="kiosk-step kiosk-step-search" aria-labelledby="kiosk-step-title">
      <StepTitle focus={false}>{t('kiosk.searchQuestion')}</StepTitle>
      <div className="form-field kiosk-search">
        <label htmlFor="kiosk-search-input">{t('kiosk.searchLabel')}</label>
        <input id="kiosk-search-input" type="search" autoFocus autoComplete="off" value={text} placeholder={t('kiosk.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
      </div>
      {lookup.isFetching && items.length === 0 && <Loading />}
      {lookup.isError && <ErrorMessage error={lookup.error} onRetry={() => void lookup.refetch()} />}
      {q.length >= 2 && lookup.isSuccess && items.length === 0 && <p className="kiosk-empty">{t('kiosk.searchEmpty')}</p>}
      <ul className="kiosk-choices kiosk-choices-list" role="list" aria-live="polite">
        {items.map((p) => (
          <li key={p.code}>
            <button type="button" className="kiosk-choice" onClick={() => onPick(p.code, p.name)}>
              <span className="kiosk-choice-text">
                <span className="kiosk-choice-name">{p.name}</span>
                <span className="kiosk-choice-hint">{p.fieldName}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="kiosk-nav">
        <button type="button" className="kiosk-button kiosk-button-secondary" onClick={onBack}>
          {t('kiosk.back')}
        </button>
      </div>
    </section>
  );
}

/** Step 2: is the citizen a priority case? "No" first and largest: most people are not. */
export function PriorityStep({ groups, onAnswer, onBack }: { groups: PriorityGroupOption[]; onAnswer: (groupId: string | null) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  return (
    <section className="kiosk-step" aria-labelledby="kiosk-step-title">
      <StepTitle>{t('kiosk.priorityQuestion')}</StepTitle>
      <p className="kiosk-help">{t('kiosk.priorityHelp')}</p>
      <button type="button" className="kiosk-choice kiosk-choice-main" onClick={() => onAnswer(null)}>
        <span className="kiosk-choice-name">{t('kiosk.priorityNo')}</span>
      </button>
      <ul className="kiosk-choices" role="list">
        {groups.map((g) => (
          <li key={g.id}>
            <button type="button" className="kiosk-choice kiosk-choice-priority" onClick={() => onAnswer(g.id)}>
              <span className="kiosk-choice-name">{localName(g.name, g.nameEn)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="kiosk-nav">
        <button type="button" className="kiosk-button kiosk-button-secondary" onClick={onBack}>
          {t('kiosk.back')}
        </button>
      </div>
    </section>
  );
}
