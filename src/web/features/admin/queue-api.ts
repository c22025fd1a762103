import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { QueueOverview } from '../../../shared/schemas/queue.js';
import type { PriorityGroup, PriorityGroupBody, QueueSettingsBody, UpdatePriorityGroupBody } from '../../../shared/schemas/queue-settings.js';
import { api } from '../../lib/api.js';
import { adminKeys } from './api.js';

export type { PriorityGroup, QueueOverview };

export const queueAdminKeys = {
  overview: () => [...adminKeys.all, 'queue', 'overview'] as const,
  priorityGroups: () => [...adminKeys.all, 'queue', 'priority-groups'] as const,
};

export function useQueueOverview() {
  return useQuery({
    queryKey: queueAdminKeys.overview(),
    queryFn: ({ signal }) => api.get<QueueOverview>('/api/queue/overview', { signal }),
    // "Longest wait" grows with the clock even when nothing happens.
    refetchInterval: 60_000,
  });
}

export function useSaveQueueSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Static<typeof QueueSettingsBody>) => api.put<undefined>('/api/queue/settings', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queueAdminKeys.overview() }),
  });
}

export function usePriorityGroups() {
  return useQuery({ queryKey: queueAdminKeys.priorityGroups(), queryFn: ({ signal }) => api.get<PriorityGroup[]>('/api/priority-groups', { signal }) });
}

export function useCreatePriorityGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PriorityGroupBody) => api.post<PriorityGroup>('/api/priority-groups', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queueAdminKeys.priorityGroups() }),
  });
}

export function useUpdatePriorityGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdatePriorityGroupBody & { id: string }) => api.patch<PriorityGroup>(`/api/priority-groups/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queueAdminKeys.priorityGroups() }),
  });
}
