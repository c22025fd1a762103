import { useQuery } from '@tanstack/react-query';
import type { PublicTicket } from '../../../shared/schemas/queue.js';
import { api } from '../../lib/api.js';

export type { PublicTicket };

export const ticketKeys = { ticket: (token: string) => ['ticket', token] as const };

export function usePublicTicket(token: string) {
  return useQuery({
    queryKey: ticketKeys.ticket(token),
    queryFn: ({ signal }) => api.get<PublicTicket>(`/api/public/tickets/${encodeURIComponent(token)}`, { signal }),
    refetchInterval: 60_000,
  });
}

/** Statuses after which nothing more will happen to the ticket today. */
export function isFinal(status: PublicTicket['status']): boolean {
  return status === 'done' || status === 'closed';
}
