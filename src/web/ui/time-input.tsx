import type { InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
};

/**
 * A clock time as Vietnamese offices write it, 24-hour "HH:mm" (07:30, 15:00). A text field
 * rather than type="time", whose display follows the browser's locale (and may show AM/PM).
 */
export function TimeInput({ value, onChange, className, ...rest }: Props) {
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="HH:mm"
      pattern="([01][0-9]|2[0-3]):[0-5][0-9]"
      maxLength={5}
      className={`time-input${className ? ` ${className}` : ''}`}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={(e) => {
        // "730" or "7:30" → "07:30"
        const m = /^(\d{1,2})[:.h]?(\d{2})$/.exec(e.target.value.trim());
        if (m?.[1] && m[2]) onChange(`${m[1].padStart(2, '0')}:${m[2]}`);
        rest.onBlur?.(e);
      }}
    />
  );
}
