import type { Static } from '@sinclair/typebox';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Counter, Field } from '../../../shared/schemas/centers.js';
import type { CallResult as CallResultSchema, CounterConsole, Outcome as OutcomeSchema } from '../../../shared/schemas/queue.js';
import { api } from '../../lib/api.js';

export type CallResult = Static<typeof CallResultSchema>;
export type Outcome = Static<typeof OutcomeSchema>;
export type { CounterConsole };
export type ConsoleTicket = CounterConsole['waiting'][number];

export const OUTCOMES: readonly Outcome[] = ['dossier_received', 'information_only', 'referred'];

export const counterKeys = {
  all: ['counter'] as const,
  list: () => [...counterKeys.all, 'list'] as const,
  fields: () => [...counterKeys.all, 'fields'] as const,
  console: (counterId: string) => [...counterKeys.all, 'console', counterId] as const,
};

export function useCounterList() {
  return useQuery({ queryKey: counterKeys.list(), queryFn: ({ signal }) => api.get<Counter[]>('/api/counters', { signal }) });
}

export function useFieldList() {
  return useQuery({ queryKey: counterKeys.fields(), queryFn: ({ signal }) => api.get<Field[]>('/api/fields', { signal }), staleTime: 5 * 60_000 });
}

export function useConsole(counterId: string) {
  return useQuery({
    queryKey: counterKeys.console(counterId),
    queryFn: ({ signal }) => api.get<CounterConsole>(`/api/counters/${counterId}/console`, { signal }),
    // Waited minutes tick on even when nothing happens.
    refetchInterval: 60_000,
  });
}

/** Everything the officer can do at the counter; each answers with the fresh console (or a call result). */
export type ConsoleAction =
  | { kind: 'open' | 'close' | 'resume' | 'recall' | 'start' | 'no-show' }
  | { kind: 'pause'; reason: string }
  | { kind: 'call-next' }
  | { kind: 'call'; ticketId: string }
  | { kind: 'transfer'; to: { fieldId: string } | { counterId: string } }
  | { kind: 'finish'; outcome: Outcome }
  | { kind: 'requeue'; ticketId: string };

export type ActionResult = { console: CounterConsole } | { call: CallResult } | { done: true };

async function run(counterId: string, action: ConsoleAction): Promise<ActionResult> {
  const base = `/api/counters/${counterId}`;
  switch (action.kind) {
    case 'pause':
      return { console: await api.post<CounterConsole>(`${base}/pause`, { reason: action.reason }) };
    case 'call-next':
      return { call: await api.post<CallResult>(`${base}/call-next`) };
    case 'call':
      return { call: await api.post<CallResult>(`${base}/call`, { ticketId: action.ticketId }) };
    case 'transfer':
      return { console: await api.post<CounterConsole>(`${base}/transfer`, action.to) };
    case 'finish':
      return { console: await api.post<CounterConsole>(`${base}/finish`, { outcome: action.outcome }) };
    case 'requeue':
      await api.post<undefined>(`/api/tickets/${action.ticketId}/requeue`);
      return { done: true };
    default:
      return { console: await api.post<CounterConsole>(`${base}/${action.kind}`) };
  }
}

/** One mutation for the console's actions, so the last refusal (Vietnamese `detail`) is shown in one place. */
export function useConsoleAction(counterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ConsoleAction) => run(counterId, action),
    onSuccess: async (result) => {
      if ('console' in result) queryClient.setQueryData(counterKeys.console(counterId), result.console);
      else await queryClient.invalidateQueries({ queryKey: counterKeys.console(counterId) });
    },
  });
}
