import type { FastifyInstance } from 'fastify';
import capsRoutes from './caps.routes';
import phoneRoutes from './phone.routes';
import { phoneSweeper } from './phone.sweeper';
import purchaseRoutes from './purchase.routes';
import reversalRoutes from './reversal.routes';
import shopRoutes from './shop.routes';
import withdrawalRoutes from './withdrawal.routes';

/** Spending: caps, uses of Art. 41, the shop, phone credit (FOL-07 … FOL-10). */
export default async function spendingRoutes(app: FastifyInstance): Promise<void> {
  await app.register(capsRoutes);
  await app.register(shopRoutes);
  await app.register(purchaseRoutes);
  await app.register(withdrawalRoutes);
  await app.register(reversalRoutes);
  await app.register(phoneRoutes);
  await app.register(phoneSweeper);
}
