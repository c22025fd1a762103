import { useQuery } from '@tanstack/react-query';
import type { getBoard } from '../../../server/modules/queue/views.js';
import { api } from '../../lib/api.js';

/** GET /api/queue/board (the route has no response schema yet: the type is the use case's result). */
export type Board = Awaited<ReturnType<typeof getBoard>>;
export type BoardCall = Board['calls'][number];

export const boardKeys = { board: () => ['display', 'board'] as const };

/** The board's snapshot; the live stream refetches it, and a slow poll covers a silent failure. */
export function useBoard() {
  return useQuery({
    queryKey: boardKeys.board(),
    queryFn: ({ signal }) => api.get<Board>('/api/queue/board', { signal }),
    refetchInterval: 60_000,
    retry: true,
    retryDelay: (attempt) => Math.min(30_000, 1000 * 2 ** attempt),
  });
}
