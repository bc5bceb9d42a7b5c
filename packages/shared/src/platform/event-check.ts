import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, ValueErrorType, type TypeCheck } from '@sinclair/typebox/compiler';
import {
  EventEnvelopeSchema,
  EventPayloads,
  isEventType,
  PRODUCERS,
  SUBSCRIBERS,
  type EventEnvelope,
  type EventType,
  type ServiceName,
} from '../events';

// The string formats our schemas use, checked as Fastify's Ajv (ajv-formats) checks them in routes.
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS[month]!);
};
const TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/i;
const FORMATS: Record<string, (s: string) => boolean> = {
  date: isDate,
  'date-time': (s) => {
    const [date, time, ...rest] = s.split(/t|\s/i);
    return rest.length === 0 && date !== undefined && time !== undefined && isDate(date) && TIME.test(time);
  },
  uuid: (s) => /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(s),
};
for (const [name, check] of Object.entries(FORMATS)) if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);

const envelopeCheck = TypeCompiler.Compile(EventEnvelopeSchema);
const payloadChecks = new Map<EventType, TypeCheck<TSchema>>(
  Object.entries(EventPayloads).map(([type, schema]) => [type as EventType, TypeCompiler.Compile(schema as TSchema)]),
);

/** What a consumer may know of a job it refused: where it failed and why, never the values (PLT-06). */
export type EventCheck = { ok: true; event: EventEnvelope } | { ok: false; problems: string[] };

// An unexpected property's name is the sender's text, so only where it was is told.
const problemsOf = (check: TypeCheck<TSchema>, value: unknown, at = ''): string[] =>
  [...check.Errors(value)].slice(0, 10).map((e) => {
    const path = e.type === ValueErrorType.ObjectAdditionalProperties ? e.path.replace(/\/[^/]*$/, '') : e.path;
    return `${at}${path || '/'}: ${e.message}`;
  });

/**
 * Checks a job before `consumer` applies it (PLT-08): a known type, the envelope's shape, a source
 * that may publish that type, a consumer that may receive it, and the payload against its schema.
 */
export function checkEvent(consumer: ServiceName, jobName: string, data: unknown): EventCheck {
  if (!isEventType(jobName)) return { ok: false, problems: ['unknown event type'] };
  if (!envelopeCheck.Check(data)) return { ok: false, problems: problemsOf(envelopeCheck, data) };
  const event = data as EventEnvelope;
  if (event.type !== jobName) return { ok: false, problems: [`/type: ${event.type} under a job named ${jobName}`] };
  if (!PRODUCERS[event.type].includes(event.source)) {
    return { ok: false, problems: [`/source: ${event.source} does not publish ${event.type}`] };
  }
  if (!SUBSCRIBERS[event.type].includes(consumer)) return { ok: false, problems: [`/type: ${consumer} does not consume ${event.type}`] };
  const payload = payloadChecks.get(event.type)!;
  if (!payload.Check(event.payload)) return { ok: false, problems: problemsOf(payload, event.payload, '/payload') };
  return { ok: true, event };
}
