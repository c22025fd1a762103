import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/schemas/accounts.js';
import type { DossierFees, DossierStats, DossierSummary, PaymentQr } from '../../../shared/schemas/dossiers.js';
import { api } from '../../lib/api.js';
import { formatDateTime, formatVnd, todayCivil } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { dossierKeys, type DossierView } from './api.js';

type SlipKind = 'receipt' | 'supplement-request' | 'refusal' | 'apology' | 'stop-notice' | 'process-control';

export function slipUrl(id: string, kind: SlipKind): string {
  return `/api/dossiers/${encodeURIComponent(id)}/slips/${kind}.pdf`;
}

/** The slips this dossier's history makes printable (the server refuses the others). */
export function availableSlips(dossier: DossierView): SlipKind[] {
  const did = (actions: string[]) => dossier.events.some((e) => actions.includes(e.action));
  const out: SlipKind[] = [];
  const accepted = dossier.code !== null && dossier.receivedAt !== null;
  if (accepted) out.push('receipt');
  if (did(['request_supplement', 'request_more'])) out.push('supplement-request');
  if (did(['refuse'])) out.push('refusal');
  if (accepted && dossier.newDueAt !== null) out.push('apology');
  if (accepted && did(['stop', 'withdraw'])) out.push('stop-notice');
  if (accepted) out.push('process-control');
  return out;
}

