import { sql } from 'kysely';
import type { EventHandlers } from '@eron/shared/platform';
import type { VisitsTables } from '../db';

/** The directory follows classification: admitted, status changed, transferred, exited. */
export const pplEvents: EventHandlers<VisitsTables> = {
  'ppl.admitted': async (e, ctx) => {
    const p = e.payload;
    await ctx.trx
      .insertInto('ppl')
      .values({
        nui: p.nui,
        eron: p.eron,
        legal_status: p.legalStatus,
        sex: p.sex,
        security_level: p.legalStatus === 'extradicion' ? 1 : null,
      })
      .onConflict((oc) =>
        oc.column('nui').doUpdateSet({ eron: p.eron, legal_status: p.legalStatus, state: 'held', updated_at: sql`now()` }),
      )
      .execute();
  },
  'ppl.status-changed': async (e, ctx) => {
    const p = e.payload;
    await ctx.trx
      .updateTable('ppl')
      .set({
        ...(p.legalStatus ? { legal_status: p.legalStatus } : {}),
        ...(p.securityLevel ? { security_level: p.securityLevel } : {}),
        updated_at: sql`now()`,
      })
      .where('nui', '=', p.nui)
      .execute();
  },
  'ppl.transferred': async (e, ctx) => {
    await ctx.trx
      .updateTable('ppl')
      .set({ eron: e.payload.toEron, updated_at: sql`now()` })
      .where('nui', '=', e.payload.nui)
      .execute();
  },
  'ppl.exited': async (e, ctx) => {
    await ctx.trx
      .updateTable('ppl')
      .set({ state: 'exited', updated_at: sql`now()` })
      .where('nui', '=', e.payload.nui)
      .execute();
  },
};
