import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProcedureSummary } from '../../../shared/schemas/catalog.js';
import { feeLabel, processingLabel } from './procedure-facts.js';

/** One search result: name (the link), field, processing time, fee and the national code. */
export function ProcedureCard({ procedure }: { procedure: ProcedureSummary }) {
  const { t, i18n } = useTranslation();
  const fee = feeLabel(t, procedure.feeFree, procedure.feeAmounts);
  return (
    <article className="procedure-card">
      <h2 className="procedure-card-title" lang="vi">
        <Link to={`/thu-tuc/${encodeURIComponent(procedure.code)}`}>{procedure.name}</Link>
      </h2>
      <dl className="procedure-card-facts">
        <div>
          <dt>{t('procedure.field')}</dt>
          <dd lang="vi">{procedure.fieldName}</dd>
        </div>
        <div>
          <dt>{t('procedure.processingTime')}</dt>
          <dd>{processingLabel(t, i18n.language, { workingDays: procedure.workingDays, text: procedure.processingText })}</dd>
        </div>
        <div>
          <dt>{t('procedure.fee')}</dt>
          <dd className={procedure.feeFree ? 'fee-free' : undefined}>{fee}</dd>
        </div>
        <div>
          <dt>{t('procedure.code')}</dt>
          <dd className="code">{procedure.code}</dd>
        </div>
      </dl>
      {procedure.online && <p className="badge badge-online">{t('procedure.onlineAvailable')}</p>}
    </article>
  );
}
