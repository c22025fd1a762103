import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { formatDateTime } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { usePublicDossier, type PublicDossier } from './api.js';
import { StatusBadge, TimelinessBadge } from './badges.js';
import '../../styles/dossiers.css';

function Result({ dossier }: { dossier: PublicDossier }) {
  const { t } = useTranslation();
  return (
    <section className="card lookup-result" aria-labelledby="lookup-code">
      <h2 id="lookup-code" className="dossier-code">
        {dossier.code}
      </h2>
      <p>{dossier.procedureName}</p>
      <dl className="facts">
        <div>
          <dt>{t('dossier.applicant')}</dt>
          <dd data-testid="lookup-applicant">
            {dossier.applicant}
            {!dossier.verified && <span className="muted small block">{t('dossier.lookup.masked')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('dossier.statusLabel')}</dt>
          <dd>
            <StatusBadge status={dossier.status} label={dossier.statusLabel} />
          </dd>
        </div>
        <div>
          <dt>{t('dossier.receivedAt')}</dt>
          <dd>{dossier.receivedAt ? formatDateTime(dossier.receivedAt) : '—'}</dd>
        </div>
        <div>
          <dt>{t('dossier.dueAt')}</dt>
          <dd>
            {dossier.dueAt ? formatDateTime(dossier.dueAt) : '—'} <TimelinessBadge timeliness={dossier.timeliness} />
          </dd>
        </div>
      </dl>
      <h3>{t('dossier.lookup.timeline')}</h3>
      <ol className="timeline">
        {dossier.timeline.map((step, i) => (
          <li key={`${step.at}-${i}`} className="timeline-item">
            <time dateTime={step.at} className="timeline-time">
              {formatDateTime(step.at)}
            </time>
            <p className="strong">{t(`dossier.status.${step.status}`, { defaultValue: step.label })}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** /tra-cuu and /tra-cuu/:code: a citizen follows their dossier (the QR code on the receipt opens this page). */
export function LookupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('dossier.lookup.title'));
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const phone = /^\d{4}$/.test(params.get('phone') ?? '') ? (params.get('phone') ?? '') : '';
  const [codeText, setCodeText] = useState(code);
  const [phoneText, setPhoneText] = useState(phone);
  const lookup = usePublicDossier(code, phone);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const c = codeText.trim().toUpperCase();
    if (!c) return;
    const p = phoneText.trim();
    void navigate(`/tra-cuu/${encodeURIComponent(c)}${/^\d{4}$/.test(p) ? `?phone=${p}` : ''}`);
  }

  return (
    <div className="container page dossier-page lookup-page">
      <h1>{t('dossier.lookup.title')}</h1>
      <form className="card lookup-form" onSubmit={submit}>
        <div className="form-field">
          <label htmlFor="lookup-code-input">{t('dossier.lookup.code')}</label>
          <input id="lookup-code-input" required autoCapitalize="characters" spellCheck={false} value={codeText} placeholder="H00.00-261127-0001" onChange={(e) => setCodeText(e.target.value)} />
        </div>
        <div className="form-field">
          <label htmlFor="lookup-phone">{t('dossier.lookup.phone')}</label>
          <input id="lookup-phone" inputMode="numeric" maxLength={4} pattern="[0-9]{4}" aria-describedby="lookup-phone-hint" value={phoneText} onChange={(e) => setPhoneText(e.target.value.replace(/\D/g, ''))} />
          <p className="hint" id="lookup-phone-hint">
            {t('dossier.lookup.phoneHint')}
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('dossier.lookup.submit')}
          </button>
        </div>
      </form>
      {code !== '' &&
        (lookup.isPending ? (
          <Loading />
        ) : lookup.isError ? (
          <ErrorMessage error={lookup.error} />
        ) : (
          <Result dossier={lookup.data} />
        ))}
    </div>
  );
}
