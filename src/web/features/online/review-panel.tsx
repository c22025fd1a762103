import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/schemas/accounts.js';
import type { DossierView } from '../../../shared/schemas/dossiers.js';
import { formatDateTime } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { fileUrl, formatSize, useReview } from './api.js';
import './online.css';

/** The citizen's scans, by document; downloads are attachments (never opened as a page). */
function Scans({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const files = dossier.files ?? [];
  if (files.length === 0) return <p className="muted">{t('online.noScans')}</p>;
  return (
    <ul className="plain-list online-scans">
      {files.map((f) => {
        const doc = dossier.documents.find((d) => d.position === f.documentPosition);
        return (
          <li key={f.id}>
            <a href={fileUrl(dossier.id, f.id)} download={f.originalName}>
              {f.originalName}
            </a>{' '}
            <span className="muted small">
              ({formatSize(f.size)}, {formatDateTime(f.uploadedAt)})
            </span>
            {doc && <span className="block small">{doc.name}</span>}
          </li>
        );
      })}
    </ul>
  );
}

type Asked = Record<number, { on: boolean; note: string }>;

function RequestMoreForm({ dossier, onSubmit, pending }: { dossier: DossierView; onSubmit: (items: Array<{ position?: number; name?: string; note?: string }>, reason: string) => void; pending: boolean }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState<Asked>({});
  const [other, setOther] = useState('');
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const items: Array<{ position?: number; name?: string; note?: string }> = Object.entries(asked)
      .filter(([, v]) => v.on)
      .map(([position, v]) => ({ position: Number(position), ...(v.note.trim() ? { note: v.note.trim() } : {}) }));
    for (const line of other.split('\n').map((x) => x.trim()).filter(Boolean)) items.push({ name: line });
    if (items.length === 0) return;
    onSubmit(items, reason.trim());
  };
  return (
    <form onSubmit={submit}>
      <fieldset className="form-section">
        <legend>{t('online.whatIsMissing')}</legend>
        <ol className="online-documents">
          {dossier.documents.map((d) => {
            const value = asked[d.position] ?? { on: false, note: '' };
            return (
              <li key={d.position} className="online-document">
                <label className="checkbox">
                  <input type="checkbox" checked={value.on} onChange={(e) => setAsked({ ...asked, [d.position]: { ...value, on: e.target.checked } })} /> {d.name}
                </label>
                {value.on && (
                  <div className="form-field">
                    <label htmlFor={`ask-note-${d.position}`}>{t('online.itemNote')}</label>
                    <input id={`ask-note-${d.position}`} value={value.note} maxLength={1000} onChange={(e) => setAsked({ ...asked, [d.position]: { ...value, note: e.target.value } })} />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
        <div className="form-field">
          <label htmlFor="ask-other">{t('online.otherItems')}</label>
          <textarea id="ask-other" rows={2} value={other} onChange={(e) => setOther(e.target.value)} />
        </div>
        <div className="form-field">
          <label htmlFor="ask-reason">{t('online.reason')}</label>
          <textarea id="ask-reason" rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
        </div>
      </fieldset>
      <button type="submit" className="button button-primary" disabled={pending}>
        {t('online.sendRequest')}
      </button>
    </form>
  );
}

function RefuseForm({ onSubmit, pending }: { onSubmit: (reasons: string[]) => void; pending: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const reasons = text.split('\n').map((x) => x.trim()).filter(Boolean);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (reasons.length > 0) onSubmit(reasons);
      }}
    >
      <div className="form-field">
        <label htmlFor="refuse-reasons">{t('online.refuseReasons')}</label>
        <textarea id="refuse-reasons" rows={3} required value={text} onChange={(e) => setText(e.target.value)} />
        <p className="hint">{t('online.onePerLine')}</p>
      </div>
      <button type="submit" className="button button-danger" disabled={pending || reasons.length === 0}>
        {t('online.refuse')}
      </button>
    </form>
  );
}

/**
 * On the dossier page of an online submission: the scans, and for the receptionist while it waits
 * for review, the three decisions — accept (official code, due date, receipt), request more
 * (supplementation slip, Mẫu 02), refuse (refusal slip, Mẫu 03).
 */
export function OnlineReview({ dossier, me }: { dossier: DossierView; me: Me | null | undefined }) {
  const { t } = useTranslation();
  const review = useReview(dossier.id);
  if (dossier.channel !== 'online') return null;
  const canReview = (me?.role === 'receptionist' || me?.role === 'admin') && dossier.status === 'submitted';
  return (
    <section className="card online-review" aria-labelledby="online-review-title">
      <h2 id="online-review-title">{t('online.reviewTitle')}</h2>
      {dossier.online && (
        <p className="muted small">
          {t('online.reference')}: <span className="code">{dossier.online.reference}</span> · {t('online.submittedAt')}: {formatDateTime(dossier.online.submittedAt)}
        </p>
      )}
      <h3>{t('online.scans')}</h3>
      <Scans dossier={dossier} />
      {dossier.status === 'incomplete' && <p className="alert alert-info">{t('online.waitingCitizen')}</p>}
      {canReview && (
        <div className="online-decisions">
          {review.isError && <ErrorMessage error={review.error} />}
          <details className="dossier-action">
            <summary>{t('online.accept')}</summary>
            <p>{t('online.acceptHint')}</p>
            <button type="button" className="button button-primary" disabled={review.isPending} onClick={() => review.mutate({ decision: 'accept' })}>
              {t('online.acceptConfirm')}
            </button>
          </details>
          <details className="dossier-action">
            <summary>{t('online.requestMore')}</summary>
            <RequestMoreForm dossier={dossier} pending={review.isPending} onSubmit={(items, reason) => review.mutate({ decision: 'request_more', items, ...(reason ? { reason } : {}) })} />
          </details>
          <details className="dossier-action dossier-action-danger">
            <summary>{t('online.refuse')}</summary>
            <RefuseForm pending={review.isPending} onSubmit={(reasons) => review.mutate({ decision: 'refuse', reasons })} />
          </details>
        </div>
      )}
    </section>
  );
}
