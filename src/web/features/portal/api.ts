import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { ProcedureDetail, ProcedureField, ProcedureSearchQuery, ProcedureSearchResult } from '../../../shared/schemas/catalog.js';
import { api } from '../../lib/api.js';

export type SearchParams = Pick<ProcedureSearchQuery, 'q' | 'field' | 'page' | 'pageSize'>;
export type SearchResult = Static<typeof ProcedureSearchResult>;
export type FieldCount = Static<typeof ProcedureField>;

export const catalogKeys = {
  all: ['catalog'] as const,
  search: (params: SearchParams) => [...catalogKeys.all, 'search', params] as const,
  fields: () => [...catalogKeys.all, 'fields'] as const,
  procedure: (code: string) => [...catalogKeys.all, 'procedure', code] as const,
};

/** The public catalog search; the previous page stays on screen while the next one loads. */
export function useProcedureSearch(params: SearchParams) {
  return useQuery({
    queryKey: catalogKeys.search(params),
    queryFn: ({ signal }) => api.get<SearchResult>('/api/procedures', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProcedureFields() {
  return useQuery({
    queryKey: catalogKeys.fields(),
    queryFn: ({ signal }) => api.get<FieldCount[]>('/api/procedure-fields', { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useProcedure(code: string) {
  return useQuery({
    queryKey: catalogKeys.procedure(code),
    queryFn: ({ signal }) => api.get<ProcedureDetail>(`/api/procedures/${encodeURIComponent(code)}`, { signal }),
    staleTime: 10 * 60_000,
  });
}
