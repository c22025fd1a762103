import { useMutation } from '@tanstack/react-query';
import type { AskBody, AskResult, AssistantCitation, AssistantNextStep, AssistantProcedure, HandoffResult } from '../../../shared/schemas/assistant.js';
import { api } from '../../lib/api.js';

export type { AskResult, AssistantCitation, AssistantNextStep, AssistantProcedure, HandoffResult };

/** One exchange shown in the chat: what the person asked and what came back. */
export interface Turn {
  id: string;
  question: string;
  result: AskResult;
}

/** What the kiosk's ticket flow needs to continue at its priority step (same shape as its own choice). */
export type TicketChoice = { kind: 'field'; fieldId: string } | { kind: 'procedure'; code: string; name: string };

/** POST /api/assistant/ask: a question in the person's words, answered from the catalog only. */
export function useAsk() {
  return useMutation({ mutationFn: (body: AskBody) => api.post<AskResult>('/api/assistant/ask', body) });
}

/** POST /api/assistant/sessions/:id/handoff: the conversation goes to a member of staff. */
export function useHandoff() {
  return useMutation({ mutationFn: (sessionId: string) => api.post<HandoffResult>(`/api/assistant/sessions/${encodeURIComponent(sessionId)}/handoff`) });
}

/**
 * A conversation id (32 URL-safe characters, the server's pattern). crypto.getRandomValues also
 * works on a plain-http intranet address, where crypto.randomUUID does not.
 */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The procedure's page in the portal (the server's link when it sends one). */
export function procedureHref(code: string, url?: string): string {
  return url?.startsWith('/') ? url : `/thu-tuc/${encodeURIComponent(code)}`;
}

/** The portal's online submission form for a procedure (the procedure page links to the same). */
export function onlineHref(code: string): string {
  return `/nop-truc-tuyen/${encodeURIComponent(code)}`;
}

/** The next steps of an answer; when the server sends none, a ticket for the best procedure. */
export function nextStepsOf(result: AskResult): AssistantNextStep[] {
  if (result.nextSteps) return result.nextSteps;
  const best = result.procedures[0];
  const steps: AssistantNextStep[] = [];
  if (best && !result.outOfScope) steps.push({ kind: 'ticket', fieldId: null, fieldName: result.citations[0]?.field ?? '', label: '' });
  return steps;
}

/** The kiosk ticket for a "ticket" step: the field when the server named it, else the best procedure. */
export function ticketChoiceOf(step: Extract<AssistantNextStep, { kind: 'ticket' }>, result: AskResult): TicketChoice | null {
  if (step.fieldId) return { kind: 'field', fieldId: step.fieldId };
  const best = result.procedures[0];
  return best ? { kind: 'procedure', code: best.code, name: best.name } : null;
}
