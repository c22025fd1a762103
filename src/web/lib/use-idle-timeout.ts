import { useEffect, useRef } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'wheel'] as const;

/**
 * Calls `onIdle` once after `ms` without a touch, key or typing (a kiosk or tablet left
 * mid-way returns to its start screen). `active: false` switches it off (the start screen).
 */
export function useIdleTimeout(ms: number, onIdle: () => void, active = true): void {
  const latest = useRef(onIdle);
  latest.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => latest.current(), ms);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), ms);
    };
    for (const type of ACTIVITY) window.addEventListener(type, reset, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, reset);
    };
  }, [ms, active]);
}
