import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '../../../shared/schemas/accounts.js';
import type { DeclineAtCounterBody, DossierView, PublicDossier, ReceiveDossierBody } from '../../../shared/schemas/dossiers.js';
import { api } from '../../lib/api.js';

export type { DeclineAtCounterBody, DossierView, PublicDossier, ReceiveDossierBody };
export type Timeliness = DossierView['timeliness'];
export type HandedDocument = ReceiveDossierBody['documents'][number];
export type DocumentStatus = HandedDocument['status'];

/** A worklist row: the server's list answer is a projection of the dossier view. */
export type WorklistItem = Pick<DossierView, 'id' | 'code' | 'procedureName' | 'status' | 'statusLabel' | 'dueAt' | 'newDueAt' | 'timeliness' | 'assigneeId'> & {
  applicantName: string;
};
export type Worklist = { items: WorklistItem[]; total: number };

export const WORKLIST_VIEWS = ['mine', 'due_soon', 'overdue', 'awaiting_approval', 'result_ready', 'all'] as const;
export type WorklistView = (typeof WORKLIST_VIEWS)[number];
export type WorklistQuery = { view: WorklistView; q: string; page: number };

export const dossierKeys = {
  all: ['dossiers'] as const,
  list: (query: WorklistQuery) => [...dossierKeys.all, 'list', query] as const,
  detail: (id: string) => [...dossierKeys.all, 'detail', id] as const,
  specialists: () => [...dossierKeys.all, 'specialists'] as const,
  lookup: (code: string, phone: string) => ['public', 'dossier', code, phone] as const,
};

export const PAGE_SIZE = 25;

export function receiptUrl(id: string): string {
  return `/api/dossiers/${encodeURIComponent(id)}/slips/receipt.pdf`;
}

export function useWorklist(query: WorklistQuery) {
  return useQuery({
    queryKey: dossierKeys.list(query),
    queryFn: ({ signal }) =>
      api.get<Worklist>('/api/dossiers', { query: { view: query.view, q: query.q, page: query.page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDossier(id: string) {
  return useQuery({ queryKey: dossierKeys.detail(id), queryFn: ({ signal }) => api.get<DossierView>(`/api/dossiers/${encodeURIComponent(id)}`, { signal }) });
}

/** Accepting a dossier at the counter (201 with the dossier, or a refusal the page explains). */
export function useReceiveDossier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReceiveDossierBody) => api.post<DossierView>('/api/dossiers', body),
    onSuccess: async (dossier) => {
      queryClient.setQueryData(dossierKeys.detail(dossier.id), dossier);
      await queryClient.invalidateQueries({ queryKey: [...dossierKeys.all, 'list'] });
    },
  });
}

/** A dossier not accepted at the counter: ask for more (Mẫu 02) or refuse (Mẫu 03). */
export function useDeclineDossier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DeclineAtCounterBody) => api.post<DossierView>('/api/dossiers/not-accepted', body),
    onSuccess: async (dossier) => {
      queryClient.setQueryData(dossierKeys.detail(dossier.id), dossier);
      await queryClient.invalidateQueries({ queryKey: [...dossierKeys.all, 'list'] });
    },
  });
}

/** The processing actions, each answered with the fresh dossier. */
export type DossierAction =
  | { kind: 'assign'; specialistId: string; comment?: string }
  | { kind: 'request-supplement'; items: string[]; reason: string }
  | { kind: 'supplement-received' }
  | { kind: 'submit' | 'approve'; comment?: string }
  | { kind: 'send-back'; comment: string }
  | { kind: 'return'; method: 'counter'; receiverName: string; receiverIdNumber: string }
  | { kind: 'return'; method: 'post'; trackingNumber: string }
  | { kind: 'withdraw' | 'stop'; reason: string }
  | { kind: 'apologize'; newDueAt: string; reason: string };

export function useDossierAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, ...body }: DossierAction) => api.post<DossierView>(`/api/dossiers/${encodeURIComponent(id)}/${kind}`, body),
    onSuccess: async (dossier) => {
      queryClient.setQueryData(dossierKeys.detail(id), dossier);
      await queryClient.invalidateQueries({ queryKey: [...dossierKeys.all, 'list'] });
    },
  });
}

/** Active specialists of the center, for "assign". GET /api/users is open to leaders and administrators only. */
export function useSpecialists(enabled: boolean) {
  return useQuery({
    queryKey: dossierKeys.specialists(),
    queryFn: async ({ signal }) => (await api.get<User[]>('/api/users', { signal })).filter((u) => u.active && u.role === 'specialist'),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The public lookup by dossier code; the last four phone digits unmask the name. */
export function usePublicDossier(code: string, phone: string) {
  return useQuery({
    queryKey: dossierKeys.lookup(code, phone),
    queryFn: ({ signal }) =>
      api.get<PublicDossier>(`/api/public/dossiers/${encodeURIComponent(code)}`, { query: { phone: phone || undefined }, signal }),
    enabled: code !== '',
    retry: false,
  });
}
