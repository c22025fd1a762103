import type { Static } from '@sinclair/typebox';
import { useMutation, useQuery } from '@tanstack/react-query';
import { RATING_REASONS, type PendingRating as PendingRatingResponse, type RateBody, type RatingLevel as RatingLevelSchema } from '../../../shared/schemas/queue.js';
import { api } from '../../lib/api.js';

/** The service to ask about (GET /api/rating/pending → { pending }). */
export type PendingRating = NonNullable<PendingRatingResponse['pending']>;
export type RatingLevel = Static<typeof RatingLevelSchema>;
export type RatingReason = (typeof RATING_REASONS)[number];
export { RATING_REASONS };

export const LEVELS: readonly RatingLevel[] = ['very_satisfied', 'satisfied', 'unsatisfied'];

export const ratingKeys = { pending: () => ['rating', 'pending'] as const };

/** The service to ask about, polled every 15 s besides the live stream's ticket.finished. */
export function usePendingRating() {
  return useQuery({
    queryKey: ratingKeys.pending(),
    queryFn: async ({ signal }) => (await api.get<PendingRatingResponse>('/api/rating/pending', { signal })).pending,
    refetchInterval: 15_000,
    staleTime: 0,
  });
}

export function useRate() {
  return useMutation({ mutationFn: (body: RateBody) => api.post<undefined>('/api/ratings', body) });
}
