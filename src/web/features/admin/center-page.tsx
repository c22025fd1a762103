import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Center, UpdateCenterBody } from '../../../shared/schemas/centers.js';
import { ErrorMessage, SuccessMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { TimeInput } from '../../ui/time-input.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useCanManage } from './admin-layout.js';
import { useCenter, useUpdateCenter } from './api.js';
import { WorkingWeekEditor } from './working-week-editor.js';

type Form = Omit<Center, 'id' | 'slug' | 'phone' | 'email'> & { phone: string; email: string };

function formOf(c: Center): Form {
  return { ...c, phone: c.phone ?? '', email: c.email ?? '' };
}

function bodyOf(f: Form): UpdateCenterBody {
  return {
    name: f.name.trim(),
    address: f.address.trim(),
    phone: f.phone.trim() || null,
    email: f.email.trim() || null,
    agencyCode: f.agencyCode.trim().toUpperCase(),
    lateCutoff: f.lateCutoff,
    workingWeek: f.workingWeek,
  };
}

function CenterForm({ center }: { center: Center }) {
  const { t } = useTranslation();
  const canManage = useCanManage();
  const save = useUpdateCenter();
  const [form, setForm] = useState<Form>(() => formOf(center));
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(bodyOf(form), { onSuccess: (saved) => setForm(formOf(saved)) });
  }

  return (
    <form className="form-stack admin-form" onSubmit={submit}>
      <fieldset disabled={!canManage} className="form-grid">
        <div className="form-field span-2">
          <label htmlFor="center-name">{t('admin.center.name')}</label>
          <input id="center-name" required minLength={3} value={form.name} onChange={(e) => set('name', e.target.value)} />
        </div>
        <div className="form-field span-2">
          <label htmlFor="center-address">{t('admin.center.address')}</label>
          <input id="center-address" value={form.address} onChange={(e) => set('address', e.target.value)} />
        </div>
        <div className="form-field">
          <label htmlFor="center-phone">{t('admin.center.phone')}</label>
          <input id="center-phone" type="tel" value={form.phone} onChange={(e) => set('phone', e.target.value)} />
        </div>
        <div className="form-field">
          <label htmlFor="center-email">{t('admin.center.email')}</label>
          <input id="center-email" type="email" value={form.email} onChange={(e) => set('email', e.target.value)} />
        </div>
        <div className="form-field">
          <label htmlFor="center-agency">{t('admin.center.agencyCode')}</label>
          <input
            id="center-agency"
            required
            aria-describedby="center-agency-hint"
            value={form.agencyCode}
            onChange={(e) => set('agencyCode', e.target.value)}
          />
          <p id="center-agency-hint" className="hint">
            {t('admin.center.agencyCodeHint')}
          </p>
        </div>
        <div className="form-field">
          <label htmlFor="center-cutoff">{t('admin.center.lateCutoff')}</label>
          <TimeInput
            id="center-cutoff"
            required
            aria-describedby="center-cutoff-hint"
            value={form.lateCutoff}
            onChange={(v) => set('lateCutoff', v)}
          />
          <p id="center-cutoff-hint" className="hint">
            {t('admin.center.lateCutoffHint')}
          </p>
        </div>
      </fieldset>
      <WorkingWeekEditor value={form.workingWeek} onChange={(w) => set('workingWeek', w)} disabled={!canManage} />
      {save.isError && <ErrorMessage error={save.error} />}
      {save.isSuccess && <SuccessMessage>{t('common.saved')}</SuccessMessage>}
      {canManage && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {t('common.save')}
          </button>
        </div>
      )}
    </form>
  );
}

export function CenterPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.nav.center'));
  const center = useCenter();
  return (
    <section aria-labelledby="admin-center-title">
      <h1 id="admin-center-title">{t('admin.center.title')}</h1>
      {center.isPending && <Loading />}
      {center.isError && <ErrorMessage error={center.error} onRetry={() => void center.refetch()} />}
      {center.data && <CenterForm center={center.data} />}
    </section>
  );
}
