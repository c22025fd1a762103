import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ProcedureDetail } from '../../../shared/schemas/catalog.js';
import { isApiError } from '../../lib/api.js';
import { formatDate } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useProcedure } from './api.js';
import { DocumentsTable } from './documents-table.js';
import { channelLabel, feeLabel, processingLabel } from './procedure-facts.js';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="procedure-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function TextList({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="text-list" lang="vi">
      {items.map((item, i) => (
        <li key={`${i}-${item}`}>{item}</li>
      ))}
    </ul>
  );
}

function Summary({ p }: { p: ProcedureDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="summary">
      <div>
        <dt>{t('procedure.processingTime')}</dt>
        <dd>
          <strong>{processingLabel(t, i18n.language, p.processing)}</strong>
          {p.processing.after15hNextWorkingDay && <span className="summary-note">{t('procedure.after15h')}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('procedure.fee')}</dt>
        <dd>
          <strong className={p.fee.free ? 'fee-free' : undefined}>{feeLabel(t, p.fee.free, p.fee.amountsVND)}</strong>
        </dd>
      </div>
      <div>
        <dt>{t('procedure.channels')}</dt>
        <dd>
          {p.channels.length > 0 ? p.channels.map((c) => channelLabel(t, c)).join(', ') : t('procedure.notStated')}
          <span className="summary-note">{p.online ? t('procedure.onlineAvailable') : t('procedure.onlineUnavailable')}</span>
        </dd>
      </div>
      {p.authority && (
        <div>
          <dt>{t('procedure.authority')}</dt>
          <dd>{p.authority}</dd>
        </div>
      )}
    </dl>
  );
}

function ProcedureView({ p }: { p: ProcedureDetail }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle(p.name);
  return (
    <article className="container page procedure" aria-labelledby="procedure-title">
      <nav className="breadcrumb no-print" aria-label={t('nav.breadcrumb')}>
        <Link to="/thu-tuc">{t('portal.title')}</Link>
        <span aria-hidden="true"> › </span>
        <span>{p.fieldName}</span>
      </nav>
      <header className="procedure-header">
        <p className="procedure-kicker">
          {p.fieldName}
          <span className="code">
            {t('procedure.code')}: {p.code}
          </span>
        </p>
        <h1 id="procedure-title" lang="vi">
          {p.name}
        </h1>
        <div className="procedure-actions no-print">
          {p.online && (
            <Link className="button button-primary" to={`/nop-truc-tuyen/${encodeURIComponent(p.code)}`} data-testid="submit-online">
              {t('online.submitButton')}
            </Link>
          )}
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            {t('procedure.print')}
          </button>
          {p.sourceUrl && (
            <a className="button button-secondary" href={p.sourceUrl} target="_blank" rel="noopener noreferrer">
              {t('procedure.officialSource')}
              <span className="visually-hidden"> ({t('common.opensInNewTab')})</span>
            </a>
          )}
        </div>
      </header>

      <Summary p={p} />

      <Section id="sec-documents" title={t('procedure.documents')}>
        <DocumentsTable documents={p.documents} />
      </Section>

      <Section id="sec-processing" title={t('procedure.processingTime')}>
        <p>{processingLabel(t, i18n.language, p.processing)}</p>
        {p.processing.after15hNextWorkingDay && <p className="callout">{t('procedure.after15h')}</p>}
        {p.processing.text && (
          <p className="as-published">
            <span className="label">{t('procedure.asPublished')}:</span> {p.processing.text}
          </p>
        )}
        {p.processing.note && (
          <p className="muted" lang="vi">
            {p.processing.note}
          </p>
        )}
      </Section>

      <Section id="sec-fee" title={t('procedure.fee')}>
        <p>{feeLabel(t, p.fee.free, p.fee.amountsVND)}</p>
        {p.fee.text.length > 0 && <TextList items={p.fee.text} empty="" />}
      </Section>

      <Section id="sec-results" title={t('procedure.results')}>
        <TextList items={p.results} empty={t('procedure.notStated')} />
      </Section>

      <Section id="sec-legal" title={t('procedure.legalBasis')}>
        <TextList items={p.legalBasis} empty={t('procedure.notStated')} />
      </Section>

      <footer className="procedure-source">
        {p.publishingDecision && (
          <p>
            {t('procedure.publishingDecision')}: {p.publishingDecision}
          </p>
        )}
        {p.sourceUrl && (
          <p>
            {t('procedure.source')}: <a href={p.sourceUrl}>{p.sourceUrl}</a>
          </p>
        )}
        <p>
          {t('procedure.updatedAt')}: {formatDate(p.updatedAt)}
        </p>
        <p className="print-only">{t('procedure.printedOn', { date: formatDate(new Date()) })}</p>
      </footer>
    </article>
  );
}

export function ProcedurePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const procedure = useProcedure(code);
  if (procedure.isPending) {
    return (
      <div className="container page">
        <Loading />
      </div>
    );
  }
  if (procedure.isError) {
    return (
      <div className="container page">
        {/* A malformed code is refused (400) before lookup; for a person it is simply not found. */}
        {isApiError(procedure.error) && procedure.error.status === 400 ? (
          <div className="alert alert-error" role="alert">
            <p>{t('procedure.notFound')}</p>
          </div>
        ) : (
          <ErrorMessage error={procedure.error} />
        )}
        <p>
          <BackToCatalog />
        </p>
      </div>
    );
  }
  return <ProcedureView p={procedure.data} />;
}

function BackToCatalog() {
  const { t } = useTranslation();
  return <Link to="/thu-tuc">{t('portal.backToCatalog')}</Link>;
}
