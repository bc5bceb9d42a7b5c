import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The ledger's checks once per INSERT instead of once per posting (PLT-14: a bank file books
 * 100 000 deposits, 200 000 postings). What the database guarantees does not change:
 * - every statement's postings of a transaction sum to zero (so every transaction does);
 * - every posting names a recorded transaction and an existing account — checked once per
 *   distinct id (a batch's accounts in the same pass as its running balances); the per-row foreign keys cost a third of a posting's insert, and neither table
 *   can lose a row (transactions are append-only, accounts are never deleted);
 * - a PPL account's balance and each posting's running balance are the database's own.
 *   One booking at a time: the row trigger applies the posting and writes its running balance,
 *   as before. A batch (`SET LOCAL ledger.bulk = 'on'`, see `bulkPostings`): the caller, holding
 *   the PPL accounts' locks, sends the running balances; the statement trigger recomputes them
 *   from the locked balances, refuses the batch if one differs, and applies each account once.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await sql`ALTER TABLE postings DROP CONSTRAINT postings_transaction_id_fkey, DROP CONSTRAINT postings_account_id_fkey`.execute(db);
    // Only a reversal names the transaction it reverses: the others need no entry in its unique index.
    await sql`ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_reverses_key`.execute(db);
    await sql`CREATE UNIQUE INDEX ledger_transactions_reverses ON ledger_transactions (reverses) WHERE reverses IS NOT NULL`.execute(db);
    await sql`CREATE TRIGGER ledger_accounts_kept BEFORE DELETE ON ledger_accounts FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(
      db,
    );

    await sql`DROP TRIGGER postings_apply ON postings`.execute(db);
    await sql`CREATE TRIGGER postings_apply BEFORE INSERT ON postings FOR EACH ROW
      WHEN (current_setting('ledger.bulk', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION apply_posting()`.execute(db);

    await sql`DROP TRIGGER postings_balanced ON postings`.execute(db);
    await sql`
      CREATE FUNCTION check_postings() RETURNS trigger LANGUAGE plpgsql AS $$
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
        -- A batch. Locked in id order, like every single booking; the caller already holds them.
        PERFORM FROM ledger_accounts a WHERE a.id IN (SELECT account_id FROM new_postings) AND a.nui IS NOT NULL ORDER BY a.id FOR UPDATE;
        -- One pass finds an unknown account or a running balance that is not the database's. An
        -- aggregate, not LIMIT 1: with a limit the planner bets on an early hit and rescans the
        -- transition table once per account.
        SELECT min(r.id::text || CASE WHEN r.known THEN ' does not carry its account''s running balance' ELSE ' names an unknown account' END)
          INTO bad FROM (
            SELECT p.id, a.id IS NOT NULL AS known, p.balance_after, a.nui,
                   a.balance + (sum(p.amount) OVER (PARTITION BY p.account_id ORDER BY p.id))::bigint AS running
              FROM new_postings p LEFT JOIN ledger_accounts a ON a.id = p.account_id) r
         WHERE NOT r.known OR CASE WHEN r.nui IS NULL THEN r.balance_after IS NOT NULL ELSE r.balance_after IS DISTINCT FROM r.running END;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION 'posting %', bad USING ERRCODE = '23514';
        END IF;
        UPDATE ledger_accounts a SET balance = a.balance + d.delta
          FROM (SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id) d
         WHERE a.id = d.account_id AND a.nui IS NOT NULL;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER postings_checked AFTER INSERT ON postings
      REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION check_postings()`.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`DROP TRIGGER postings_checked ON postings`.execute(db);
    await sql`DROP FUNCTION check_postings()`.execute(db);
    await sql`DROP TRIGGER ledger_accounts_kept ON ledger_accounts`.execute(db);
    await sql`DROP INDEX ledger_transactions_reverses`.execute(db);
    await sql`ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_reverses_key UNIQUE (reverses)`.execute(db);
    await sql`DROP TRIGGER postings_apply ON postings`.execute(db);
    await sql`CREATE TRIGGER postings_apply BEFORE INSERT ON postings FOR EACH ROW EXECUTE FUNCTION apply_posting()`.execute(db);
    await sql`ALTER TABLE postings ADD FOREIGN KEY (transaction_id) REFERENCES ledger_transactions (id),
      ADD FOREIGN KEY (account_id) REFERENCES ledger_accounts (id)`.execute(db);
    await sql`CREATE TRIGGER postings_balanced AFTER INSERT ON postings
      REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION check_balanced()`.execute(db);
  },
};
