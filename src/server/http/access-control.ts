import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import { findDeviceActor, findSessionActor, SESSION_COOKIE } from '../modules/accounts/sessions.js';
import type { AuditContext } from '../modules/audit/record-audit.js';
import { isAllowed, type Access } from './access.js';
import type { Actor, DeviceActor, StaffActor } from './actor.js';
import { AppError } from './app-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /api route: 'public' or a permission from a module's policy table. */
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const EXEMPT = /^\/api\/docs(\/|$)/;

async function authenticate(db: Db, request: FastifyRequest): Promise<Actor | null> {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) {
    const device = await findDeviceActor(db, auth.slice(7).trim());
    if (!device) throw new AppError('DEVICE_TOKEN_INVALID');
    return device;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const actor = await findSessionActor(db, token);
  if (actor && !SAFE_METHODS.has(request.method)) {
    // Cookie-authenticated state change: the CSRF token must come back in a header
    // (a cross-site form cannot set one, and the cookie is SameSite=Lax besides).
    if (request.headers['x-csrf-token'] !== actor.csrfToken) throw new AppError('CSRF_FAILED');
  }
  return actor;
}

/**
 * Checks every API route's declared access before its handler runs. A route without a
 * declaration fails at start-up, so no endpoint can be added without deciding who may call it.
 */
export function registerAccessControl(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || EXEMPT.test(route.url)) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
  });
  // onRequest: the caller is checked before the body is even read or validated.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const actor = await authenticate(db, request);
    if (!actor) throw new AppError('UNAUTHENTICATED');
    // A temporary password (new account, reset) must be replaced before anything else.
    if (actor.type === 'user' && actor.mustChangePassword && access !== 'session.self') {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    if (!isAllowed(actor, access)) {
      throw new AppError('FORBIDDEN', { internal: `${actor.type} ${actor.id} lacks ${access}` });
    }
    request.actor = actor;
  });
}

export function staffOf(request: FastifyRequest): StaffActor {
  const a = request.actor;
  if (!a || a.type !== 'user') throw new AppError('UNAUTHENTICATED');
  return a;
}

export function deviceOf(request: FastifyRequest): DeviceActor {
  const a = request.actor;
  if (!a || a.type !== 'device') throw new AppError('UNAUTHENTICATED');
  return a;
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

/** The audit context of an authenticated request, scoped to the actor's center. */
export function auditContextOf(request: FastifyRequest): AuditContext & { centerId: string; actorId: string } {
  const a = actorOf(request);
  return {
    actorType: a.type,
    actorId: a.id,
    actorName: a.type === 'user' ? a.fullName : a.name,
    actorRole: a.type === 'user' ? a.role : a.kind,
    centerId: a.centerId,
    ip: request.ip,
    requestId: String(request.id),
  };
}
