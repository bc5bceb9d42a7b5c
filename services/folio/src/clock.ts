/**
 * Folio's clock: what "now" is for rules that turn on the calendar date (FOL-17's due dates, Art.
 * 128). One per app, decorated as `folioClock` and read by the routes, which hand it to the use
 * cases; the wall clock unless a test sets another instant (test/support/folio.world.ts `setNow`).
 */
export interface Clock {
  now(): Date;
}

export const wallClock = (): Clock => ({ now: () => new Date() });

declare module 'fastify' {
  interface FastifyInstance {
    folioClock: Clock;
  }
}
