import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { auditContextOf, deviceOf, staffOf } from '../../http/access-control.js';
import { AppError } from '../../http/app-error.js';
import {
  ChangePasswordBody,
  CreateDeviceBody,
  CreateUserBody,
  Device,
  DeviceMe,
  DeviceWithToken,
  LoginBody,
  Me,
  UpdateUserBody,
  User,
  UserWithPassword,
} from '../../../shared/schemas/accounts.js';
import { IdParams } from '../../../shared/schemas/common.js';
import { createDevice, listDevices, revokeDevice } from './devices.js';
import { loginUser, logoutUser } from './login-user.js';
import { verifyPassword } from './password.js';
import { findSessionActor, SESSION_COOKIE, SESSION_HOURS } from './sessions.js';
import { changeOwnPassword, createUser, listUsers, resetUserPassword, updateUser } from './users.js';
import { PROBLEMS } from '../../http/responses.js';


export async function accountsRoutes(fastify: FastifyInstance, opts: { database: Database; loginRateLimit: number }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = opts.database;

  async function me(userId: string, csrfToken: string) {
    const row = await db
      .selectFrom('users as u')
      .innerJoin('centers as c', 'c.id', 'u.center_id')
      .select(['u.id', 'u.username', 'u.full_name', 'u.role', 'u.center_id', 'c.name as center_name', 'u.must_change_password'])
      .where('u.id', '=', userId)
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      username: row.username,
      fullName: row.full_name,
      role: row.role,
      centerId: row.center_id,
      centerName: row.center_name,
      mustChangePassword: row.must_change_password,
      csrfToken,
    };
  }

  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Staff sign-in (sets the session cookie)', body: LoginBody, response: { 200: Me, ...PROBLEMS, 429: { $ref: 'Problem' } } },
    },
    async (request, reply) => {
      const result = await loginUser(db, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: String(request.id),
      });
      void reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: 'auto',
        maxAge: SESSION_HOURS * 3600,
      });
      return me(result.userId, result.csrfToken);
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'session.self' }, schema: { tags: ['auth'], summary: 'Sign out', response: { 204: Type.Null(), ...PROBLEMS } } },
    async (request, reply) => {
      await logoutUser(db, auditContextOf(request), staffOf(request).sessionId);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'The signed-in staff member', response: { 200: Me, 401: { $ref: 'Problem' } } } },
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      const actor = token ? await findSessionActor(db, token) : null;
      if (!actor) throw new AppError('UNAUTHENTICATED');
      return me(actor.id, actor.csrfToken);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'session.self', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Change my password', body: ChangePasswordBody, response: { 204: Type.Null(), ...PROBLEMS } },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      await changeOwnPassword(db, auditContextOf(request), { ...request.body, sessionId: actor.sessionId }, verifyPassword);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/users',
    { config: { access: 'users.read' }, schema: { tags: ['users'], summary: 'Staff accounts of my center', response: { 200: Type.Array(User), ...PROBLEMS } } },
    async (request) => listUsers(db, staffOf(request).centerId),
  );

  app.post(
    '/users',
    { config: { access: 'users.manage' }, schema: { tags: ['users'], summary: 'Create a staff account', body: CreateUserBody, response: { 201: UserWithPassword, ...PROBLEMS } } },
    async (request, reply) => reply.status(201).send(await createUser(db, auditContextOf(request), request.body)),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['users'], summary: 'Change name, role or active flag', params: IdParams, body: UpdateUserBody, response: { 200: User, ...PROBLEMS } },
    },
    async (request) => updateUser(db, auditContextOf(request), request.params.id, request.body),
  );

  app.post(
    '/users/:id/reset-password',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['users'], summary: 'Set a temporary password (shown once) and unlock', params: IdParams, response: { 200: UserWithPassword, ...PROBLEMS } },
    },
    async (request) => resetUserPassword(db, auditContextOf(request), request.params.id),
  );

  app.get(
    '/devices',
    { config: { access: 'devices.read' }, schema: { tags: ['devices'], summary: 'Enrolled devices', response: { 200: Type.Array(Device), ...PROBLEMS } } },
    async (request) => listDevices(db, staffOf(request).centerId),
  );

  app.post(
    '/devices',
    {
      config: { access: 'devices.manage' },
      schema: { tags: ['devices'], summary: 'Enrol a kiosk, display board or rating tablet (token shown once)', body: CreateDeviceBody, response: { 201: DeviceWithToken, ...PROBLEMS } },
    },
    async (request, reply) => reply.status(201).send(await createDevice(db, auditContextOf(request), request.body)),
  );

  app.post(
    '/devices/:id/revoke',
    { config: { access: 'devices.manage' }, schema: { tags: ['devices'], summary: 'Revoke a device token', params: IdParams, response: { 200: Device, ...PROBLEMS } } },
    async (request) => revokeDevice(db, auditContextOf(request), request.params.id),
  );

  app.get(
    '/device/me',
    { config: { access: 'device.self' }, schema: { tags: ['devices'], summary: 'The calling device', security: [{ device: [] }], response: { 200: DeviceMe, ...PROBLEMS } } },
    async (request) => {
      const d = deviceOf(request);
      const center = await db.selectFrom('centers').select('name').where('id', '=', d.centerId).executeTakeFirstOrThrow();
      return { id: d.id, kind: d.kind, name: d.name, centerId: d.centerId, centerName: center.name, counterId: d.counterId };
    },
  );
}
