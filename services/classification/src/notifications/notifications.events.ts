import type { EventHandlers } from '@eron/shared/platform';
import type { ClassificationTables } from '../db';
import { recordRequest } from './notifications.use-cases';

/** The notifier listens to every service's `notification.requested`. */
export const notificationEvents: EventHandlers<ClassificationTables> = {
  'notification.requested': (event, ctx) => recordRequest(ctx, event),
};
