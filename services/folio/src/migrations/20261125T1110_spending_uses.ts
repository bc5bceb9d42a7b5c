import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Every use of the Folio (FOL-08) and the one statement that spends (FOL-07).
 *
 * `folio_spend` is a function so that a capped use is ONE round trip from the service: it locks the
 * PPL's available account (the serialisation point), reads the caps in force and what was spent
 * today and this month, refuses without writing anything, or records the balanced transaction, the
 * counters and the use together. The caller's transaction (or the statement itself, in autocommit)
 * makes it atomic. The legal caps come from the caller because the SMMLV table lives in code.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('spend_uses')
      .addColumn('tx_id', 'uuid', (c) => c.primaryKey().references('ledger_transactions.id'))
      .addColumn('receipt_no', 'bigserial', (c) => c.notNull().unique())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('use', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
      .addColumn('day_amount', 'bigint', (c) => c.notNull().check(sql`day_amount >= 0 AND day_amount <= amount`))
      .addColumn('spend_date', 'date', (c) => c.notNull())
      .addColumn('details', 'jsonb', (c) => c.notNull())
      .addColumn('reversed_by', 'uuid', (c) => c.unique().references('ledger_transactions.id'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('spend_uses_nui').on('spend_uses').columns(['nui', 'spend_date']).execute();
    await db.schema.createIndex('spend_uses_eron_use').on('spend_uses').columns(['eron', 'use', 'spend_date']).execute();

    await sql`
      CREATE FUNCTION folio_spend(
        p_nui text, p_erons text[], p_amount bigint, p_day_amount bigint, p_date date,
        p_legal_day bigint, p_legal_month bigint, p_use text, p_tx uuid, p_reference text, p_concept text,
        p_counter text, p_by text, p_request text, p_details jsonb,
        OUT outcome text, OUT ppl_eron text, OUT available bigint, OUT day_cap bigint, OUT day_spent bigint,
        OUT month_cap bigint, OUT month_spent bigint, OUT receipt bigint)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_account uuid;
        v_counter uuid;
        v_day text := 'd:' || p_date::text;
        v_month text := 'm:' || to_char(p_date, 'YYYY-MM');
      BEGIN
        SELECT a.id, a.balance, a.eron INTO v_account, available, ppl_eron
          FROM ledger_accounts a WHERE a.nui = p_nui AND a.kind = 'ppl_available' FOR UPDATE;
        IF NOT FOUND THEN outcome := 'no_folio'; RETURN; END IF;
        IF p_erons IS NOT NULL AND NOT (ppl_eron = ANY (p_erons)) THEN outcome := 'forbidden'; RETURN; END IF;
        day_cap := COALESCE((SELECT o.amount FROM dg_overrides o WHERE o.kind = 'spend_day' AND o.effective_from <= p_date
          ORDER BY o.effective_from DESC LIMIT 1), p_legal_day);
        month_cap := COALESCE((SELECT o.amount FROM dg_overrides o WHERE o.kind = 'spend_month' AND o.effective_from <= p_date
          ORDER BY o.effective_from DESC LIMIT 1), p_legal_month);
        day_spent := COALESCE((SELECT t.amount FROM spend_totals t WHERE t.nui = p_nui AND t.period = v_day), 0);
        month_spent := COALESCE((SELECT t.amount FROM spend_totals t WHERE t.nui = p_nui AND t.period = v_month), 0);
        IF day_spent + p_day_amount > day_cap THEN outcome := 'day_cap'; RETURN; END IF;
        IF month_spent + p_amount > month_cap THEN outcome := 'month_cap'; RETURN; END IF;
        IF available < p_amount THEN outcome := 'balance'; RETURN; END IF;

        SELECT a.id INTO v_counter FROM ledger_accounts a WHERE a.eron = ppl_eron AND a.kind = p_counter AND a.nui IS NULL;
        IF NOT FOUND THEN
          INSERT INTO ledger_accounts (eron, kind, nui) VALUES (ppl_eron, p_counter, NULL)
            ON CONFLICT (eron, kind) WHERE nui IS NULL DO NOTHING;
          SELECT a.id INTO v_counter FROM ledger_accounts a WHERE a.eron = ppl_eron AND a.kind = p_counter AND a.nui IS NULL;
        END IF;
        INSERT INTO ledger_transactions (id, kind, eron, nui, reference, concept, reverses, created_by, request_id)
          VALUES (p_tx, p_use, ppl_eron, p_nui, p_reference, p_concept, NULL, p_by, p_request);
        INSERT INTO postings (transaction_id, account_id, amount)
          SELECT p_tx, v.a, v.m FROM (VALUES (v_account, -p_amount), (v_counter, p_amount)) v(a, m) ORDER BY v.a;
        INSERT INTO spend_totals AS t (nui, period, amount) VALUES (p_nui, v_day, p_day_amount), (p_nui, v_month, p_amount)
          ON CONFLICT (nui, period) DO UPDATE SET amount = t.amount + EXCLUDED.amount;
        INSERT INTO spend_uses (tx_id, nui, eron, use, amount, day_amount, spend_date, details, created_by)
          VALUES (p_tx, p_nui, ppl_eron, p_use, p_amount, p_day_amount, p_date, p_details, p_by)
          RETURNING spend_uses.receipt_no INTO receipt;
        outcome := 'ok';
        available := available - p_amount;
        day_spent := day_spent + p_day_amount;
        month_spent := month_spent + p_amount;
      END $fn$`.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`DROP FUNCTION folio_spend`.execute(db);
    await db.schema.dropTable('spend_uses').execute();
  },
};
