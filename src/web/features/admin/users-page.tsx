import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, User } from '../../../shared/schemas/accounts.js';
import { formatDateTime } from '../../lib/format.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { useCanManage } from './admin-layout.js';
import { useCreateUser, useResetPassword, useUpdateUser, useUsers, type UserCreated } from './api.js';
import { SecretOnce } from './secret-once.js';

type Role = Me['role'];
const ROLES: readonly Role[] = ['admin', 'leader', 'receptionist', 'specialist'];

function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange: (role: Role) => void }) {
  const { t } = useTranslation();
  return (
    <select id={id} value={value} onChange={(e) => onChange(ROLES.find((r) => r === e.target.value) ?? value)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`role.${r}`)}
        </option>
      ))}
    </select>
  );
}

function CreateUserForm({ onCreated }: { onCreated: (result: UserCreated) => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState<Role>('receptionist');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { username: username.trim().toLowerCase(), fullName: fullName.trim(), role, ...(password ? { password } : {}) },
      {
        onSuccess: (result) => {
          setUsername('');
          setFullName('');
          setPassword('');
          onCreated(result);
        },
      },
    );
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="form-field">
        <label htmlFor="new-user-username">{t('auth.username')}</label>
        <input
          id="new-user-username"
          required
          autoCapitalize="none"
          spellCheck={false}
          aria-describedby="new-user-username-hint"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </div>
      <div className="form-field grow">
        <label htmlFor="new-user-fullname">{t('admin.users.fullName')}</label>
        <input id="new-user-fullname" required minLength={2} value={fullName} onChange={(e) => setFullName(e.target.value)} />
      </div>
      <div className="form-field">
        <label htmlFor="new-user-role">{t('admin.users.role')}</label>
        <RoleSelect id="new-user-role" value={role} onChange={setRole} />
      </div>
      <div className="form-field">
        <label htmlFor="new-user-password">{t('admin.users.initialPassword')}</label>
        <input
          id="new-user-password"
          type="password"
          autoComplete="new-password"
          aria-describedby="new-user-password-hint"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('common.add')}
        </button>
      </div>
      <p className="hint full">
        <span id="new-user-username-hint">{t('admin.users.usernameHint')}</span> <span id="new-user-password-hint">{t('admin.users.passwordHint')}</span>
      </p>
      {create.isError && <ErrorMessage error={create.error} />}
    </form>
  );
}

function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  const locked = user.lockedUntil !== null && new Date(user.lockedUntil) > new Date();
  return (
    <>
      <span className={`status ${user.active ? 'status-ok' : 'status-off'}`}>{user.active ? t('common.active') : t('common.inactive')}</span>
      {locked && user.lockedUntil && <span className="status status-warn">{t('admin.users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}</span>}
      {user.mustChangePassword && <span className="status status-info">{t('admin.users.mustChange')}</span>}
    </>
  );
}

function UserRow({ user, onSecret }: { user: User; onSecret: (result: UserCreated) => void }) {
  const { t } = useTranslation();
  const canManage = useCanManage();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const [editing, setEditing] = useState(false);
  const [fullName, setFullName] = useState(user.fullName);
  const [role, setRole] = useState<Role>(user.role);
  const error = update.error ?? reset.error;

  function resetPassword() {
    if (!window.confirm(t('admin.users.resetConfirm', { name: user.fullName }))) return;
    reset.mutate(user.id, { onSuccess: onSecret });
  }

  return (
    <tr className={user.active ? undefined : 'inactive'}>
      <td className="code">{user.username}</td>
      <td>
        {editing ? (
          <>
            <label className="visually-hidden" htmlFor={`user-${user.id}-name`}>
              {t('admin.users.fullName')}
            </label>
            <input id={`user-${user.id}-name`} value={fullName} onChange={(e) => setFullName(e.target.value)} />
          </>
        ) : (
          user.fullName
        )}
      </td>
      <td>
        {editing ? (
          <>
            <label className="visually-hidden" htmlFor={`user-${user.id}-role`}>
              {t('admin.users.role')}
            </label>
            <RoleSelect id={`user-${user.id}-role`} value={role} onChange={setRole} />
          </>
        ) : (
          t(`role.${user.role}`)
        )}
      </td>
      <td>
        <UserStatus user={user} />
      </td>
      <td className="nowrap">{formatDateTime(user.createdAt)}</td>
      {canManage && (
        <td className="actions">
          {editing ? (
            <>
              <button
                type="button"
                className="button button-small button-primary"
                disabled={update.isPending}
                onClick={() => update.mutate({ id: user.id, fullName: fullName.trim(), role }, { onSuccess: () => setEditing(false) })}
              >
                {t('common.save')}
              </button>
              <button type="button" className="button button-small button-secondary" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button button-small button-secondary" onClick={() => setEditing(true)}>
                {t('common.edit')}
                <span className="visually-hidden"> {user.username}</span>
              </button>
              <button type="button" className="button button-small button-secondary" disabled={reset.isPending} onClick={resetPassword}>
                {t('admin.users.resetPassword')}
                <span className="visually-hidden"> {user.username}</span>
              </button>
              <button type="button" className="button button-small button-quiet" disabled={update.isPending} onClick={() => update.mutate({ id: user.id, active: !user.active })}>
                {user.active ? t('common.deactivate') : t('common.activate')}
                <span className="visually-hidden"> {user.username}</span>
              </button>
            </>
          )}
          {error && <ErrorMessage error={error} />}
        </td>
      )}
    </tr>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.nav.users'));
  const canManage = useCanManage();
  const users = useUsers();
  const [secret, setSecret] = useState<UserCreated | null>(null);

  return (
    <section aria-labelledby="admin-users-title">
      <h1 id="admin-users-title">{t('admin.users.title')}</h1>
      {!canManage && <p className="alert alert-info">{t('admin.readOnly')}</p>}
      {canManage && (
        <div className="card">
          <h2>{t('admin.users.add')}</h2>
          <CreateUserForm onCreated={setSecret} />
        </div>
      )}
      {secret?.temporaryPassword && (
        <SecretOnce
          id="temporary-password"
          label={t('admin.users.temporaryPasswordFor', { username: secret.user.username })}
          value={secret.temporaryPassword}
          warning={t('admin.users.temporaryPasswordWarning')}
          onDone={() => setSecret(null)}
        />
      )}
      {users.isPending && <Loading />}
      {users.isError && <ErrorMessage error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('auth.username')}</th>
                <th scope="col">{t('admin.users.fullName')}</th>
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.status')}</th>
                <th scope="col">{t('admin.users.createdAt')}</th>
                {canManage && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <UserRow key={u.id} user={u} onSecret={setSecret} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
