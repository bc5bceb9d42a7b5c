import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { EronCode, LocalDate, Money, Nui, Timestamp, Uuid } from './primitives';

/** The services of the suite. */
export const SERVICES = ['classification', 'folio', 'discipline', 'visits'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const LegalStatus = Type.Union(
  [
    Type.Literal('sindicado'),
    Type.Literal('imputado'),
    Type.Literal('acusado'),
    Type.Literal('condenado'),
    Type.Literal('extradicion', { description: 'Capturado con fines de extradición (Art. 19)' }),
  ],
  { description: 'Situación jurídica (CLS-04)' },
);
export type LegalStatus = Static<typeof LegalStatus>;

export const Sex = Type.Union([Type.Literal('M'), Type.Literal('F')], { description: 'Sexo registrado' });

export const ExitReason = Type.Union([
  Type.Literal('release'),
  Type.Literal('house_arrest'),
  Type.Literal('death'),
  Type.Literal('escape'),
  Type.Literal('extradition'),
]);
export type ExitReason = Static<typeof ExitReason>;

/**
 * Event payloads (README "Events between services"). IDs and the listed fields only — never
 * confidential data (PLT-06).
 */
export const EventPayloads = {
  'ppl.admitted': Type.Object({
    nui: Nui,
    eron: EronCode,
    legalStatus: LegalStatus,
    sex: Sex,
    admittedAt: Timestamp,
    cashAtIntake: Type.Union([Type.Object({ amount: Money, actaNumber: Type.String(), searchDate: LocalDate }), Type.Null()]),
    /** Names and surnames as the order states them (Art. 27), for the documents the PPL signs; absent in events published before. */
    names: Type.Optional(Type.String()),
    surnames: Type.Optional(Type.String()),
  }),
  /** CLS-01: the DG registered an establishment; its name heads the documents other services issue for it. */
  'establishment.registered': Type.Object({ code: EronCode, name: Type.String() }),
  'ppl.placed': Type.Object({ nui: Nui, eron: EronCode, unitId: Uuid, cellId: Uuid }),
  'ppl.transferred': Type.Object({ nui: Nui, transferId: Uuid, fromEron: EronCode, toEron: EronCode }),
  /** CLS-20: the origin handed the person over; until `ppl.transferred` they belong to neither establishment. */
  'ppl.dispatched': Type.Object({ nui: Nui, transferId: Uuid, fromEron: EronCode, toEron: EronCode }),
  /**
   * CLS-10 (Art. 28): the paymaster of the establishment where the person now is (`eron`) received the cash
   * found at intake, with the act signed by the three; folio makes it available then.
   */
  'intake-cash.received': Type.Object({ nui: Nui, eron: EronCode, amount: Money, actaNumber: Type.String(), receivedOn: LocalDate }),
  'ppl.exited': Type.Object({ nui: Nui, eron: EronCode, exitId: Uuid, reason: ExitReason }),
  'ppl.status-changed': Type.Object({
    nui: Nui,
    eron: EronCode,
    legalStatus: Type.Optional(LegalStatus),
    securityLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    phase: Type.Optional(Type.String()),
    /** CLS-06: with `legalStatus: 'condenado'`, the decision that made the conviction firm; absent in events published before. */
    conviction: Type.Optional(Type.Object({ court: Type.String(), decisionNumber: Type.String(), firmOn: LocalDate })),
  }),
  'sanction.firm': Type.Object({
    sanctionId: Uuid,
    nui: Nui,
    eron: EronCode,
    kind: Type.String(),
    /** The sanction's visits to suppress in all: a later event for the same sanction (a partial suspension, a revival) restates the total. */
    visitsSuppressed: Type.Integer({ minimum: 0 }),
  }),
  'sanction.lifted': Type.Object({ sanctionId: Uuid, nui: Nui, eron: EronCode, kind: Type.String() }),
  'notification.requested': Type.Object({
    notificationId: Uuid,
    recipient: Type.String({ description: 'judge, consulate, migration, icbf, regional_director, police, dg…' }),
    subject: Type.String({ description: 'What happened, e.g. foreign-admission, escape' }),
    eron: EronCode,
    nui: Type.Optional(Nui),
  }),
} satisfies Record<string, TSchema>;

export type EventType = keyof typeof EventPayloads;
export type EventPayload<T extends EventType> = Static<(typeof EventPayloads)[T]>;

export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  source: ServiceName;
  occurredAt: string;
  requestId?: string;
  /** The publishing span's W3C trace context, so the consumer's span continues the trace; absent in events published before, or with tracing off. */
  trace?: EventTrace;
  payload: EventPayload<T>;
}

/** A W3C trace context (https://www.w3.org/TR/trace-context/): IDs and flags only, never data. */
export const EventTraceSchema = Type.Object(
  {
    traceparent: Type.String({ pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' }),
    tracestate: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type EventTrace = Static<typeof EventTraceSchema>;

/**
 * The envelope as consumers check it before anything is applied (PLT-08); the payload is then
 * checked against `EventPayloads[type]` and the source against `PRODUCERS[type]`.
 */
export const EventEnvelopeSchema = Type.Object(
  {
    id: Uuid,
    type: Type.Union(Object.keys(EventPayloads).map((t) => Type.Literal(t))),
    source: Type.Union(SERVICES.map((s) => Type.Literal(s))),
    occurredAt: Timestamp,
    requestId: Type.Optional(Type.String()),
    trace: Type.Optional(EventTraceSchema),
    payload: Type.Object({}),
  },
  { additionalProperties: false },
);

/** Who may publish each event: a consumer refuses an envelope from any other source (PLT-08). */
export const PRODUCERS: Record<EventType, readonly ServiceName[]> = {
  'ppl.admitted': ['classification'],
  'ppl.placed': ['classification'],
  'ppl.transferred': ['classification'],
  'ppl.dispatched': ['classification'],
  'establishment.registered': ['classification'],
  'intake-cash.received': ['classification'],
  'ppl.exited': ['classification'],
  'ppl.status-changed': ['classification'],
  'sanction.firm': ['discipline'],
  'sanction.lifted': ['discipline'],
  'notification.requested': ['classification', 'folio', 'discipline', 'visits'],
};

/**
 * Who may consume what (PLT-08). A service receives an event type once it has a handler for it:
 * its consumer then subscribes with each producer, which sends it every retained event of that
 * type from its outbox, then every new one. Until then nothing is sent to it, and nothing is lost.
 */
export const SUBSCRIBERS: Record<EventType, readonly ServiceName[]> = {
  'ppl.admitted': ['folio', 'visits', 'discipline'],
  'ppl.placed': ['visits'],
  'ppl.transferred': ['folio', 'visits', 'discipline'],
  'ppl.dispatched': ['folio'],
  'establishment.registered': ['folio', 'discipline'],
  'intake-cash.received': ['folio'],
  'ppl.exited': ['folio', 'visits', 'discipline'],
  'ppl.status-changed': ['visits', 'discipline'],
  'sanction.firm': ['visits'],
  'sanction.lifted': ['visits'],
  'notification.requested': ['classification'],
};

export const isEventType = (name: unknown): name is EventType => typeof name === 'string' && Object.hasOwn(EventPayloads, name);

export const eventQueueName = (service: ServiceName): string => `events-${service}`;