/** Links to the official slips of a dossier (PDF, opened in a new tab for printing). */
export function SlipLinks({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const slips = availableSlips(dossier);
  if (slips.length === 0) return null;
  return (
    <nav className="form-actions slip-links" aria-label={t('dossier.slips.title')}>
      {slips.map((kind) => (
        <a key={kind} className="button button-secondary button-small" href={slipUrl(dossier.id, kind)} target="_blank" rel="noopener" data-slip={kind}>
          {t(`dossier.slips.${kind}`)}
          <span className="visually-hidden"> ({t('common.opensInNewTab')})</span>
        </a>
      ))}
    </nav>
  );
}

const feesKey = (id: string) => [...dossierKeys.detail(id), 'fees'] as const;

/** Fee, payments and the transfer QR of a dossier; the desk records payments and changes the fee with a reason. */
export function FeesPanel({ dossier, me }: { dossier: DossierView; me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fees = useQuery({ queryKey: feesKey(dossier.id), queryFn: ({ signal }) => api.get<DossierFees>(`/api/dossiers/${encodeURIComponent(dossier.id)}/fees`, { signal }) });
  const [showQr, setShowQr] = useState(false);
  const qr = useQuery({
    queryKey: [...feesKey(dossier.id), 'qr', fees.data?.dueVnd],
    queryFn: ({ signal }) => api.get<PaymentQr>(`/api/dossiers/${encodeURIComponent(dossier.id)}/payment-qr`, { signal }),
    enabled: showQr,
    retry: false,
  });
  const refresh = async (next: DossierFees) => {
    queryClient.setQueryData(feesKey(dossier.id), next);
    await queryClient.invalidateQueries({ queryKey: dossierKeys.detail(dossier.id) });
  };
  const pay = useMutation({ mutationFn: (body: { amountVnd: number; method: 'cash' | 'transfer'; reference?: string }) => api.post<DossierFees>(`/api/dossiers/${encodeURIComponent(dossier.id)}/payments`, body), onSuccess: refresh });
  const adjust = useMutation({ mutationFn: (body: { feeVnd: number; reason: string }) => api.post<DossierFees>(`/api/dossiers/${encodeURIComponent(dossier.id)}/fee`, body), onSuccess: refresh });
  const [method, setMethod] = useState<'cash' | 'transfer'>('cash');
  const [reference, setReference] = useState('');
  const [newFee, setNewFee] = useState('');
  const [reason, setReason] = useState('');
  const desk = me.role === 'receptionist' || me.role === 'leader' || me.role === 'admin';
  const open = !['refused', 'withdrawn', 'stopped', 'returned', 'submitted', 'incomplete'].includes(dossier.status);
  const f = fees.data;

  const onPay = (e: FormEvent) => {
    e.preventDefault();
    if (!f || f.dueVnd <= 0) return;
    pay.mutate({ amountVnd: f.dueVnd, method, ...(method === 'transfer' && reference.trim() ? { reference: reference.trim() } : {}) });
  };
  const onAdjust = (e: FormEvent) => {
    e.preventDefault();
    const amount = Number(newFee.replace(/[^0-9]/g, ''));
    if (!Number.isSafeInteger(amount) || newFee.trim() === '') return;
    adjust.mutate({ feeVnd: amount, reason: reason.trim() }, { onSuccess: () => { setNewFee(''); setReason(''); } });
  };

  return (
    <section className="card dossier-fees-card" aria-labelledby="dossier-fees">
      <h2 id="dossier-fees">{t('dossier.fees.title')}</h2>
      {fees.isError && <ErrorMessage error={fees.error} />}
      {f && (
        <>
          <dl className="facts">
            <div>
              <dt>{t('dossier.fees.fee')}</dt>
              <dd>{f.feeVnd > 0 ? formatVnd(f.feeVnd) : t('dossier.fees.free')}</dd>
            </div>
            <div>
              <dt>{t('dossier.fees.paid')}</dt>
              <dd>{formatVnd(f.paidVnd)}</dd>
            </div>
            <div>
              <dt>{t('dossier.fees.due')}</dt>
              <dd className={f.dueVnd > 0 ? 'strong' : undefined} data-testid="fee-due">
                {formatVnd(f.dueVnd)}
              </dd>
            </div>
            {f.reason && (
              <div>
                <dt>{t('dossier.fees.reason')}</dt>
                <dd>{f.reason}</dd>
              </div>
            )}
          </dl>
          {f.payments.length > 0 && (
            <ul className="plain-list small" aria-label={t('dossier.fees.payments')}>
              {f.payments.map((p) => (
                <li key={p.receiptNumber}>
                  <span className="code">{p.receiptNumber}</span> · {formatVnd(p.amountVnd)} · {t(`dossier.fees.method.${p.method}`)} · {formatDateTime(p.receivedAt)}
                  {p.receivedBy ? ` · ${p.receivedBy}` : ''}
                  {p.reference ? ` · ${p.reference}` : ''}
                </li>
              ))}
            </ul>
          )}
          {desk && open && f.dueVnd > 0 && (
            <form className="inline-form" onSubmit={onPay}>
              <fieldset>
                <legend>{t('dossier.fees.collect', { amount: formatVnd(f.dueVnd) })}</legend>
                <label>
                  <input type="radio" name="pay-method" checked={method === 'cash'} onChange={() => setMethod('cash')} /> {t('dossier.fees.method.cash')}
                </label>{' '}
                <label>
                  <input type="radio" name="pay-method" checked={method === 'transfer'} onChange={() => setMethod('transfer')} /> {t('dossier.fees.method.transfer')}
                </label>
                {method === 'transfer' && (
                  <div className="form-field">
                    <label htmlFor="pay-reference">{t('dossier.fees.reference')}</label>
                    <input id="pay-reference" value={reference} maxLength={100} onChange={(e) => setReference(e.target.value)} />
                  </div>
                )}
                <div className="form-actions">
                  <button type="submit" className="button button-small" disabled={pay.isPending}>
                    {t('dossier.fees.record')}
                  </button>
                  <button type="button" className="button button-secondary button-small" onClick={() => setShowQr((v) => !v)} aria-expanded={showQr}>
                    {t('dossier.fees.showQr')}
                  </button>
                </div>
              </fieldset>
              {pay.isError && <ErrorMessage error={pay.error} />}
            </form>
          )}
          {showQr && (
            <div className="payment-qr" aria-live="polite">
              {qr.isError && <ErrorMessage error={qr.error} />}
              {qr.data && (
                <figure>
                  {/* The SVG is generated by the server's QR library from digits and capitals only. */}
                  <div className="payment-qr-image" role="img" aria-label={t('dossier.fees.qrAlt')} dangerouslySetInnerHTML={{ __html: qr.data.svg }} />
                  <figcaption>
                    {t('dossier.fees.qrCaption', { amount: formatVnd(qr.data.amountVnd), name: qr.data.bank.name, account: qr.data.bank.account, purpose: qr.data.purpose })}
                  </figcaption>
                </figure>
              )}
            </div>
          )}
          {desk && open && f.paymentStatus !== 'paid' && (
            <details className="fee-adjust">
              <summary>{t('dossier.fees.adjust')}</summary>
              <form onSubmit={onAdjust}>
                <div className="form-field">
                  <label htmlFor="fee-new">{t('dossier.fees.newFee')}</label>
                  <input id="fee-new" inputMode="numeric" required value={newFee} onChange={(e) => setNewFee(e.target.value)} />
                </div>
                <div className="form-field">
                  <label htmlFor="fee-reason">{t('dossier.fees.reason')}</label>
                  <textarea id="fee-reason" required minLength={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
                </div>
                <button type="submit" className="button button-small" disabled={adjust.isPending}>
                  {t('common.save')}
                </button>
                {adjust.isError && <ErrorMessage error={adjust.error} />}
              </form>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** Download of the dossier register (sổ theo dõi hồ sơ) for a period, for the desk and the leaders. */
export function RegisterExport() {
  const { t } = useTranslation();
  const today = todayCivil();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const href = (format: 'pdf' | 'csv' | 'xlsx') => `/api/dossier-register?${new URLSearchParams({ from, to, format }).toString()}`;
  const valid = from !== '' && to !== '' && from <= to;
  return (
    <details className="card register-export">
      <summary>{t('dossier.register.title')}</summary>
      <div className="inline-form">
        <div className="form-field">
          <label htmlFor="register-from">{t('dossier.register.from')}</label>
          <input id="register-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="form-field">
          <label htmlFor="register-to">{t('dossier.register.to')}</label>
          <input id="register-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        {valid ? (
          <div className="form-actions">
            {(['pdf', 'xlsx', 'csv'] as const).map((format) => (
              <a key={format} className="button button-secondary button-small" href={href(format)} target={format === 'pdf' ? '_blank' : undefined} rel="noopener">
                {format.toUpperCase()}
              </a>
            ))}
          </div>
        ) : (
          <p className="field-error">{t('dossier.register.invalid')}</p>
        )}
      </div>
    </details>
  );
}


/** The month's progress as the QĐ 766 index counts it, for leaders watching the numbers. */
export function ProgressPanel() {
  const { t } = useTranslation();
  const today = todayCivil();
  const from = `${today.slice(0, 8)}01`;
  const stats = useQuery({
    queryKey: [...dossierKeys.all, 'stats', from, today],
    queryFn: ({ signal }) => api.get<DossierStats>('/api/dossier-stats', { query: { from, to: today }, signal }),
  });
  const s = stats.data;
  return (
    <section className="card progress-panel" aria-labelledby="progress-title">
      <h2 id="progress-title">{t('dossier.stats.title')}</h2>
      {stats.isError && <ErrorMessage error={stats.error} />}
      {s && (
        <dl className="facts progress-facts">
          <div>
            <dt>{t('dossier.stats.rate')}</dt>
            <dd className="strong" data-testid="on-time-rate">
              {s.onTimeRate === null ? '—' : `${s.onTimeRate.toLocaleString('vi-VN')} %`}
              {s.progressScore !== null && <span className="muted small"> · {t('dossier.stats.score', { score: s.progressScore.toLocaleString('vi-VN') })}</span>}
            </dd>
          </div>
          <div>
            <dt>{t('dossier.stats.received')}</dt>
            <dd>{t('dossier.stats.receivedDetail', { total: s.received.total, counter: s.received.counter, online: s.received.online, post: s.received.post })}</dd>
          </div>
          <div>
            <dt>{t('dossier.stats.finished')}</dt>
            <dd>{t('dossier.stats.finishedDetail', { early: s.finished.early, onTime: s.finished.onTime, late: s.finished.late })}</dd>
          </div>
          <div>
            <dt>{t('dossier.stats.processing')}</dt>
            <dd>{t('dossier.stats.processingDetail', { inTime: s.processing.inTime, overdue: s.processing.overdue })}</dd>
          </div>
          <div>
            <dt>{t('dossier.stats.apologies')}</dt>
            <dd>{s.apologies}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

/** The leader's summary before signing: facts from the dossier's records, one per line. */
export function SummaryCard({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const summary = useQuery({
    queryKey: [...dossierKeys.detail(dossier.id), 'summary', dossier.status, dossier.events.length],
    queryFn: ({ signal }) => api.get<DossierSummary>(`/api/dossiers/${encodeURIComponent(dossier.id)}/summary`, { signal }),
  });
  return (
    <section className="card dossier-summary-card" aria-labelledby="dossier-summary">
      <h2 id="dossier-summary">{t('dossier.summary.title')}</h2>
      <p className="muted small">{t('dossier.summary.hint')}</p>
      {summary.isError && <ErrorMessage error={summary.error} />}
      {summary.data && (
        <ul className="summary-lines">
          {summary.data.lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The dossier's files (citizen's scans, attachments, the result) and adding one, recorded in the history. */
export function FilesCard({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'result' | 'scan'>('result');
  const [comment, setComment] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [round, setRound] = useState(0);
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.append('kind', kind);
      if (comment.trim()) form.append('comment', comment.trim());
      for (const f of files) form.append('file', f, f.name);
      return api.postForm<DossierView>(`/api/dossiers/${encodeURIComponent(dossier.id)}/files`, form);
    },
    onSuccess: (next) => {
      queryClient.setQueryData(dossierKeys.detail(dossier.id), next);
      setComment('');
      setFiles([]);
      setRound((r) => r + 1);
    },
  });
  // An online dossier shows the citizen's scans with their documents in its review panel: here only the officials' files.
  const list = (dossier.files ?? []).filter((f) => dossier.channel !== 'online' || f.documentPosition === null);
  const closed = ['refused', 'withdrawn', 'stopped'].includes(dossier.status);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (files.length > 0) upload.mutate();
  };
  return (
    <section className="card dossier-files-card" aria-labelledby="dossier-files">
      <h2 id="dossier-files">{t('dossier.files.title')}</h2>
      {list.length === 0 ? (
        <p className="muted small">{t('dossier.files.none')}</p>
      ) : (
        <ul className="plain-list small">
          {list.map((f) => (
            <li key={f.id}>
              <a href={`/api/dossiers/${encodeURIComponent(dossier.id)}/files/${encodeURIComponent(f.id)}`} download>
                {f.originalName}
              </a>{' '}
              <span className="muted">
                · {t(`dossier.files.kind.${f.kind}`, { defaultValue: f.kind })} · {Math.ceil(f.size / 1024)} KB · {formatDateTime(f.uploadedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {!closed && (
        <details className="fee-adjust">
          <summary>{t('dossier.files.add')}</summary>
          <form onSubmit={onSubmit}>
            <div className="form-field">
              <label htmlFor="attach-kind">{t('dossier.files.kindLabel')}</label>
              <select id="attach-kind" value={kind} onChange={(e) => setKind(e.target.value === 'scan' ? 'scan' : 'result')}>
                <option value="result">{t('dossier.files.kind.result')}</option>
                <option value="scan">{t('dossier.files.kind.scan')}</option>
              </select>
            </div>
            <div className="form-field">
              <label htmlFor="attach-file">{t('dossier.files.file')}</label>
              <input key={round} id="attach-file" type="file" multiple accept="application/pdf,image/jpeg,image/png" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
            </div>
            <div className="form-field">
              <label htmlFor="attach-comment">{t('dossier.files.comment')}</label>
              <input id="attach-comment" maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
            </div>
            <button type="submit" className="button button-small" disabled={upload.isPending || files.length === 0}>
              {t('dossier.files.upload')}
            </button>
            {upload.isError && <ErrorMessage error={upload.error} />}
          </form>
        </details>
      )}
    </section>
  );
}
