import { useState, type InputHTMLAttributes } from 'react';
import { formatCivilDate } from '../lib/format.js';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> & {
  /** A civil date "YYYY-MM-DD", or '' when empty or not (yet) a valid date. */
  value: string;
  onChange: (value: string) => void;
};

/** "16/02/2026", "16-2-2026" → "2026-02-16"; null when not a real calendar date. */
export function parseDayMonthYear(text: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date typed the Vietnamese way, dd/mm/yyyy, whatever the browser's locale (type="date"
 * shows mm/dd/yyyy in an English browser, which invites mistakes). The parent holds the
 * ISO civil date.
 */
export function DateInput({ value, onChange, className, ...rest }: Props) {
  const [text, setText] = useState(() => (value ? formatCivilDate(value) : ''));
  const [emitted, setEmitted] = useState(value);
  if (value !== emitted) {
    // Changed by the parent (e.g. cleared after saving): show it.
    setEmitted(value);
    setText(value ? formatCivilDate(value) : '');
  }
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/yyyy"
      maxLength={10}
      className={`date-input${className ? ` ${className}` : ''}`}
      aria-invalid={text !== '' && parseDayMonthYear(text) === null}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        const iso = parseDayMonthYear(next) ?? '';
        setText(next);
        setEmitted(iso);
        onChange(iso);
      }}
    />
  );
}
