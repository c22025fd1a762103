import { useTranslation } from 'react-i18next';
import { ACCEPT_ATTRIBUTE, fileProblem, formatSize } from './api.js';

/** Files chosen for one document: a file input (several files allowed) and the list, each removable, with the problem the server would refuse it for. */
export function DocumentFileInput({ id, files, onChange, describedBy }: { id: string; files: readonly File[]; onChange: (files: File[]) => void; describedBy?: string }) {
  const { t } = useTranslation();
  return (
    <div className="file-picker">
      <input
        id={id}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        aria-describedby={describedBy}
        onChange={(e) => {
          const chosen = Array.from(e.target.files ?? []);
          onChange([...files, ...chosen]);
          e.target.value = ''; // the same file can be chosen again after removing it
        }}
      />
      {files.length > 0 && (
        <ul className="file-list">
          {files.map((f, i) => {
            const problem = fileProblem(f);
            return (
              <li key={`${f.name}-${i}`} className={problem ? 'file-bad' : undefined}>
                <span className="file-name">{f.name}</span> <span className="muted small">({formatSize(f.size)})</span>
                {problem && <span className="field-error"> {t(problem)}</span>}
                <button type="button" className="button-link" onClick={() => onChange(files.filter((_, j) => j !== i))}>
                  {t('online.removeFile')}
                  <span className="visually-hidden"> {f.name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
