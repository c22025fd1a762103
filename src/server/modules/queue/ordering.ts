/**
 * The order in which waiting tickets are served — one explicit rule, shared by the counter
 * console ("call next"), the wait-time predictor and the display of "why this ticket is next".
 *
 * Rule (docs/queue.md): every ticket has a virtual time = issue time − its priority credit.
 * Normal tickets have credit 0; a priority group (người cao tuổi, người khuyết tật, phụ nữ mang
 * thai, người có con nhỏ, người có công …) has a credit in minutes set by the center (default 20).
 * A counter serves the waiting ticket with the earliest virtual time among those for its fields,
 * or transferred to it explicitly. Consequence, and the bound: a normal ticket issued at T can
 * be overtaken only by priority tickets issued before T + credit — never by one that arrives
 * later than that — so priority shortens the wait of those who need it without letting a normal
 * ticket be overtaken without end. Ties go to the earlier issue time, then the lower number.
 */
export const DEFAULT_PRIORITY_CREDIT_MINUTES = 20;

export interface QueueTicket {
  id: string;
  fieldId: string;
  number: number;
  issuedAt: Date;
  /** Minutes of credit from the ticket's priority group; 0 for a normal ticket. */
  priorityCreditMinutes: number;
  /** Set when a ticket was transferred to one specific counter. */
  targetCounterId?: string | null;
}

export interface QueueCounter {
  id: string;
  fieldIds: readonly string[];
}

export function virtualTime(t: QueueTicket): number {
  return t.issuedAt.getTime() - t.priorityCreditMinutes * 60_000;
}

export function compareForService(a: QueueTicket, b: QueueTicket): number {
  return virtualTime(a) - virtualTime(b) || a.issuedAt.getTime() - b.issuedAt.getTime() || a.number - b.number;
}

/** Whether a counter may serve a ticket: transferred to it, or of one of its fields and not targeted elsewhere. */
export function servesTicket(counter: QueueCounter, t: QueueTicket): boolean {
  if (t.targetCounterId) return t.targetCounterId === counter.id;
  return counter.fieldIds.includes(t.fieldId);
}

export type NextReason = 'order' | 'priority' | 'transferred';

export interface NextTicket<T extends QueueTicket> {
  ticket: T;
  reason: NextReason;
  /** How many tickets issued earlier this one goes before (priority overtakes). */
  overtakes: number;
}

/** The ticket a counter should call next, and why; null when nothing waits for it. */
export function nextTicketFor<T extends QueueTicket>(counter: QueueCounter, waiting: readonly T[]): NextTicket<T> | null {
  const candidates = waiting.filter((t) => servesTicket(counter, t)).sort(compareForService);
  const ticket = candidates[0];
  if (!ticket) return null;
  const overtakes = candidates.filter((t) => t.issuedAt.getTime() < ticket.issuedAt.getTime()).length;
  const reason: NextReason = ticket.targetCounterId ? 'transferred' : overtakes > 0 && ticket.priorityCreditMinutes > 0 ? 'priority' : 'order';
  return { ticket, reason, overtakes };
}
