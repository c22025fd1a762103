import { useTranslation } from 'react-i18next';
import type { ProcedureDetail } from '../../../shared/schemas/catalog.js';
import { formatNumber } from '../../lib/format.js';

type ProcedureDocument = ProcedureDetail['documents'][number];

/** "bản chính" → "Bản chính" (the catalog publishes copy types in lower case). */
function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** "Trường hợp …" already reads as a condition in Vietnamese; a label in front would repeat it. */
function saysItsACase(condition: string, language: string): boolean {
  return language === 'vi' && /^trường hợp\b/iu.test(condition.normalize('NFC'));
}

/** The dossier's documents, numbered, with copies and copy type; conditional ones say when. */
export function DocumentsTable({ documents }: { documents: ProcedureDocument[] }) {
  const { t, i18n } = useTranslation();
  if (documents.length === 0) return <p className="muted">{t('procedure.noDocuments')}</p>;
  return (
    <div className="table-scroll">
      <table className="documents-table">
        <caption className="visually-hidden">{t('procedure.documents')}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-number">
              {t('procedure.documentNumber')}
            </th>
            <th scope="col">{t('procedure.documentName')}</th>
            <th scope="col" className="col-copies">
              {t('procedure.copies')}
            </th>
            <th scope="col" className="col-copy-type">
              {t('procedure.copyType')}
            </th>
          </tr>
        </thead>
        <tbody lang="vi">
          {documents.map((doc, index) => (
            <tr key={`${index}-${doc.nameAsPublished}`}>
              <td className="col-number">{index + 1}</td>
              <td>
                {doc.condition && (
                  <p className="document-condition">
                    {!saysItsACase(doc.condition, i18n.language) && <span className="condition-label">{t('procedure.condition')} </span>}
                    {doc.condition}
                  </p>
                )}
                <p className="document-name">{doc.name}</p>
                {doc.form && (
                  <p className="document-form">
                    {t('procedure.form')}: {doc.form}
                  </p>
                )}
              </td>
              <td className="col-copies" data-label={t('procedure.copies')}>{doc.copies > 0 ? formatNumber(doc.copies, i18n.language) : '—'}</td>
              <td className="col-copy-type">{doc.copyType ? capitalize(doc.copyType) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
