import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Booking, BookingRequest, CancellationRequest, EronCode, LocalDate, Problem, Roster, Uuid, VisitSession } from '@eron/shared';
import { assertActsFor, IDEMPOTENCY_HEADER } from '@eron/shared/platform';
import { BOOKERS, VISITS_STAFF } from '../roles';
import { runtime } from '../runtime';
import { book, bookWithOthers, cancelBooking, precheckBooking, refusedWhenFull, roster } from './booking.use-cases';

const bookingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/visits/bookings',
    {
      config: { auth: { roles: BOOKERS } },
      schema: {
        operationId: 'bookVisit',
        'x-rules': ['VIS-08', 'PLT-05'],
        summary: 'Book a visit: every VIS-08 check, all failures listed; the area is never overbooked (VIS-08)',
        description: 'Accepts `Idempotency-Key` (PLT-05).',
        body: BookingRequest,
        response: { 201: Booking, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const rt = runtime(app);
      const horizon = rt.config.VISITS_BOOKING_HORIZON_DAYS;
      // With a key, the key speaks first (a replay), and the booking has a transaction of its own.
      if (req.headers[IDEMPOTENCY_HEADER] !== undefined)
        return refusedWhenFull(rt.idempotent(req, reply, (ctx) => book(ctx, req.body, horizon)));
      // Without: refused at once from the committed facts, with no transaction; else booked with the others arriving.
      const reader = rt.reader(req);
      await precheckBooking(reader, req.body, horizon);
      const booking = await bookWithOthers({
        reader,
        body: req.body,
        horizonDays: horizon,
        alone: async () => (await refusedWhenFull(rt.transact(req, (ctx) => book(ctx, req.body, horizon)))).body,
      });
      return reply.code(201).send(booking);
    },
  );

  app.post(
    '/api/v1/visits/bookings/:id/cancellation',
    {
      config: { auth: { roles: BOOKERS } },
      schema: {
        operationId: 'cancelVisit',
        'x-rules': ['VIS-08'],
        summary: 'Cancel a booking; its visitors are notified (VIS-08)',
        params: Type.Object({ id: Uuid }),
        body: CancellationRequest,
        response: { 200: Booking, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => cancelBooking(ctx, req.params.id, req.body.reason)),
  );

  app.get(
    '/api/v1/visits/establishments/:eron/roster',
    {
      config: { auth: { roles: VISITS_STAFF } },
      schema: {
        operationId: 'visitRoster',
        'x-rules': ['VIS-08', 'VIS-03'],
        summary: 'The day’s bookings per unit for one session, for the gate (VIS-03, VIS-08)',
        params: Type.Object({ eron: EronCode }),
        querystring: Type.Object({ date: LocalDate, session: VisitSession }, { additionalProperties: false }),
        response: { 200: Roster, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return roster(runtime(app).reader(req), req.params.eron, req.query.date, req.query.session);
    },
  );
};

export default bookingRoutes;
