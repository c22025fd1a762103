import type { RatingLevel } from './api.js';

const MOUTH: Record<RatingLevel, string> = {
  very_satisfied: 'M30 60 Q50 82 70 60',
  satisfied: 'M34 64 Q50 72 66 64',
  unsatisfied: 'M32 72 Q50 56 68 72',
};

/** A drawn face (no emoji font needed on the tablet); the button's text carries the meaning. */
export function Face({ level }: { level: RatingLevel }) {
  return (
    <svg className={`face face-${level}`} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="46" />
      <circle className="face-eye" cx="35" cy="40" r="6" />
      <circle className="face-eye" cx="65" cy="40" r="6" />
      <path className="face-mouth" d={MOUTH[level]} />
    </svg>
  );
}
