import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useCreatePriorityGroup, usePriorityGroups, useUpdatePriorityGroup, type PriorityGroup } from './queue-api.js';
import '../../styles/counter.css';

const CODE_PATTERN = /^[a-z0-9-]{2,40}$/u;

function minutesValid(value: string): boolean {
  const n = Number(value);
  return value !== '' && Number.isInteger(n) && n >= 0 && n <= 240;
}

function GroupRow({ group }: { group: PriorityGroup }) {
  const { t } = useTranslation();
  const update = useUpdatePriorityGroup();
  const [name, setName] = useState(group.name);
  const [credit, setCredit] = useState(String(group.creditMinutes));
  const changed = name.trim() !== group.name || credit !== String(group.creditMinutes);
  const valid = name.trim().length >= 2 && minutesValid(credit);
  return (
    <tr className={group.active ? undefined : 'inactive'}>
      <td>
        <label className="visually-hidden" htmlFor={`pg-name-${group.id}`}>
          {t('priority.name')}
        </label>
        <input id={`pg-name-${group.id}`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <span className="muted small code">{group.code}</span>
      </td>
      <td className="narrow-cell">
        <label className="visually-hidden" htmlFor={`pg-credit-${group.id}`}>
          {t('priority.credit')}
        </label>
        <input id={`pg-credit-${group.id}`} type="number" inputMode="numeric" min={0} max={240} value={credit} onChange={(e) => setCredit(e.target.value)} />
      </td>
      <td>{group.active ? <span className="status status-ok">{t('common.active')}</span> : <span className="status status-off">{t('common.inactive')}</span>}</td>
      <td className="actions">
        <button
          type="button"
          className="button button-small button-primary"
          disabled={!changed || !valid || update.isPending}
          onClick={() => update.mutate({ id: group.id, name: name.trim(), creditMinutes: Number(credit) })}
        >
          {t('common.save')}
          <span className="visually-hidden"> {group.name}</span>
        </button>
        <button type="button" className="button button-small button-quiet" disabled={update.isPending} onClick={() => update.mutate({ id: group.id, active: !group.active })}>
          {group.active ? t('common.deactivate') : t('common.activate')}
          <span className="visually-hidden"> {group.name}</span>
        </button>
        {update.isError && <ErrorMessage error={update.error} />}
      </td>
    </tr>
  );
}

function CreateGroupForm() {
  const { t } = useTranslation();
  const create = useCreatePriorityGroup();
  const [v, setV] = useState({ code: '', name: '', nameEn: '', credit: '20' });
  const valid = CODE_PATTERN.test(v.code) && v.name.trim().length >= 2 && minutesValid(v.credit);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!valid) return;
    create.mutate(
      { code: v.code, name: v.name.trim(), nameEn: v.nameEn.trim() || null, creditMinutes: Number(v.credit) },
      { onSuccess: () => setV({ code: '', name: '', nameEn: '', credit: '20' }) },
    );
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="form-field grow">
        <label htmlFor="pg-new-name">{t('priority.name')}</label>
        <input id="pg-new-name" required maxLength={200} value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
      </div>
      <div className="form-field">
        <label htmlFor="pg-new-name-en">{t('priority.nameEn')}</label>
        <input id="pg-new-name-en" maxLength={200} value={v.nameEn} onChange={(e) => setV({ ...v, nameEn: e.target.value })} />
      </div>
      <div className="form-field">
        <label htmlFor="pg-new-code">{t('priority.code')}</label>
        <input id="pg-new-code" required pattern="[a-z0-9\-]{2,40}" value={v.code} onChange={(e) => setV({ ...v, code: e.target.value.toLowerCase() })} aria-describedby="pg-new-code-hint" />
      </div>
      <div className="form-field narrow">
        <label htmlFor="pg-new-credit">{t('priority.credit')}</label>
        <input id="pg-new-credit" type="number" inputMode="numeric" min={0} max={240} required value={v.credit} onChange={(e) => setV({ ...v, credit: e.target.value })} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!valid || create.isPending}>
          {t('common.add')}
        </button>
      </div>
      <p id="pg-new-code-hint" className="hint full">
        {t('priority.codeHint')}
      </p>
      {create.isError && <ErrorMessage error={create.error} />}
    </form>
  );
}

/** /quan-tri/uu-tien — priority groups and their credit, with the ordering rule in plain words. */
export function PriorityGroupsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.nav.priority'));
  const groups = usePriorityGroups();
  return (
    <section aria-labelledby="priority-title">
      <h1 id="priority-title">{t('priority.title')}</h1>
      <div className="card callout-rule">
        <h2>{t('priority.ruleTitle')}</h2>
        <p>{t('priority.rule')}</p>
        <p>{t('priority.bound')}</p>
        <p className="muted">{t('priority.example')}</p>
      </div>
      {groups.isPending && <Loading />}
      {groups.isError && <ErrorMessage error={groups.error} onRetry={() => void groups.refetch()} />}
      {groups.data && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('priority.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('priority.name')}</th>
                <th scope="col">{t('priority.credit')}</th>
                <th scope="col">{t('admin.users.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.data.map((g) => (
                <GroupRow key={`${g.id}:${g.name}:${g.creditMinutes}`} group={g} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="card">
        <h2>{t('priority.add')}</h2>
        <CreateGroupForm />
      </div>
    </section>
  );
}
