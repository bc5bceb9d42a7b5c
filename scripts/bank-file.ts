/**
 * `pnpm run bank-file --nui 1000001 --depositor 52123456 --pesos 80000 [--nui … --depositor … --pesos …] [--date YYYY-MM-DD]`
 * prints an Asobancaria 2001 collection file for the local agreement (RECAUDO_* defaults), one
 * payment per --nui/--depositor/--pesos triple, to try the paymaster's day by hand.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bogotaToday } from '@eron/shared';
import { asobancariaFile, DEPOSITOR_LAYOUT } from '../services/folio/test/support/asobancaria';

const { values } = parseArgs({
  options: {
    nui: { type: 'string', multiple: true, default: [] },
    depositor: { type: 'string', multiple: true, default: [] },
    pesos: { type: 'string', multiple: true, default: [] },
    date: { type: 'string', default: bogotaToday() },
  },
});

if (values.nui.length === 0 || values.nui.length !== values.pesos.length) {
  console.error('Usage: pnpm run bank-file --nui <NUI> --depositor <ID number> --pesos <amount> […] [--date YYYY-MM-DD]');
  process.exit(2);
}
// The same reference sub-layout folio reads (RECAUDO_REFERENCE_LAYOUT, from the environment or .env).
const envFile = resolve(__dirname, '../.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);
const layout = process.env.RECAUDO_REFERENCE_LAYOUT === DEPOSITOR_LAYOUT ? 'depositor' : 'nui';
const payments = values.nui.map((nui, i) => ({ nui, depositor: values.depositor[i], pesos: Number(values.pesos[i]) }));
process.stdout.write(asobancariaFile({ collectionDate: values.date, lots: [payments], layout }));
