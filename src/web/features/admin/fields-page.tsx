import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateFieldBody, Field } from '../../../shared/schemas/centers.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useProcedureFields, type FieldCount } from '../portal/api.js';
import { useCreateField, useFields, useUpdateField } from './api.js';
import { RowActions } from './row-actions.js';

interface FieldFormValue {
  name: string;
  nameEn: string;
  ticketPrefix: string;
  sortOrder: string;
  nationalFields: string[];
}

const EMPTY: FieldFormValue = { name: '', nameEn: '', ticketPrefix: '', sortOrder: '', nationalFields: [] };

function bodyOf(v: FieldFormValue): CreateFieldBody {
  const sortOrder = v.sortOrder.trim() === '' ? undefined : Number(v.sortOrder);
  return {
    name: v.name.trim(),
    nameEn: v.nameEn.trim() || null,
    ticketPrefix: v.ticketPrefix.trim().toUpperCase(),
    nationalFields: v.nationalFields,
    ...(sortOrder !== undefined && Number.isInteger(sortOrder) ? { sortOrder } : {}),
  };
}

/** National catalog fields (e.g. Hộ tịch) whose procedures this center field receives. */
function NationalFields({ idPrefix, options, value, onChange }: { idPrefix: string; options: FieldCount[]; value: string[]; onChange: (codes: string[]) => void }) {
  const { t } = useTranslation();
  if (options.length === 0) return null;
  return (
    <details className="national-fields full" open={value.length > 0}>
      <summary>
        {t('admin.fields.nationalFields')} ({value.length})
      </summary>
      <fieldset className="checkbox-group">
        <legend className="visually-hidden">{t('admin.fields.nationalFields')}</legend>
        {options.map((o) => {
          const id = `${idPrefix}-nf-${o.code}`;
          const checked = value.includes(o.code);
          return (
            <div className="checkbox" key={o.code}>
              <input id={id} type="checkbox" checked={checked} onChange={() => onChange(checked ? value.filter((c) => c !== o.code) : [...value, o.code])} />
              <label htmlFor={id}>{o.name}</label>
            </div>
          );
        })}
      </fieldset>
    </details>
  );
}

function FieldForm(props: { idPrefix: string; initial: FieldFormValue; submitLabel: string; pending: boolean; error: unknown; onSubmit: (v: FieldFormValue) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState(props.initial);
  const national = useProcedureFields();
  const id = (name: string) => `${props.idPrefix}-${name}`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onSubmit(v);
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="form-field grow">
        <label htmlFor={id('name')}>{t('admin.fields.name')}</label>
        <input id={id('name')} required minLength={2} value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
      </div>
      <div className="form-field grow">
        <label htmlFor={id('nameEn')}>{t('admin.fields.nameEn')}</label>
        <input id={id('nameEn')} lang="en" value={v.nameEn} onChange={(e) => setV({ ...v, nameEn: e.target.value })} />
      </div>
      <div className="form-field narrow">
        <label htmlFor={id('prefix')}>{t('admin.fields.ticketPrefix')}</label>
        <input
          id={id('prefix')}
          required
          maxLength={2}
          pattern="[A-Za-z]{1,2}"
          aria-describedby={id('prefix-hint')}
          value={v.ticketPrefix}
          onChange={(e) => setV({ ...v, ticketPrefix: e.target.value.toUpperCase() })}
        />
      </div>
      <div className="form-field narrow">
        <label htmlFor={id('sort')}>{t('admin.fields.sortOrder')}</label>
        <input id={id('sort')} type="number" min={0} max={999} inputMode="numeric" value={v.sortOrder} onChange={(e) => setV({ ...v, sortOrder: e.target.value })} />
      </div>
      <p id={id('prefix-hint')} className="hint full">
        {t('admin.fields.ticketPrefixHint')}
      </p>
      <NationalFields idPrefix={props.idPrefix} options={national.data ?? []} value={v.nationalFields} onChange={(nationalFields) => setV({ ...v, nationalFields })} />
      <div className="form-actions full">
        <button type="submit" className="button button-primary" disabled={props.pending}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="button button-secondary" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
      {props.error !== null && <ErrorMessage error={props.error} />}
    </form>
  );
}

function FieldRow({ field }: { field: Field }) {
  const { t } = useTranslation();
  const national = useProcedureFields();
  const receives = field.nationalFields.map((code) => national.data?.find((n) => n.code === code)?.name ?? code);
  const update = useUpdateField();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="list-row editing">
        <FieldForm
          idPrefix={`field-${field.id}`}
          initial={{ name: field.name, nameEn: field.nameEn ?? '', ticketPrefix: field.ticketPrefix, sortOrder: String(field.sortOrder), nationalFields: field.nationalFields }}
          submitLabel={t('common.save')}
          pending={update.isPending}
          error={update.error}
          onSubmit={(v) => update.mutate({ id: field.id, ...bodyOf(v) }, { onSuccess: () => setEditing(false) })}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className={`list-row${field.active ? '' : ' inactive'}`}>
      <span className="prefix-badge" aria-label={t('admin.fields.ticketPrefix')}>
        {field.ticketPrefix}
      </span>
      <div className="list-main">
        <p className="list-title">{field.name}</p>
        <p className="muted">
          {field.nameEn && <span lang="en">{field.nameEn} · </span>}
          {t('admin.fields.counterCount', { count: field.counterIds.length })} · {t('admin.fields.sortOrder')}: {field.sortOrder}
          {!field.active && <> · {t('common.inactive')}</>}
        </p>
        {receives.length > 0 && (
          <p className="small muted">
            {t('admin.fields.receives')}: {receives.join(', ')}
          </p>
        )}
      </div>
      <RowActions name={field.name} active={field.active} busy={update.isPending} onEdit={() => setEditing(true)} onToggle={() => update.mutate({ id: field.id, active: !field.active })} />
      {update.isError && <ErrorMessage error={update.error} />}
    </li>
  );
}

export function FieldsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.nav.fields'));
  const fields = useFields();
  const create = useCreateField();
  const [formKey, setFormKey] = useState(0);
  return (
    <section aria-labelledby="admin-fields-title">
      <h1 id="admin-fields-title">{t('admin.fields.title')}</h1>
      <p className="muted">{t('admin.fields.intro')}</p>
      <div className="card">
        <h2>{t('admin.fields.add')}</h2>
        <FieldForm
          key={formKey}
          idPrefix="new-field"
          initial={EMPTY}
          submitLabel={t('common.add')}
          pending={create.isPending}
          error={create.error}
          onSubmit={(v) => create.mutate(bodyOf(v), { onSuccess: () => setFormKey((k) => k + 1) })}
        />
      </div>
      {fields.isPending && <Loading />}
      {fields.isError && <ErrorMessage error={fields.error} onRetry={() => void fields.refetch()} />}
      {fields.data && fields.data.length === 0 && <p className="empty">{t('admin.fields.empty')}</p>}
      {fields.data && fields.data.length > 0 && (
        <ul className="list" aria-label={t('admin.fields.listLabel')}>
          {fields.data.map((f) => (
            <FieldRow key={f.id} field={f} />
          ))}
        </ul>
      )}
    </section>
  );
}
