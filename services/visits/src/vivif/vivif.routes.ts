import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  EronCode,
  Problem,
  Uuid,
  VivifBlockRequest,
  VivifBooking,
  VivifBookingRequest,
  VivifDevice,
  VivifDeviceList,
  VivifDeviceRequest,
  VivifHours,
  VivifMonitoring,
  VivifMonitoringRequest,
  VivifMonitorLink,
  VivifRebookRequest,
  VivifSessionEvent,
  VivifSlot,
  VivifSlotGenerated,
  VivifSlotGeneration,
  VivifSlotList,
  VivifSlotQuery,
  VivifStatistics,
  VivifStatisticsQuery,
} from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import {
  VIDEO_PROVIDERS,
  VIVIF_BLOCKERS,
  VIVIF_BOOKERS,
  VIVIF_MONITORING_AUTHORISERS,
  VIVIF_MONITORS,
  VIVIF_READERS,
  VIVIF_SETTERS,
} from '../roles';
import { runtime } from '../runtime';
import { providerOf } from './vivif.provider';
import * as uc from './vivif.use-cases';

const base = '/api/v1/visits/vivif/establishments/:eron';
const Eron = Type.Object({ eron: EronCode });
const EronId = Type.Object({ eron: EronCode, id: Uuid });
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** VIVIF virtual family visits (VIS-16 … VIS-18, Art. 73 and Art. 60). */
const vivifRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    `${base}/devices`,
    {
      config: { auth: { roles: VIVIF_SETTERS } },
      schema: {
        operationId: 'registerVivifDevice',
        'x-rules': ['VIS-16'],
        summary: 'Register a piece of VIVIF video-call equipment (VIS-16)',
        params: Eron,
        body: VivifDeviceRequest,
        response: { 201: VivifDevice, ...problems, 409: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      const device = await runtime(app).transact(req, (ctx) => uc.registerDevice(ctx, req.params.eron, req.body.name));
      return reply.code(201).send(device);
    },
  );

  app.get(
    `${base}/devices`,
    {
      config: { auth: { roles: VIVIF_READERS } },
      schema: {
        operationId: 'listVivifDevices',
        'x-rules': ['VIS-16'],
        summary: 'The establishment’s VIVIF equipment (VIS-16)',
        params: Eron,
        response: { 200: VivifDeviceList, ...problems },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return uc.listDevices(runtime(app).reader(req), req.params.eron);
    },
  );

  app.put(
    `${base}/hours`,
    {
      config: { auth: { roles: VIVIF_SETTERS } },
      schema: {
        operationId: 'setVivifHours',
        'x-rules': ['VIS-16'],
        summary: 'Set the establishment’s VIVIF hours and slot length (VIS-16)',
        params: Eron,
        body: VivifHours,
        response: { 200: VivifHours, ...problems, 422: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return runtime(app).transact(req, (ctx) => uc.setHours(ctx, req.params.eron, req.body));
    },
  );

  app.post(
    `${base}/slots/generate`,
    {
      config: { auth: { roles: VIVIF_SETTERS } },
      schema: {
        operationId: 'generateVivifSlots',
        'x-rules': ['VIS-16'],
        summary: 'Generate the slots of set length per device for a range of days (VIS-16)',
        description: 'Idempotent: a slot a device already has is not created again.',
        params: Eron,
        body: VivifSlotGeneration,
        response: { 200: VivifSlotGenerated, ...problems, 422: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return runtime(app).transact(req, (ctx) => uc.generateSlots(ctx, req.params.eron, req.body));
    },
  );

  app.get(
    `${base}/slots`,
    {
      config: { auth: { roles: VIVIF_READERS } },
      schema: {
        operationId: 'listVivifSlots',
        'x-rules': ['VIS-16'],
        summary: 'The VIVIF slots of a day, per device (VIS-16)',
        params: Eron,
        querystring: VivifSlotQuery,
        response: { 200: VivifSlotList, ...problems },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return uc.slotsOfDay(runtime(app).reader(req), req.params.eron, req.query.date, req.query.free === 'true');
    },
  );

  app.post(
    `${base}/slots/:id/block`,
    {
      config: { auth: { roles: VIVIF_BLOCKERS } },
      schema: {
        operationId: 'blockVivifSlot',
        'x-rules': ['VIS-16'],
        summary: 'Block a slot for a virtual court hearing or a control-body proceeding (VIS-16, Art. 73)',
        params: EronId,
        body: VivifBlockRequest,
        response: { 200: VivifSlot, ...problems, 409: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return runtime(app).transact(req, (ctx) => uc.blockSlot(ctx, req.params.eron, req.params.id, req.body));
    },
  );

  app.post(
    `${base}/bookings`,
    {
      config: { auth: { roles: VIVIF_BOOKERS } },
      schema: {
        operationId: 'bookVivifSession',
        'x-rules': ['VIS-16', 'VIS-17', 'PLT-05'],
        summary: 'Book a VIVIF slot for a PPL and their family; the provider creates the room and join links (VIS-16, VIS-17)',
        description:
          'Takes Idempotency-Key (PLT-05). Postgres never lets one PPL, one slot or one device be booked twice at a time (409 VIS-16).',
        params: Eron,
        body: VivifBookingRequest,
        response: { 201: VivifBooking, ...problems, 409: Problem, 422: Problem, 502: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      const rt = runtime(app);
      return rt.idempotent(req, reply, (ctx) => uc.bookSession(ctx, providerOf(rt.config), req.params.eron, req.body));
    },
  );

  app.get(
    `${base}/bookings/:id`,
    {
      config: { auth: { roles: VIVIF_READERS } },
      schema: {
        operationId: 'getVivifBooking',
        'x-rules': ['VIS-16', 'VIS-17'],
        summary: 'A VIVIF booking and its session (VIS-17)',
        params: EronId,
        response: { 200: VivifBooking, ...problems },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return uc.getBooking(runtime(app).reader(req), req.params.eron, req.params.id);
    },
  );

  app.post(
    `${base}/bookings/:id/rebook`,
    {
      config: { auth: { roles: VIVIF_BOOKERS } },
      schema: {
        operationId: 'rebookVivifSession',
        'x-rules': ['VIS-17', 'PLT-05'],
        summary: 'Rebook a session that failed technically, first: the slot given or the earliest free one (VIS-17)',
        description: 'Takes Idempotency-Key (PLT-05). Only a failed session, only once.',
        params: EronId,
        body: VivifRebookRequest,
        response: { 201: VivifBooking, ...problems, 409: Problem, 422: Problem, 502: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      const rt = runtime(app);
      return rt.idempotent(req, reply, (ctx) =>
        uc.rebookSession(ctx, providerOf(rt.config), req.params.eron, req.params.id, req.body.slotId),
      );
    },
  );

  app.post(
    '/api/v1/visits/vivif/sessions/events',
    {
      config: { auth: { machine: VIDEO_PROVIDERS } },
      schema: {
        operationId: 'reportVivifSession',
        'x-rules': ['VIS-17', 'PLT-03'],
        summary: 'The video provider reports a session started, ended (with duration), a no-show or a technical failure (VIS-17)',
        description: 'HMAC-signed by the video provider over the raw body (PLT-03): a forged or replayed report is 401.',
        body: VivifSessionEvent,
        response: { 200: VivifBooking, ...problems, 409: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => uc.recordSessionEvent(ctx, req.body)),
  );

  app.post(
    `${base}/monitoring`,
    {
      config: { auth: { roles: VIVIF_MONITORING_AUTHORISERS } },
      schema: {
        operationId: 'authoriseVivifMonitoring',
        'x-rules': ['VIS-18'],
        summary: 'Information systems authorises a staff member to monitor VIVIF sessions until a date (VIS-18, Art. 60)',
        params: Eron,
        body: VivifMonitoringRequest,
        response: { 201: VivifMonitoring, ...problems },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      const m = await runtime(app).transact(req, (ctx) => uc.authoriseMonitoring(ctx, req.params.eron, req.body));
      return reply.code(201).send(m);
    },
  );

  app.post(
    `${base}/bookings/:id/monitor`,
    {
      config: { auth: { roles: VIVIF_MONITORS } },
      schema: {
        operationId: 'monitorVivifSession',
        'x-rules': ['VIS-18'],
        summary: 'A hidden join link to monitor a session, only under an authorisation of information systems in force (VIS-18)',
        params: EronId,
        response: { 200: VivifMonitorLink, ...problems },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      const rt = runtime(app);
      return rt.transact(req, (ctx) => uc.monitorSession(ctx, providerOf(rt.config), req.params.eron, req.params.id));
    },
  );

  app.get(
    '/api/v1/visits/vivif/statistics',
    {
      config: { auth: { roles: VIVIF_READERS } },
      schema: {
        operationId: 'vivifStatistics',
        'x-rules': ['VIS-18'],
        summary: 'VIVIF sessions per establishment and year, with the national historical figures (VIS-18)',
        querystring: VivifStatisticsQuery,
        response: { 200: VivifStatistics, ...problems },
      },
    },
    async (req) => uc.statistics(runtime(app).reader(req), Number(req.query.year), req.query.eron),
  );
};

export default vivifRoutes;
