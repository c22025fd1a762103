import { useQuery } from '@tanstack/react-query';
import type { BoardView } from '../../../shared/schemas/queue.js';
import { api } from '../../lib/api.js';

export type Board = BoardView;
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
