import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { auditContextOf, staffOf } from '../../http/access-control.js';
import {
  CalendarDayParams,
  CalendarYear,
  CalendarYearQuery,
  CreateCalendarDayBody,
  DueDateQuery,
  DueDateResult,
  UpdateCalendarDayBody,
} from '../../../shared/schemas/calendar.js';
import { addCalendarDay, deleteCalendarDay, getCalendarYear, loadCenterCalendarRules, updateCalendarDay } from './center-calendar.js';
import { computeDueAt, formatDateTimeVN } from './working-calendar.js';
import { PROBLEMS } from '../../http/responses.js';


export async function calendarRoutes(fastify: FastifyInstance, opts: { database: Database }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = opts.database;

  app.get(
    '/calendar',
    { config: { access: 'calendar.read' }, schema: { tags: ['calendar'], summary: "My center's working calendar for a year", querystring: CalendarYearQuery, response: { 200: CalendarYear, ...PROBLEMS } } },
    async (request) => getCalendarYear(db, staffOf(request).centerId, request.query.year),
  );

  app.post(
    '/calendar/days',
    { config: { access: 'calendar.manage' }, schema: { tags: ['calendar'], summary: 'Add a day off or a working day for my center', body: CreateCalendarDayBody, response: { 201: Type.Null(), ...PROBLEMS } } },
    async (request, reply) => {
      await addCalendarDay(db, auditContextOf(request), request.body);
      return reply.status(201).send(null);
    },
  );

  app.patch(
    '/calendar/days/:id',
    {
      config: { access: 'calendar.manage' },
      schema: { tags: ['calendar'], summary: 'Switch an entry on/off for my center (official entries: official:YYYY-MM-DD)', params: CalendarDayParams, body: UpdateCalendarDayBody, response: { 204: Type.Null(), ...PROBLEMS } },
    },
    async (request, reply) => {
      await updateCalendarDay(db, auditContextOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/calendar/days/:id',
    { config: { access: 'calendar.manage' }, schema: { tags: ['calendar'], summary: "Remove my center's entry (or its decision on an official one)", params: CalendarDayParams, response: { 204: Type.Null(), ...PROBLEMS } } },
    async (request, reply) => {
      await deleteCalendarDay(db, auditContextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/calendar/due-date',
    {
      config: { access: 'calendar.read' },
      schema: { tags: ['calendar'], summary: 'When a dossier received at a moment is due (working days, 15:00 rule)', querystring: DueDateQuery, response: { 200: DueDateResult, ...PROBLEMS } },
    },
    async (request) => {
      const rules = await loadCenterCalendarRules(db, staffOf(request).centerId);
      const r = computeDueAt(rules, {
        receivedAt: new Date(request.query.receivedAt),
        workingDays: request.query.workingDays,
        lateCutoffRule: request.query.lateCutoffRule ?? false,
      });
      return { dueAt: r.dueAt.toISOString(), dueAtText: formatDateTimeVN(r.dueAt), countingStartsOn: r.countingStartsOn, explanation: r.explanation };
    },
  );
}
