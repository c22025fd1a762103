import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { actorOf, auditContextOf } from '../../http/access-control.js';
import { IdParams } from '../../../shared/schemas/common.js';
import {
  Center,
  Counter,
  CreateCounterBody,
  CreateFieldBody,
  Field,
  PublicCenter,
  UpdateCenterBody,
  UpdateCounterBody,
  UpdateFieldBody,
} from '../../../shared/schemas/centers.js';
import { getCenter, listPublicCenters, updateCenter } from './centers.js';
import { createCounter, listCounters, updateCounter } from './counters.js';
import { createField, listFields, updateField } from './fields.js';
import { PROBLEMS } from '../../http/responses.js';


export async function centersRoutes(fastify: FastifyInstance, opts: { database: Database }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = opts.database;

  app.get(
    '/centers',
    { config: { access: 'public' }, schema: { tags: ['centers'], summary: 'Centers served by this installation', response: { 200: Type.Array(PublicCenter) } } },
    async () => listPublicCenters(db),
  );

  app.get(
    '/center',
    { config: { access: 'center.read' }, schema: { tags: ['centers'], summary: 'My center', response: { 200: Center, ...PROBLEMS } } },
    async (request) => getCenter(db, actorOf(request).centerId),
  );

  app.patch(
    '/center',
    {
      config: { access: 'center.manage' },
      schema: { tags: ['centers'], summary: 'Change my center (name, address, agency code, working hours)', body: UpdateCenterBody, response: { 200: Center, ...PROBLEMS } },
    },
    async (request) => updateCenter(db, auditContextOf(request), request.body),
  );

  app.get(
    '/fields',
    { config: { access: 'fields.read' }, schema: { tags: ['centers'], summary: 'Fields (service groups) of my center', response: { 200: Type.Array(Field), ...PROBLEMS } } },
    async (request) => listFields(db, actorOf(request).centerId),
  );

  app.post(
    '/fields',
    { config: { access: 'fields.manage' }, schema: { tags: ['centers'], summary: 'Add a field', body: CreateFieldBody, response: { 201: Field, ...PROBLEMS } } },
    async (request, reply) => reply.status(201).send(await createField(db, auditContextOf(request), request.body)),
  );

  app.patch(
    '/fields/:id',
    { config: { access: 'fields.manage' }, schema: { tags: ['centers'], summary: 'Change a field', params: IdParams, body: UpdateFieldBody, response: { 200: Field, ...PROBLEMS } } },
    async (request) => updateField(db, auditContextOf(request), request.params.id, request.body),
  );

  app.get(
    '/counters',
    { config: { access: 'counters.read' }, schema: { tags: ['centers'], summary: 'Counters of my center', response: { 200: Type.Array(Counter), ...PROBLEMS } } },
    async (request) => listCounters(db, actorOf(request).centerId),
  );

  app.post(
    '/counters',
    { config: { access: 'counters.manage' }, schema: { tags: ['centers'], summary: 'Add a counter', body: CreateCounterBody, response: { 201: Counter, ...PROBLEMS } } },
    async (request, reply) => reply.status(201).send(await createCounter(db, auditContextOf(request), request.body)),
  );

  app.patch(
    '/counters/:id',
    {
      config: { access: 'counters.manage' },
      schema: { tags: ['centers'], summary: 'Change a counter (number, name, fields, active)', params: IdParams, body: UpdateCounterBody, response: { 200: Counter, ...PROBLEMS } },
    },
    async (request) => updateCounter(db, auditContextOf(request), request.params.id, request.body),
  );
}
