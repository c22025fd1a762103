import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AskResult } from '../../../shared/schemas/assistant.js';
import type { CompletenessBody, CompletenessResult, ReadIdCardResult } from '../../../shared/schemas/copilot.js';
import { api } from '../../lib/api.js';
import { formatCivilDate } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import type { HandedDocument } from './api.js';

/**
 * The officials' copilot in the reception screen (issue #5): suggestions only — the official
 * picks, confirms and corrects; nothing here is saved by itself.
 */

/** "Công dân cần gì?": the citizen's own words → the three closest procedures, with why. */
export function ProcedureSuggest({ onPick }: { onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const ask = useMutation({ mutationFn: (question: string) => api.post<AskResult>('/api/copilot/suggest-procedures', { question }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim().length >= 2) ask.mutate(text.trim());
  };
  const result = ask.data;
  const fieldOf = (code: string) => result?.citations.find((c) => c.code === code)?.field ?? null;
  return (
    <div className="copilot copilot-suggest">
      <form className="inline-form" onSubmit={submit}>
        <div className="form-field">
          <label htmlFor="copilot-need">{t('copilot.need.label')}</label>
          <input id="copilot-need" value={text} maxLength={500} placeholder={t('copilot.need.placeholder')} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="button button-secondary button-small" disabled={ask.isPending}>
          {t('copilot.need.submit')}
        </button>
      </form>
      {ask.isError && <ErrorMessage error={ask.error} />}
      {result && (
        <div aria-live="polite">
          {result.outOfScope || result.procedures.length === 0 ? (
            <p className="muted">{t('copilot.need.none')}</p>
          ) : (
            <ol className="copilot-choices">
              {result.procedures.slice(0, 3).map((p, i) => (
                <li key={p.code}>
                  <button type="button" className="procedure-choice" onClick={() => onPick(p.code)}>
                    <span className="strong">{p.name}</span>
                    <span className="muted small">
                      {p.code}
                      {fieldOf(p.code) ? ` · ${fieldOf(p.code) ?? ''}` : ''} · {t('copilot.need.why', { percent: Math.round((p.score / (result.procedures[0]?.score || 1)) * 100) })}
                      {i === 0 && result.confidence !== 'high' ? ` · ${t('copilot.need.unsure')}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
          {result.clarifyingQuestion && <p className="copilot-hint">{t('copilot.need.ask', { question: result.clarifyingQuestion })}</p>}
        </div>
      )}
    </div>
  );
}

export interface ApplicantPrefill {
  name?: string;
  idNumber?: string;
  birthDate?: string;
  address?: string;
}

/** Reads a photo or scan of the citizen's ID card (QR code first, printed text as fallback) to prefill the form. */
export function IdCardReader({ onRead }: { onRead: (prefill: ApplicantPrefill) => void }) {
  const { t } = useTranslation();
  const read = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('image', file, file.name);
      return api.postForm<ReadIdCardResult>('/api/copilot/read-id', form);
    },
    onSuccess: (r) => {
      const f = r.fields;
      onRead({
        ...(f.fullName ? { name: f.fullName } : {}),
        ...(f.idNumber ? { idNumber: f.idNumber } : {}),
        ...(f.birthDate ? { birthDate: f.birthDate } : {}),
        ...(f.placeOfResidence ? { address: f.placeOfResidence } : {}),
      });
    },
  });
  const r = read.data;
  return (
    <div className="copilot copilot-idcard">
      <div className="form-field">
        <label htmlFor="copilot-idcard">{t('copilot.idCard.label')}</label>
        <input
          id="copilot-idcard"
          type="file"
          accept="image/jpeg,image/png"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) read.mutate(file);
          }}
        />
        <p className="muted small">{t('copilot.idCard.hint')}</p>
      </div>
      {read.isPending && <p className="muted" role="status">{t('copilot.idCard.reading')}</p>}
      {read.isError && <ErrorMessage error={read.error} />}
      {r && (
        <div className={`alert ${r.source === 'qr' ? 'alert-info' : 'alert-warning'}`} role="status" data-testid="idcard-result">
          <p className="strong">{r.source === 'qr' ? t('copilot.idCard.fromQr') : t('copilot.idCard.fromOcr')}</p>
          <p className="small">
            {[r.fields.fullName, r.fields.idNumber, r.fields.birthDate ? formatCivilDate(r.fields.birthDate) : null, r.fields.sex].filter(Boolean).join(' · ')}
          </p>
          {r.idNumberWarning && <p className="small">{r.idNumberWarning}</p>}
        </div>
      )}
    </div>
  );
}

/** What is missing, only needed in some cases, or wanting a certified copy, for the ticked checklist. */
export function CompletenessCheck({ procedureCode, documents }: { procedureCode: string; documents: HandedDocument[] }) {
  const { t } = useTranslation();
  const check = useMutation({ mutationFn: (body: CompletenessBody) => api.post<CompletenessResult>('/api/copilot/completeness', body) });
  const run = () =>
    check.mutate({ procedureCode, handed: documents.filter((d) => d.status === 'received').map((d) => ({ position: d.position })) });
  const r = check.data;
  return (
    <div className="copilot copilot-completeness">
      <button type="button" className="button button-secondary button-small" onClick={run} disabled={check.isPending}>
        {t('copilot.completeness.run')}
      </button>
      {check.isError && <ErrorMessage error={check.error} />}
      {r && (
        <div aria-live="polite" data-testid="completeness-result">
          {r.complete ? (
            <p className="alert alert-info">{t('copilot.completeness.complete')}</p>
          ) : (
            <>
              {r.missing.length > 0 && (
                <>
                  <p className="strong">{t('copilot.completeness.missing')}</p>
                  <ul>
                    {r.missing.map((d) => (
                      <li key={d.position}>{d.name}</li>
                    ))}
                  </ul>
                </>
              )}
              {r.needsCertifiedCopy.length > 0 && (
                <>
                  <p className="strong">{t('copilot.completeness.certified')}</p>
                  <ul>
                    {r.needsCertifiedCopy.map((x) => (
                      <li key={x.document.position}>{x.document.name}</li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
          {r.conditional.length > 0 && (
            <details>
              <summary>{t('copilot.completeness.conditional', { count: r.conditional.length })}</summary>
              <ul>
                {r.conditional.map((d) => (
                  <li key={d.position}>
                    {d.name} <span className="muted small">({d.condition})</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </div>
  );
}
