import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { CreateDeviceBody, CreateUserBody, Device, DeviceWithToken, UpdateUserBody, User, UserWithPassword } from '../../../shared/schemas/accounts.js';
import type { AuditEntry, AuditQuery } from '../../../shared/schemas/audit.js';
import type { CenterProcedureRow, UpdateProcedureSettingsBody } from '../../../shared/schemas/catalog.js';
import type {
  Center,
  Counter,
  CreateCounterBody,
  CreateFieldBody,
  Field,
  UpdateCenterBody,
  UpdateCounterBody,
  UpdateFieldBody,
} from '../../../shared/schemas/centers.js';
import { api } from '../../lib/api.js';

export type UserCreated = Static<typeof UserWithPassword>;
export type DeviceCreated = Static<typeof DeviceWithToken>;
export type ProcedureRow = Static<typeof CenterProcedureRow>;
export type AuditPage = { items: AuditEntry[]; total: number };

/** Query keys of the admin pages; everything is scoped to the signed-in staff member's center. */
export const adminKeys = {
  all: ['admin'] as const,
  center: () => [...adminKeys.all, 'center'] as const,
  fields: () => [...adminKeys.all, 'fields'] as const,
  counters: () => [...adminKeys.all, 'counters'] as const,
  users: () => [...adminKeys.all, 'users'] as const,
  devices: () => [...adminKeys.all, 'devices'] as const,
  procedures: () => [...adminKeys.all, 'procedures'] as const,
  audit: (query: AuditQuery) => [...adminKeys.all, 'audit', query] as const,
};

/** A mutation that refreshes the listed queries when it succeeds. */
function useSaving<TBody, TResult>(mutationFn: (body: TBody) => Promise<TResult>, refresh: QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all(refresh.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

// Center
export function useCenter() {
  return useQuery({ queryKey: adminKeys.center(), queryFn: ({ signal }) => api.get<Center>('/api/center', { signal }) });
}
export function useUpdateCenter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCenterBody) => api.patch<Center>('/api/center', body),
    onSuccess: (center) => queryClient.setQueryData(adminKeys.center(), center),
  });
}

// Fields (service groups)
export function useFields() {
  return useQuery({ queryKey: adminKeys.fields(), queryFn: ({ signal }) => api.get<Field[]>('/api/fields', { signal }) });
}
export function useCreateField() {
  return useSaving((body: CreateFieldBody) => api.post<Field>('/api/fields', body), [adminKeys.fields()]);
}
export function useUpdateField() {
  return useSaving(
    ({ id, ...body }: UpdateFieldBody & { id: string }) => api.patch<Field>(`/api/fields/${id}`, body),
    [adminKeys.fields(), adminKeys.counters()],
  );
}

// Counters
export function useCounters() {
  return useQuery({ queryKey: adminKeys.counters(), queryFn: ({ signal }) => api.get<Counter[]>('/api/counters', { signal }) });
}
export function useCreateCounter() {
  return useSaving((body: CreateCounterBody) => api.post<Counter>('/api/counters', body), [adminKeys.counters(), adminKeys.fields()]);
}
export function useUpdateCounter() {
  return useSaving(
    ({ id, ...body }: UpdateCounterBody & { id: string }) => api.patch<Counter>(`/api/counters/${id}`, body),
    [adminKeys.counters(), adminKeys.fields()],
  );
}

// Staff accounts
export function useUsers() {
  return useQuery({ queryKey: adminKeys.users(), queryFn: ({ signal }) => api.get<User[]>('/api/users', { signal }) });
}
export function useCreateUser() {
  return useSaving((body: CreateUserBody) => api.post<UserCreated>('/api/users', body), [adminKeys.users()]);
}
export function useUpdateUser() {
  return useSaving(({ id, ...body }: UpdateUserBody & { id: string }) => api.patch<User>(`/api/users/${id}`, body), [adminKeys.users()]);
}
export function useResetPassword() {
  return useSaving((id: string) => api.post<UserCreated>(`/api/users/${id}/reset-password`), [adminKeys.users()]);
}

// Devices
export function useDevices() {
  return useQuery({ queryKey: adminKeys.devices(), queryFn: ({ signal }) => api.get<Device[]>('/api/devices', { signal }) });
}
export function useCreateDevice() {
  return useSaving((body: CreateDeviceBody) => api.post<DeviceCreated>('/api/devices', body), [adminKeys.devices()]);
}
export function useRevokeDevice() {
  return useSaving((id: string) => api.post<Device>(`/api/devices/${id}/revoke`), [adminKeys.devices()]);
}

// Procedure settings of the center
export function useCenterProcedures() {
  return useQuery({
    queryKey: adminKeys.procedures(),
    queryFn: ({ signal }) => api.get<ProcedureRow[]>('/api/center/procedures', { signal }),
  });
}
export function useUpdateProcedureSettings() {
  return useSaving(
    ({ code, ...body }: UpdateProcedureSettingsBody & { code: string }) => api.put<unknown>(`/api/center/procedures/${encodeURIComponent(code)}`, body),
    [adminKeys.procedures()],
  );
}

// Audit log
export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: adminKeys.audit(query),
    queryFn: ({ signal }) => api.get<AuditPage>('/api/audit', { query, signal }),
    placeholderData: keepPreviousData,
  });
}
