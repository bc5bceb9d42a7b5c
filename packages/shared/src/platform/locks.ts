import { sql, type Transaction } from 'kysely';

/**
 * Takes the transaction's advisory locks on these keys (`council:${eron}`, …), held until it ends:
 * the one shape every use case serialises by. Distinct keys, taken in sorted order in one
 * statement, so two transactions locking overlapping sets wait for each other instead of
 * deadlocking; hashed to 64 bits, so two keys share a lock far more rarely than with `hashtext`'s 32.
 */
export async function lockKeys(trx: Transaction<any>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT DISTINCT k FROM unnest(${keys}::text[]) k) s ORDER BY k`.execute(
    trx,
  );
}
