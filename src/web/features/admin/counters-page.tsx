import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Counter, Field } from '../../../shared/schemas/centers.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useCounters, useCreateCounter, useFields, useUpdateCounter } from './api.js';
import { RowActions } from './row-actions.js';

interface CounterFormValue {
  number: string;
  name: string;
  fieldIds: string[];
}

function FieldCheckboxes({ idPrefix, fields, value, onChange }: { idPrefix: string; fields: Field[]; value: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  if (fields.length === 0) return <p className="hint">{t('admin.counters.noFields')}</p>;
  return (
    <fieldset className="checkbox-group">
      <legend>{t('admin.counters.fieldsServed')}</legend>
      {fields.map((f) => {
        const id = `${idPrefix}-field-${f.id}`;
        const checked = value.includes(f.id);
        return (
          <div className="checkbox" key={f.id}>
            <input
              id={id}
              type="checkbox"
              checked={checked}
              onChange={() => onChange(checked ? value.filter((x) => x !== f.id) : [...value, f.id])}
            />
            <label htmlFor={id}>
              <span className="prefix-badge small">{f.ticketPrefix}</span> {f.name}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function CounterForm(props: { idPrefix: string; fields: Field[]; initial: CounterFormValue; submitLabel: string; pending: boolean; error: unknown; onSubmit: (v: { number: number; name?: string; fieldIds: string[] }) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState(props.initial);
  const id = (name: string) => `${props.idPrefix}-${name}`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = v.name.trim();
    props.onSubmit({ number: Number(v.number), ...(name ? { name } : {}), fieldIds: v.fieldIds });
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="form-field narrow">
        <label htmlFor={id('number')}>{t('admin.counters.number')}</label>
        <input id={id('number')} type="number" required min={1} max={999} inputMode="numeric" value={v.number} onChange={(e) => setV({ ...v, number: e.target.value })} />
      </div>
      <div className="form-field grow">
        <label htmlFor={id('name')}>{t('admin.counters.name')}</label>
        <input id={id('name')} value={v.name} placeholder={t('admin.counters.namePlaceholder')} onChange={(e) => setV({ ...v, name: e.target.value })} />
      </div>
      <div className="full">
        <FieldCheckboxes idPrefix={props.idPrefix} fields={props.fields} value={v.fieldIds} onChange={(fieldIds) => setV({ ...v, fieldIds })} />
      </div>
      <div className="form-actions full">
        <button type="submit" className="button button-primary" disabled={props.pending || v.number === ''}>
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

function CounterRow({ counter, fields }: { counter: Counter; fields: Field[] }) {
  const { t } = useTranslation();
  const update = useUpdateCounter();
  const [editing, setEditing] = useState(false);
  const served = fields.filter((f) => counter.fieldIds.includes(f.id));
  if (editing) {
    return (
      <li className="list-row editing">
        <CounterForm
          idPrefix={`counter-${counter.id}`}
          fields={fields}
          initial={{ number: String(counter.number), name: counter.name, fieldIds: counter.fieldIds }}
          submitLabel={t('common.save')}
          pending={update.isPending}
          error={update.error}
          onSubmit={(v) => update.mutate({ id: counter.id, ...v }, { onSuccess: () => setEditing(false) })}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className={`list-row${counter.active ? '' : ' inactive'}`} data-testid="counter-row">
      <span className="counter-number" aria-hidden="true">
        {counter.number}
      </span>
      <div className="list-main">
        <p className="list-title">{counter.name}</p>
        <p className="muted">
          {served.length > 0 ? served.map((f) => f.name).join(', ') : t('admin.counters.noFieldsServed')}
          {!counter.active && <> · {t('common.inactive')}</>}
        </p>
      </div>
      <RowActions name={counter.name} active={counter.active} busy={update.isPending} onEdit={() => setEditing(true)} onToggle={() => update.mutate({ id: counter.id, active: !counter.active })} />
      {update.isError && <ErrorMessage error={update.error} />}
    </li>
  );
}

export function CountersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.nav.counters'));
  const counters = useCounters();
  const fields = useFields();
  const create = useCreateCounter();
  const [formKey, setFormKey] = useState(0);
  const fieldList = fields.data ?? [];
  const nextNumber = counters.data ? Math.max(0, ...counters.data.map((c) => c.number)) + 1 : 1;
  return (
    <section aria-labelledby="admin-counters-title">
      <h1 id="admin-counters-title">{t('admin.counters.title')}</h1>
      <p className="muted">{t('admin.counters.intro')}</p>
      {counters.isPending && <Loading />}
      {counters.isError && <ErrorMessage error={counters.error} onRetry={() => void counters.refetch()} />}
      {fields.isError && <ErrorMessage error={fields.error} />}
      {counters.data && (
        <div className="card">
          <h2>{t('admin.counters.add')}</h2>
          <CounterForm
            key={`${formKey}-${nextNumber}-${fieldList.length}`}
            idPrefix="new-counter"
            fields={fieldList}
            initial={{ number: String(nextNumber), name: '', fieldIds: [] }}
            submitLabel={t('common.add')}
            pending={create.isPending}
            error={create.error}
            onSubmit={(v) => create.mutate(v, { onSuccess: () => setFormKey((k) => k + 1) })}
          />
        </div>
      )}
      {counters.data && counters.data.length === 0 && <p className="empty">{t('admin.counters.empty')}</p>}
      {counters.data && counters.data.length > 0 && (
        <ul className="list" aria-label={t('admin.counters.listLabel')}>
          {[...counters.data]
            .sort((a, b) => a.number - b.number)
            .map((c) => (
              <CounterRow key={c.id} counter={c} fields={fieldList} />
            ))}
        </ul>
      )}
    </section>
  );
}
