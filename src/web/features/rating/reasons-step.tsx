import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_REASONS, type RatingLevel, type RatingReason } from './api.js';
import { Face } from './faces.js';

/** Optional: what mattered (chips) and a comment; "Gửi đánh giá" sends with or without them. */
export function ReasonsStep({ level, pending, onSubmit }: { level: RatingLevel; pending: boolean; onSubmit: (reasons: RatingReason[], comment: string) => void }) {
  const { t } = useTranslation();
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [comment, setComment] = useState('');
  const toggle = (r: RatingReason) => setReasons((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));
  return (
    <section className="rating-step" aria-labelledby="rating-reasons-title">
      <p className="rating-chosen">
        <Face level={level} />
        <span>{t(`rating.level.${level}`)}</span>
      </p>
      <h1 id="rating-reasons-title" className="rating-question">
        {t(level === 'unsatisfied' ? 'rating.reasonsBad' : 'rating.reasonsGood')}
      </h1>
      <div className="rating-chips" role="group" aria-labelledby="rating-reasons-title">
        {RATING_REASONS.map((r) => (
          <button key={r} type="button" className="rating-chip" aria-pressed={reasons.includes(r)} onClick={() => toggle(r)}>
            {t(`rating.reason.${r}`)}
          </button>
        ))}
      </div>
      <div className="form-field rating-comment">
        <label htmlFor="rating-comment">{t('rating.comment')}</label>
        <textarea id="rating-comment" rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <button type="button" className="rating-send" disabled={pending} onClick={() => onSubmit(reasons, comment)}>
        {t('rating.send')}
      </button>
    </section>
  );
}
