import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { actorOf, auditContextOf, deviceOf, staffOf } from '../../http/access-control.js';
import type { EventHub } from '../../realtime/hub.js';
import { streamCenterEvents } from '../../realtime/sse.js';
import { IdParams } from '../../../shared/schemas/common.js';
import { BoardView, KioskOptions, PendingRating, PublicTicket, QueueOverview, CallResult, CallTicketBody, CounterConsole, CounterParams, FinishBody, IssuedTicket, IssueTicketBody, PauseBody, RateBody, TransferBody } from '../../../shared/schemas/queue.js';
import { callNextTicket, callTicket, explainNext, recallTicket, type CallOutcome } from './call-ticket.js';
import { closeCounter, openCounter, pauseCounter, resumeCounter } from './counter-session.js';
import { issueTicket } from './issue-ticket.js';
import { getKioskOptions, getQueueOverview } from './overview.js';
import { pendingRating, rateTicket } from './rate-ticket.js';
import { finishTicket, markNoShow, requeueTicket, startService, transferTicket } from './serve-ticket.js';
import { getBoard, getCounterConsole, getPublicTicket } from './views.js';
import { createPriorityGroup, listPriorityGroups, updatePriorityGroup, updateQueueSettings } from './priority-groups.js';
import { PriorityGroup, PriorityGroupBody, QueueSettingsBody, UpdatePriorityGroupBody } from '../../../shared/schemas/queue-settings.js';
import { PROBLEMS } from '../../http/responses.js';

const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{10,40}$' }) }, { additionalProperties: false });

