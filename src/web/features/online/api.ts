import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { PublicCenter } from '../../../shared/schemas/centers.js';
import type { DossierView } from '../../../shared/schemas/dossiers.js';
import type { OnlineStatus, OnlineSubmissionData, OnlineSubmissionReceipt, ReviewBody } from '../../../shared/schemas/online.js';
import { api } from '../../lib/api.js';
import { dossierKeys } from '../dossiers/api.js';

export type { OnlineStatus, OnlineSubmissionData, OnlineSubmissionReceipt, ReviewBody };
export type Center = Static<typeof PublicCenter>;

/** Accepted by the server (sniffed from content there); checked here only to answer sooner. */
export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const ACCEPT_ATTRIBUTE = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
/** The server's defaults (UPLOAD_MAX_FILE_MB, UPLOAD_MAX_TOTAL_MB); the server has the last word. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 40 * 1024 * 1024;

export const onlineKeys = {
  centers: () => ['public', 'centers'] as const,
  status: (token: string) => ['public', 'online', token] as const,
  worklist: () => [...dossierKeys.all, 'online-review'] as const,
};

export function useCenters() {
  return useQuery({ queryKey: onlineKeys.centers(), queryFn: ({ signal }) => api.get<Center[]>('/api/centers', { signal }), staleTime: 10 * 60_000 });
}

/** The `data` part first (the server checks it before reading any file), then `doc-<position>` files. */
export function submissionForm(data: OnlineSubmissionData, files: ReadonlyMap<number, readonly File[]>): FormData {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const [position, list] of files) for (const file of list) form.append(`doc-${position}`, file, file.name);
  return form;
}

export function useSubmitOnline() {
  return useMutation({ mutationFn: (form: FormData) => api.postForm<OnlineSubmissionReceipt>('/api/public/dossiers', form) });
}

export function useOnlineStatus(token: string) {
  return useQuery({
    queryKey: onlineKeys.status(token),
    queryFn: ({ signal }) => api.get<OnlineStatus>(`/api/public/online/${encodeURIComponent(token)}`, { signal }),
    retry: false,
  });
}

export function useResubmit(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (form: FormData) => api.postForm<OnlineStatus>(`/api/public/online/${encodeURIComponent(token)}/documents`, form),
    onSuccess: (status) => queryClient.setQueryData(onlineKeys.status(token), status),
  });
}

export function publicSlipUrl(token: string): string {
  return `/api/public/online/${encodeURIComponent(token)}/slip.pdf`;
}

export function fileUrl(dossierId: string, fileId: string): string {
  return `/api/dossiers/${encodeURIComponent(dossierId)}/files/${encodeURIComponent(fileId)}`;
}

export function useReview(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewBody) => api.post<DossierView>(`/api/dossiers/${encodeURIComponent(id)}/review`, body),
    onSuccess: async (dossier) => {
      queryClient.setQueryData(dossierKeys.detail(id), dossier);
      await queryClient.invalidateQueries({ queryKey: dossierKeys.all });
    },
  });
}

export type OnlineWorklistItem = { id: string; reference: string | null; procedureName: string; applicantName: string; submittedAt: string | null; statusLabel: string };

export function useOnlineWorklist() {
  return useQuery({
    queryKey: onlineKeys.worklist(),
    queryFn: ({ signal }) => api.get<{ items: OnlineWorklistItem[]; total: number }>('/api/dossiers/online-submissions', { signal }),
  });
}

/** A file the server would refuse, said before sending it: the i18n key of the problem, or null. */
export function fileProblem(file: File): 'online.fileType' | 'online.fileEmpty' | 'online.fileTooLarge' | null {
  if (file.size === 0) return 'online.fileEmpty';
  if (file.size > MAX_FILE_BYTES) return 'online.fileTooLarge';
  const byName = /\.(pdf|jpe?g|png)$/i.test(file.name);
  if (!(ACCEPTED_TYPES as readonly string[]).includes(file.type) && !byName) return 'online.fileType';
  return null;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
