import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';
import { NextPage, PageCursor, PageLimit } from './classification';

/** Who is notified of what (CLS-08, 17, 20, 21): judges, consulates, migration, ICBF, regional directors, the DG… */
export const RecipientKind = Type.String({
  pattern: '^[a-z][a-z_]{1,39}$',
  description: 'judge, judicial_authority, consulate, migration, icbf, regional_director, police, dg…',
});

export const RecipientRequest = Type.Object(
  {
    kind: RecipientKind,
    eron: Type.Union([EronCode, Type.Null()], {
      description: 'null: a national recipient, used where an establishment has none of its own',
    }),
    name: Text(200, 'Despacho o entidad, p. ej. "Juzgado 3 de Ejecución de Penas de Bogotá"'),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    webhookUrl: Type.Optional(
      Type.String({ format: 'uri', maxLength: 500, description: 'https; the body is signed with the secret (HMAC-SHA256)' }),
    ),
    webhookSecret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
  },
  { additionalProperties: false, description: 'A recipient of the notifier’s directory: by e-mail, by webhook or both' },
);
export type RecipientRequest = Static<typeof RecipientRequest>;

export const Recipient = Type.Object({
  id: Uuid,
  kind: Type.String(),
  eron: Type.Union([EronCode, Type.Null()]),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  webhookUrl: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export type Recipient = Static<typeof Recipient>;

export const DeliveryStatus = Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed')], {
  description: 'queued (waiting or retrying with backoff), sent, failed (with the reason)',
});

export const Delivery = Type.Object({
  recipient: Type.String(),
  channel: Type.Union([Type.Literal('email'), Type.Literal('webhook')]),
  address: Type.String(),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  sentAt: Type.Union([Timestamp, Type.Null()]),
});

export const Notification = Type.Object({
  id: Uuid,
  kind: Type.String({ description: 'Who is notified' }),
  subject: Type.String({ description: 'What happened, e.g. foreign-ppl, escape' }),
  title: Type.String({ description: 'The subject as the letter states it' }),
  eron: EronCode,
  nui: Type.Union([Nui, Type.Null()]),
  status: DeliveryStatus,
  reason: Type.Union([Type.String(), Type.Null()]),
  requestedAt: Timestamp,
  deliveries: Type.Array(Delivery),
});
export type Notification = Static<typeof Notification>;

export const NotificationQuery = Type.Object(
  {
    eron: EronCode,
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    status: Type.Optional(DeliveryStatus),
    limit: Type.Optional(PageLimit(200, 50)),
    before: Type.Optional(PageCursor),
  },
  { additionalProperties: false },
);
export type NotificationQuery = Static<typeof NotificationQuery>;

export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  /** Pass as `before` for the next page; null on the last one. */
  next: NextPage,
});
