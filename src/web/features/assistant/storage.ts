import type { Turn } from './api.js';
import { newSessionId } from './api.js';

/**
 * The conversation kept in sessionStorage: its id (sent with every question, so the server keeps
 * the history and staff can take it over) and the turns shown, so a reload or a new page of the
 * portal keeps the chat. It ends with the browser tab. The kiosk uses its own key and clears it
 * whenever it returns to its start screen (the next citizen starts a new conversation).
 */
export interface StoredConversation {
  sessionId: string;
  turns: Turn[];
  handedOff: boolean;
}

export const PORTAL_KEY = 'motcua.assistant';
export const KIOSK_KEY = 'motcua.assistant.kiosk';
const MAX_TURNS = 30;

function fresh(): StoredConversation {
  return { sessionId: newSessionId(), turns: [], handedOff: false };
}

function isConversation(value: unknown): value is StoredConversation {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.sessionId === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(v.sessionId) && Array.isArray(v.turns) && typeof v.handedOff === 'boolean';
}

export function loadConversation(key: string): StoredConversation {
  try {
    const raw = window.sessionStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (isConversation(parsed)) return parsed;
  } catch {
    // Storage blocked or a damaged entry: start a new conversation.
  }
  const conversation = fresh();
  saveConversation(key, conversation);
  return conversation;
}

export function saveConversation(key: string, conversation: StoredConversation): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify({ ...conversation, turns: conversation.turns.slice(-MAX_TURNS) }));
  } catch {
    // Private mode or full: the conversation simply is not kept across pages.
  }
}

export function clearConversation(key: string): StoredConversation {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
  return loadConversation(key);
}
