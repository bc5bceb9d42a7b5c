import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Intake cash held until the paymaster's receipt (CLS-10) and transfers in transit (CLS-20).
 *
 * `intake_cash`: one row per admitted person who carried cash, keyed by NUI (never reused), so a
 * reused acta number can never collide. The admission and the receipt fill it in whichever order
 * their events arrive; the money enters the ledger only when both are there (`transaction_id`).
 *
 * `folio_transits`: one row per transfer, dispatched and arrived in whichever order the events
 * arrive. While one of a PPL's rows is dispatched and not arrived, a trigger refuses every use of
 * the Folio (shop, withdrawal, phone): all of them write `spend_uses` through `folio_spend`, so
 * one check there covers them, whatever later migrations make of the function.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('intake_cash')
      .addColumn('nui', 'text', (c) => c.primaryKey())
      .addColumn('eron', 'text')
      .addColumn('acta', 'text')
      .addColumn('amount', 'bigint', (c) => c.check(sql`amount > 0`))
      .addColumn('search_date', 'date')
      .addColumn('admitted_event', 'uuid')
      .addColumn('received_on', 'date')
      .addColumn('received_eron', 'text')
      .addColumn('received_event', 'uuid')
      .addColumn('transaction_id', 'uuid', (c) => c.unique().references('ledger_transactions.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await sql`CREATE INDEX intake_cash_pending ON intake_cash (eron, search_date) WHERE transaction_id IS NULL`.execute(db);

    await db.schema
      .createTable('folio_transits')
      .addColumn('transfer_id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('from_eron', 'text', (c) => c.notNull())
      .addColumn('to_eron', 'text', (c) => c.notNull())
      .addColumn('dispatched_at', 'timestamptz')
      .addColumn('arrived_at', 'timestamptz')
      .execute();
    await sql`CREATE INDEX folio_transits_open ON folio_transits (nui) WHERE arrived_at IS NULL`.execute(db);
    await sql`
      CREATE FUNCTION refuse_spend_in_transit() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF EXISTS (SELECT 1 FROM folio_transits t WHERE t.nui = NEW.nui AND t.arrived_at IS NULL) THEN
          RAISE EXCEPTION 'PPL % is in transit', NEW.nui USING ERRCODE = 'ET020';
        END IF;
        RETURN NEW;
      END $fn$`.execute(db);
    await sql`CREATE TRIGGER spend_uses_not_in_transit BEFORE INSERT ON spend_uses
      FOR EACH ROW EXECUTE FUNCTION refuse_spend_in_transit()`.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`DROP TRIGGER spend_uses_not_in_transit ON spend_uses`.execute(db);
    await sql`DROP FUNCTION refuse_spend_in_transit`.execute(db);
    await db.schema.dropTable('folio_transits').execute();
    await db.schema.dropTable('intake_cash').execute();
  },
};
