import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely';

/**
 * The double-entry, append-only ledger (FOL-01, FOL-02). Postings are signed (credit > 0); the
 * database itself makes the broken states impossible:
 * - postings that leave a transaction unbalanced cannot be inserted (statement-level check: a
 *   transaction's postings go in with one INSERT, however many transactions it carries);
 * - a PPL account cannot go below zero (CHECK on its running balance, kept by a trigger);
 * - transactions and postings cannot be updated or deleted (triggers), only reversed.
 * Only PPL accounts keep a running balance in their row. An establishment account (Caja Especial,
 * shop, bank clearing…) is the sum of its postings: touched by every sale or deposit of the
 * establishment, a balance row would serialise them all on one lock.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('ledger_accounts')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('nui', 'text')
      .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0))
      .addCheckConstraint('ppl_account_not_negative', sql`nui IS NULL OR balance >= 0`)
      .addCheckConstraint('ppl_kinds_have_owner', sql`(kind LIKE 'ppl_%') = (nui IS NOT NULL)`)
      .execute();
    // Room on each page for the PPL balance updates to stay HOT (no new index entries): a full page
    // made each balance update cost several times more (PLT-14).
    await sql`ALTER TABLE ledger_accounts SET (fillfactor = 50)`.execute(db);
    await sql`CREATE UNIQUE INDEX ledger_accounts_ppl ON ledger_accounts (nui, kind) WHERE nui IS NOT NULL`.execute(db);
    await sql`CREATE UNIQUE INDEX ledger_accounts_eron ON ledger_accounts (eron, kind) WHERE nui IS NULL`.execute(db);

    await db.schema
      .createTable('folios')
      .addColumn('nui', 'text', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('opened_by_event', 'uuid', (c) => c.notNull().unique())
      .execute();

    await db.schema
      .createTable('ledger_transactions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('nui', 'text')
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('concept', 'text', (c) => c.notNull())
      .addColumn('reverses', 'uuid', (c) => c.unique().references('ledger_transactions.id'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('ledger_transactions_reference', ['kind', 'reference'])
      .execute();

    await db.schema
      .createTable('postings')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('transaction_id', 'uuid', (c) => c.notNull().references('ledger_transactions.id'))
      .addColumn('account_id', 'uuid', (c) => c.notNull().references('ledger_accounts.id'))
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount <> 0`))
      // The PPL account's balance after this posting (its statement's running balance); NULL on
      // establishment accounts.
      .addColumn('balance_after', 'bigint', (c) => c.check(sql`balance_after >= 0`))
      .execute();
    await db.schema.createIndex('postings_account').on('postings').columns(['account_id', 'id']).execute();
    await db.schema.createIndex('postings_transaction').on('postings').column('transaction_id').execute();

    await sql`
      CREATE FUNCTION apply_posting() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE ledger_accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id AND nui IS NOT NULL
          RETURNING balance INTO NEW.balance_after;
        RETURN NEW;
      END $$`.execute(db);
    // Always the database's own running balance: whatever a caller put in balance_after is replaced.
    await sql`CREATE TRIGGER postings_apply BEFORE INSERT ON postings FOR EACH ROW EXECUTE FUNCTION apply_posting()`.execute(db);

    await sql`
      CREATE FUNCTION check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unbalanced uuid;
      BEGIN
        -- One index lookup per transaction touched (a transition table has no statistics, so a
        -- join could be planned as a scan of every posting ever made).
        SELECT n.transaction_id INTO unbalanced FROM (SELECT DISTINCT transaction_id FROM new_postings) n
         WHERE (SELECT sum(p.amount) FROM postings p WHERE p.transaction_id = n.transaction_id) <> 0 LIMIT 1;
        IF unbalanced IS NOT NULL THEN
          RAISE EXCEPTION 'ledger transaction % does not balance', unbalanced USING ERRCODE = '23514';
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER postings_balanced AFTER INSERT ON postings
      REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION check_balanced()`.execute(db);

    // Every account's balance: the kept one for PPL accounts, the sum of postings for the others.
    await sql`
      CREATE VIEW account_balances AS
      SELECT a.id, a.eron, a.kind, a.nui,
             CASE WHEN a.nui IS NOT NULL THEN a.balance
                  ELSE COALESCE((SELECT sum(p.amount) FROM postings p WHERE p.account_id = a.id), 0)::bigint END AS balance
        FROM ledger_accounts a`.execute(db);

    for (const table of ['ledger_transactions', 'postings']) {
      await sql`CREATE TRIGGER ${sql.id(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.id(table)}
        FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
    }
  },
  async down(db: Kysely<any>) {
    await sql`DROP VIEW account_balances`.execute(db);
    await db.schema.dropTable('postings').execute();
    await db.schema.dropTable('ledger_transactions').execute();
    await db.schema.dropTable('folios').execute();
    await db.schema.dropTable('ledger_accounts').execute();
    await sql`DROP FUNCTION apply_posting(); DROP FUNCTION check_balanced()`.execute(db);
  },
};
