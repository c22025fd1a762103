import { accountsPolicy } from '../modules/accounts/policy.js';
import { auditPolicy } from '../modules/audit/policy.js';
import { calendarPolicy } from '../modules/calendar/policy.js';
import { catalogPolicy } from '../modules/catalog/policy.js';
import { centersPolicy } from '../modules/centers/policy.js';
import { queuePolicy } from '../modules/queue/policy.js';
import { messagesPolicy } from '../modules/messages/policy.js';
import { dossiersPolicy } from '../modules/dossiers/policy.js';
import { assistantPolicy } from '../modules/assistant/policy.js';
import { principalOf, type Actor, type Principal } from './actor.js';

/** The union of every module's policy table. */
export const POLICY = {
  ...accountsPolicy,
  ...centersPolicy,
  ...auditPolicy,
  ...catalogPolicy,
  ...calendarPolicy,
  ...queuePolicy,
  ...messagesPolicy,
  ...dossiersPolicy,
  ...assistantPolicy,
} as const satisfies Record<string, readonly Principal[]>;

export type Permission = keyof typeof POLICY;

/** Every route declares its access: public, or one permission from the policy tables. */
export type Access = 'public' | Permission;

export function isAllowed(actor: Actor, permission: Permission): boolean {
  return (POLICY[permission] as readonly Principal[]).includes(principalOf(actor));
}