export async function queueRoutes(fastify: FastifyInstance, opts: { database: Database; hub: EventHub }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = opts.database;
  const staffCtx = (request: FastifyRequest) => auditContextOf(request);

  app.get('/kiosk/options', { config: { access: 'tickets.issue' }, schema: { tags: ['queue'], summary: 'Fields, counters and priority groups for the kiosk', response: { 200: KioskOptions, ...PROBLEMS } } }, async (request) =>
    getKioskOptions(db, actorOf(request).centerId),
  );

  app.post(
    '/tickets',
    { config: { access: 'tickets.issue' }, schema: { tags: ['queue'], summary: 'Take a ticket (idempotent with idempotencyKey)', body: IssueTicketBody, response: { 200: IssuedTicket, 201: IssuedTicket, ...PROBLEMS } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { ticket, created } = await issueTicket(db, auditContextOf(request), {
        ...request.body,
        source: actor.type === 'device' ? 'kiosk' : 'counter',
        deviceId: actor.type === 'device' ? actor.id : null,
      });
      return reply.status(created ? 201 : 200).send(ticket);
    },
  );

  const consoleOf = async (request: FastifyRequest, counterId: string) => {
    const staff = staffOf(request);
    return getCounterConsole(db, staff.centerId, staff.id, counterId);
  };

  app.get(
    '/counters/:counterId/console',
    { config: { access: 'counter.operate' }, schema: { tags: ['counter'], summary: 'The counter console: state, current ticket, waiting list, why the next is next', params: CounterParams, response: { 200: CounterConsole, ...PROBLEMS } } },
    async (request) => consoleOf(request, request.params.counterId),
  );

  const action = (path: string, summary: string, run: (request: FastifyRequest<{ Params: { counterId: string } }>) => Promise<unknown>) =>
    app.post(
      `/counters/:counterId/${path}`,
      { config: { access: 'counter.operate' }, schema: { tags: ['counter'], summary, params: CounterParams, response: { 200: CounterConsole, ...PROBLEMS } } },
      async (request) => {
        await run(request);
        return consoleOf(request, request.params.counterId);
      },
    );

  action('open', 'Open my counter', (r) => openCounter(db, staffCtx(r), r.params.counterId));
  action('close', 'Close my counter', (r) => closeCounter(db, staffCtx(r), r.params.counterId));
  action('resume', 'Resume after a pause', (r) => resumeCounter(db, staffCtx(r), r.params.counterId));
  action('recall', 'Announce the current ticket again', (r) => recallTicket(db, staffCtx(r), r.params.counterId));
  action('start', 'The citizen arrived: start the service', (r) => startService(db, staffCtx(r), r.params.counterId));
  action('no-show', 'Nobody came: mark the current ticket as no-show', (r) => markNoShow(db, staffCtx(r), r.params.counterId));

  app.post(
    '/counters/:counterId/pause',
    { config: { access: 'counter.operate' }, schema: { tags: ['counter'], summary: 'Pause with a reason', params: CounterParams, body: PauseBody, response: { 200: CounterConsole, ...PROBLEMS } } },
    async (request) => {
      await pauseCounter(db, staffCtx(request), request.params.counterId, request.body.reason);
      return consoleOf(request, request.params.counterId);
    },
  );

  const callResult = async (request: FastifyRequest, counterId: string, outcome: CallOutcome) => {
    const view = await consoleOf(request, counterId);
    return {
      ticket: view.current,
      explanation: outcome.reason && view.current ? { reason: outcome.reason, overtakes: outcome.overtakes, text: explainNext(outcome.reason, outcome.overtakes, view.current.priorityGroup) } : null,
    };
  };

  app.post(
    '/counters/:counterId/call-next',
    { config: { access: 'counter.operate' }, schema: { tags: ['counter'], summary: 'Call the next ticket by the ordering rule (ticket null when nobody waits)', params: CounterParams, response: { 200: CallResult, ...PROBLEMS } } },
    async (request) => callResult(request, request.params.counterId, await callNextTicket(db, staffCtx(request), request.params.counterId)),
  );

  app.post(
    '/counters/:counterId/call',
    { config: { access: 'counter.operate' }, schema: { tags: ['counter'], summary: 'Call a specific waiting ticket', params: CounterParams, body: CallTicketBody, response: { 200: CallResult, ...PROBLEMS } } },
    async (request) => callResult(request, request.params.counterId, await callTicket(db, staffCtx(request), request.params.counterId, request.body.ticketId)),
  );

  app.post(
    '/counters/:counterId/transfer',
    { config: { access: 'counter.operate' }, schema: { tags: ['counter'], summary: 'Transfer the current ticket to a field or a counter (keeps its issue time)', params: CounterParams, body: TransferBody, response: { 200: CounterConsole, ...PROBLEMS } } },
    async (request) => {
      await transferTicket(db, staffCtx(request), request.params.counterId, request.body);
      return consoleOf(request, request.params.counterId);
    },
  );

  app.post(
    '/counters/:counterId/finish',
    { config: { access: 'counter.operate' }, schema: { tags: ['counter'], summary: 'Finish the current ticket with its outcome', params: CounterParams, body: FinishBody, response: { 200: CounterConsole, ...PROBLEMS } } },
    async (request) => {
      await finishTicket(db, staffCtx(request), request.params.counterId, request.body.outcome);
      return consoleOf(request, request.params.counterId);
    },
  );

  app.post(
    '/tickets/:id/requeue',
    { config: { access: 'counter.operate' }, schema: { tags: ['counter'], summary: 'Put a no-show who came back into the queue again', params: IdParams, response: { 204: Type.Null(), ...PROBLEMS } } },
    async (request, reply) => {
      await requeueTicket(db, staffCtx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get('/priority-groups', { config: { access: 'board.read' }, schema: { tags: ['queue'], summary: 'Priority groups of my center', response: { 200: Type.Array(PriorityGroup), ...PROBLEMS } } }, async (request) =>
    listPriorityGroups(db, actorOf(request).centerId),
  );
  app.post(
    '/priority-groups',
    { config: { access: 'queue.manage' }, schema: { tags: ['queue'], summary: 'Add a priority group', body: PriorityGroupBody, response: { 201: PriorityGroup, ...PROBLEMS } } },
    async (request, reply) => reply.status(201).send(await createPriorityGroup(db, auditContextOf(request), request.body)),
  );
  app.patch(
    '/priority-groups/:id',
    { config: { access: 'queue.manage' }, schema: { tags: ['queue'], summary: 'Change a priority group (name, credit minutes, active)', params: IdParams, body: UpdatePriorityGroupBody, response: { 200: PriorityGroup, ...PROBLEMS } } },
    async (request) => updatePriorityGroup(db, auditContextOf(request), request.params.id, request.body),
  );
  app.put(
    '/queue/settings',
    { config: { access: 'queue.overview' }, schema: { tags: ['queue'], summary: 'Alert threshold for the longest wait', body: QueueSettingsBody, response: { 204: Type.Null(), ...PROBLEMS } } },
    async (request, reply) => {
      await updateQueueSettings(db, auditContextOf(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.get('/queue/board', { config: { access: 'board.read' }, schema: { tags: ['queue'], summary: 'Display board snapshot', response: { 200: BoardView, ...PROBLEMS } } }, async (request) => getBoard(db, actorOf(request).centerId));

  app.get('/queue/overview', { config: { access: 'queue.overview' }, schema: { tags: ['queue'], summary: 'Leader view: live queue, counters, alerts, today', response: { 200: QueueOverview, ...PROBLEMS } } }, async (request) =>
    getQueueOverview(db, staffOf(request).centerId),
  );

  app.get('/queue/stream', { config: { access: 'queue.stream' }, schema: { tags: ['queue'], summary: 'Server-sent events of my center (small messages; refetch snapshots)' } }, async (request, reply) => {
    streamCenterEvents(request, reply, opts.hub, actorOf(request).centerId);
  });

  app.get('/rating/pending', { config: { access: 'ratings.submit' }, schema: { tags: ['rating'], summary: 'The service the tablet should ask about now, if any', response: { 200: PendingRating, ...PROBLEMS } } }, async (request) => ({
    pending: await pendingRating(db, deviceOf(request)),
  }));

  app.post(
    '/ratings',
    { config: { access: 'ratings.submit' }, schema: { tags: ['rating'], summary: 'Record a rating (one per ticket)', body: RateBody, response: { 201: Type.Null(), ...PROBLEMS } } },
    async (request, reply) => {
      await rateTicket(db, auditContextOf(request), deviceOf(request), request.body);
      return reply.status(201).send(null);
    },
  );

  app.get('/public/tickets/:token', { config: { access: 'public' }, schema: { tags: ['public'], summary: 'A live ticket (from its QR code)', params: TokenParams, response: { 200: PublicTicket, ...PROBLEMS } } }, async (request) => {
    const { centerId: _c, ...view } = await getPublicTicket(db, request.params.token);
    return view;
  });

  app.get('/public/tickets/:token/stream', { config: { access: 'public' }, schema: { tags: ['public'], summary: 'Live ticket events (refetch the ticket on each)', params: TokenParams } }, async (request, reply) => {
    const view = await getPublicTicket(db, request.params.token);
    // Only what a citizen needs: that something changed, and calls (public numbers).
    streamCenterEvents(request, reply, opts.hub, view.centerId, () => true, (m) => ({ type: m.type, at: m.at, ...(m.ticket ? { ticket: m.ticket } : {}), ...(m.counter !== undefined ? { counter: m.counter } : {}) }));
  });
}
