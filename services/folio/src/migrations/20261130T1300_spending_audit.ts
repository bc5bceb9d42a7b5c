import { sql, type Kysely, type Migration } from 'kysely';

/**
 * PLT-06: every use of the Folio — a shop purchase, a withdrawal on written request, a phone-credit
 * hold — writes its audit-log line in the statement that spends. A trigger on `spend_uses`, so the
 * one-round-trip spend (`folio_spend`, PLT-13) stays one round trip and no caller can forget it:
 * who (the token's subject), when, what (the use, the PPL, the amount, the establishment), request
 * ID. Beneficiary data stays on the use, never copied here.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await sql`
      CREATE FUNCTION spend_use_audited() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO audit_log (actor, roles, action, entity, entity_id, request_id, details)
          SELECT NEW.created_by, '{}'::text[], 'spend:' || NEW.use, 'spend_use', NEW.tx_id::text, t.request_id,
                 jsonb_build_object('nui', NEW.nui, 'eron', NEW.eron, 'use', NEW.use, 'amount', NEW.amount,
                   'receipt', NEW.receipt_no, 'date', NEW.spend_date)
            FROM ledger_transactions t WHERE t.id = NEW.tx_id;
        RETURN NULL;
      END $fn$`.execute(db);
    await sql`CREATE TRIGGER spend_uses_audited AFTER INSERT ON spend_uses
      FOR EACH ROW EXECUTE FUNCTION spend_use_audited()`.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`DROP TRIGGER spend_uses_audited ON spend_uses`.execute(db);
    await sql`DROP FUNCTION spend_use_audited()`.execute(db);
  },
};
