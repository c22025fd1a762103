import { useMutation, useQuery } from '@tanstack/react-query';
import type { IssuedTicket, IssueTicketBody, KioskOptions } from '../../../shared/schemas/queue.js';
import { api } from '../../lib/api.js';
import type { SearchResult } from '../portal/api.js';

export type KioskField = KioskOptions['fields'][number];
export type PriorityGroupOption = KioskOptions['priorityGroups'][number];
export type { IssuedTicket, KioskOptions };

export const kioskKeys = {
  all: ['kiosk'] as const,
  options: () => [...kioskKeys.all, 'options'] as const,
  procedures: (center: string, q: string) => [...kioskKeys.all, 'procedures', center, q] as const,
};

export function useKioskOptions() {
  return useQuery({
    queryKey: kioskKeys.options(),
    queryFn: ({ signal }) => api.get<KioskOptions>('/api/kiosk/options', { signal }),
    staleTime: 5 * 60_000,
    refetchInterval: 10 * 60_000,
  });
}

/** The center's procedures matching what the citizen typed (top 5). */
export function useProcedureLookup(center: string, q: string) {
  return useQuery({
    queryKey: kioskKeys.procedures(center, q),
    queryFn: ({ signal }) => api.get<SearchResult>('/api/procedures', { query: { q, center, pageSize: 5 }, signal }),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
}

/** POST /api/tickets. The body carries the flow's idempotency key: a retry returns the same ticket. */
export function useIssueTicket() {
  return useMutation({ mutationFn: (body: IssueTicketBody) => api.post<IssuedTicket>('/api/tickets', body) });
}

/**
 * One key per ticket request (32 hex characters). crypto.getRandomValues works on a plain-http
 * intranet address, where crypto.randomUUID (secure contexts only) does not.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Vietnamese mobile numbers as the server accepts them (+84 or 0, then 9–10 digits). */
export const PHONE_PATTERN = /^(\+84|0)[0-9]{9,10}$/u;
