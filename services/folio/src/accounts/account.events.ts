import type { EventHandlers } from '@eron/shared/platform';
import type { FolioTables } from '../db';
import { eronAccountId, openFolio, pplAccountId, record } from '../ledger/ledger.repository';

/**
 * On admission the Folio opens (FOL-01, Art. 40) and cash carried at intake, handed to the
 * paymaster with an acta, is credited once (CLS-10, Art. 28): the inbox makes the event apply
 * once, and the acta is the transaction's unique reference.
 */
export const accountEvents: EventHandlers<FolioTables> = {
  'ppl.admitted': async (event, { trx, log }) => {
    const { nui, eron, cashAtIntake } = event.payload;
    const opened = await openFolio(trx, { nui, eron, eventId: event.id });
    if (!opened || !cashAtIntake) return;
    await record(trx, {
      kind: 'intake_cash',
      eron,
      nui,
      reference: `${eron}/${cashAtIntake.actaNumber}`,
      concept: `Dinero recibido en la requisa de ingreso, acta ${cashAtIntake.actaNumber}`,
      createdBy: 'classification',
      requestId: event.requestId,
      postings: [
        { accountId: await pplAccountId(trx, nui, 'ppl_available'), amount: cashAtIntake.amount },
        { accountId: await eronAccountId(trx, eron, 'paymaster'), amount: -cashAtIntake.amount },
      ],
    });
    log.info({ nui, amount: cashAtIntake.amount }, 'Intake cash credited');
  },
};
