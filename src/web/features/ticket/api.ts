import { useQuery } from '@tanstack/react-query';
import type { getPublicTicket } from '../../../server/modules/queue/views.js';
import { api } from '../../lib/api.js';

/** GET /api/public/tickets/:token (no response schema on the route yet: the use case's result minus the center id it strips). */
export type PublicTicket = Omit<Awaited<ReturnType<typeof getPublicTicket>>, 'centerId'>;

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
