import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EronCode, Notification, NotificationPage, NotificationQuery, Problem, Recipient, RecipientRequest, Uuid } from '@eron/shared';
import { NOTIFICATION_READERS, RECIPIENT_ADMINS } from '../roles';
import { runtime } from '../runtime';
import { addRecipient, listNotifications, listRecipients, readNotification, removeRecipient } from './notifications.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };
const Id = Type.Object({ id: Uuid }, { additionalProperties: false });

/** The notifier (CLS-08, 17, 20, 21): its directory of authorities, and what was notified and delivered. */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/notification-recipients',
    {
      config: { auth: { roles: RECIPIENT_ADMINS } },
      schema: {
        operationId: 'addNotificationRecipient',
        'x-rules': ['CLS-08', 'CLS-17', 'CLS-20', 'CLS-21'],
        summary: 'Add an authority to the notifier’s directory',
        description:
          'Who receives each kind of notice (judge, consulate, migration, ICBF, regional director, police, DG…) for an establishment, ' +
          'or nationally (`eron: null`, national staff only) where an establishment has none of its own: by e-mail, by webhook (https, signed) or both.',
        body: RecipientRequest,
        response: { 201: Recipient, ...Errors },
      },
    },
    async (req, reply) => reply.code(201).send(await runtime(app).transact(req, (ctx) => addRecipient(ctx, req.body))),
  );

  app.get(
    '/api/v1/classification/notification-recipients',
    {
      config: { auth: { roles: RECIPIENT_ADMINS } },
      schema: {
        operationId: 'listNotificationRecipients',
        'x-rules': ['CLS-08', 'CLS-17', 'CLS-20', 'CLS-21'],
        summary: 'The directory: an establishment’s recipients and the national ones',
        querystring: Type.Object({ eron: Type.Optional(EronCode) }, { additionalProperties: false }),
        response: { 200: Type.Array(Recipient), ...Errors },
      },
    },
    async (req) => listRecipients(runtime(app).reader(req), req.query.eron ?? null),
  );

  app.delete(
    '/api/v1/classification/notification-recipients/:id',
    {
      config: { auth: { roles: RECIPIENT_ADMINS } },
      schema: {
        operationId: 'removeNotificationRecipient',
        'x-rules': ['CLS-08', 'CLS-17', 'CLS-20', 'CLS-21'],
        summary: 'Take an authority out of the directory (its past deliveries stay)',
        params: Id,
        response: { 200: Recipient, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => removeRecipient(ctx, req.params.id)),
  );

  app.get(
    '/api/v1/classification/notifications',
    {
      config: { auth: { roles: NOTIFICATION_READERS } },
      schema: {
        operationId: 'listNotifications',
        'x-rules': ['CLS-08', 'CLS-17', 'CLS-20', 'CLS-21'],
        summary: 'An establishment’s notifications and how each was delivered, newest first',
        description: 'At most 31 days (`from`/`to`, Bogotá dates; the last 31 days by default), a page at a time: pass `next` as `before`.',
        querystring: NotificationQuery,
        response: { 200: NotificationPage, ...Errors },
      },
    },
    async (req) => listNotifications(runtime(app).reader(req), req.query),
  );

  app.get(
    '/api/v1/classification/notifications/:id',
    {
      config: { auth: { roles: NOTIFICATION_READERS } },
      schema: {
        operationId: 'getNotification',
        'x-rules': ['CLS-08', 'CLS-17', 'CLS-20', 'CLS-21'],
        summary: 'One notification: queued, sent, or failed with the reason, per recipient and channel',
        params: Id,
        response: { 200: Notification, ...Errors },
      },
    },
    async (req) => readNotification(runtime(app).reader(req), req.params.id),
  );
};

export default notificationRoutes;
