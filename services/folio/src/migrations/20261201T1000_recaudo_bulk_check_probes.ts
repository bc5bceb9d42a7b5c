import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The ledger's statement check of a batch of postings (T0920) finds each account the batch names
 * by its id, once per account, whatever the plan settings (PLT-14). PL/pgSQL keeps a statement's
 * plan for the life of the connection, planned with the settings in force the first time it ran:
 * planned inside a bank file's batch (`enable_seqscan = off`), "join the batch to its accounts"
 * became a read of the whole accounts' index (60 000 entries, a fifth of a second) on every batch.
 * What is checked does not change: every transaction balances and exists; every account exists;
 * a batch's PPL accounts locked in id order, each posting carrying its account's running balance
 * (establishment accounts none), each PPL account's balance applied once.
 */
const checkPostings = (runningCheck: string) => sql`
  CREATE OR REPLACE FUNCTION check_postings() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE bad text;
  BEGIN
    SELECT transaction_id INTO bad FROM new_postings GROUP BY transaction_id HAVING sum(amount) <> 0 LIMIT 1;
    IF bad IS NOT NULL THEN
      RAISE EXCEPTION 'ledger transaction % does not balance', bad USING ERRCODE = '23514';
    END IF;
    SELECT n.id INTO bad FROM (SELECT DISTINCT transaction_id AS id FROM new_postings) n
     WHERE NOT EXISTS (SELECT FROM ledger_transactions t WHERE t.id = n.id) LIMIT 1;
    IF bad IS NOT NULL THEN
      RAISE EXCEPTION 'posting for unknown ledger transaction %', bad USING ERRCODE = '23503';
    END IF;
    IF current_setting('ledger.bulk', true) IS DISTINCT FROM 'on' THEN
      SELECT n.id INTO bad FROM (SELECT DISTINCT account_id AS id FROM new_postings) n
       WHERE NOT EXISTS (SELECT FROM ledger_accounts a WHERE a.id = n.id) LIMIT 1;
      IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'posting to unknown ledger account %', bad USING ERRCODE = '23503';
      END IF;
      RETURN NULL;
    END IF;
    ${sql.raw(LOCK + runningCheck + APPLY)}
    RETURN NULL;
  END $$`;

/** The batch branch's first step: the batch's PPL accounts locked in id order. */
const LOCK = `
    PERFORM FROM ledger_accounts a WHERE a.id IN (SELECT account_id FROM new_postings) AND a.nui IS NOT NULL ORDER BY a.id FOR UPDATE;
`;

/** Its last: a posting found wrong refused, else each PPL account's balance applied once. */
const APPLY = `
    IF bad IS NOT NULL THEN
      RAISE EXCEPTION 'posting %', bad USING ERRCODE = '23514';
    END IF;
    UPDATE ledger_accounts a SET balance = a.balance + d.delta
      FROM (SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id) d
     WHERE a.id = d.account_id AND a.nui IS NOT NULL;`;

/** T0920's running-balance check of the batch, as it was. */
const JOINED = `
    SELECT min(r.id::text || CASE WHEN r.known THEN ' does not carry its account''s running balance' ELSE ' names an unknown account' END)
      INTO bad FROM (
        SELECT p.id, a.id IS NOT NULL AS known, p.balance_after, a.nui,
               a.balance + (sum(p.amount) OVER (PARTITION BY p.account_id ORDER BY p.id))::bigint AS running
          FROM new_postings p LEFT JOIN ledger_accounts a ON a.id = p.account_id) r
     WHERE NOT r.known OR CASE WHEN r.nui IS NULL THEN r.balance_after IS NOT NULL ELSE r.balance_after IS DISTINCT FROM r.running END;`;

/**
 * The same, each account the batch names read once, by a probe of its primary key (a LATERAL …
 * LIMIT 1 is never turned into a join): after the locks, so the balances read are the locked ones.
 */
const PROBED = `
    SELECT min(r.id::text || CASE WHEN r.known THEN ' does not carry its account''s running balance' ELSE ' names an unknown account' END)
      INTO bad FROM (
        SELECT p.id, k.known, p.balance_after, k.nui,
               k.balance + (sum(p.amount) OVER (PARTITION BY p.account_id ORDER BY p.id))::bigint AS running
          FROM new_postings p JOIN (
            SELECT n.account_id, a.id IS NOT NULL AS known, a.nui, a.balance
              FROM (SELECT DISTINCT account_id FROM new_postings) n
              LEFT JOIN LATERAL (SELECT a.id, a.nui, a.balance FROM ledger_accounts a WHERE a.id = n.account_id LIMIT 1) a ON true) k
            ON k.account_id = p.account_id) r
     WHERE NOT r.known OR CASE WHEN r.nui IS NULL THEN r.balance_after IS NOT NULL ELSE r.balance_after IS DISTINCT FROM r.running END;`;

export const migration: Migration = {
  async up(db: Kysely<any>) {
    await checkPostings(PROBED).execute(db);
  },
  async down(db: Kysely<any>) {
    await checkPostings(JOINED).execute(db);
  },
};
