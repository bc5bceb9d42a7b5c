import type { Generated, Selectable } from 'kysely';

export type Severity = 'leve' | 'grave';

/** The sanctions of Art. 151 (DIS-05): what each one takes away, counted in `amount` where it has one. */
export type SanctionKind =
  | 'reprimand' // leve: noted in the record (no amount)
  | 'no_recreation' // leve: days without recreation (≤ 8)
  | 'visit_suppression' // leve ≤ 5, grave ≤ 10 successive visits
  | 'incentive_suspension' // leve: days an incentive is suspended
  | 'redemption_loss'; // grave: 60–120 days of sentence redemption

/** imposed → firm (no appeal pending or possible, DIS-08) → lifted (reversed) · suspended (DIS-09) · revoked (DG, DIS-10). */
export type SanctionStatus = 'imposed' | 'firm' | 'suspended' | 'lifted' | 'revoked';

/**
 * Every sanction a decision imposed (DIS-02 … DIS-10). Conduct ratings (DIS-13), the repeat-offender
 * check (DIS-14) and the redemption account (DIS-24) read it: keep these columns and their meaning.
 */
export interface SanctionTables {
  sanctions: {
    id: string;
    /** The disciplinary case whose decision imposed it. */
    case_id: string;
    nui: string;
    /** The establishment that imposed it. */
    eron: string;
    severity: Severity;
    kind: SanctionKind;
    /** Days, visits or days of redemption; null for a reprimand. */
    amount: number | null;
    status: Generated<SanctionStatus>;
    /** The date of the facts (DIS-01: the catalogue version in force then). */
    fact_date: string;
    imposed_at: Generated<Date>;
    /** When it became firm (DIS-08); null while an appeal is pending or possible. */
    firm_at: Date | null;
    /** DIS-09: the conditional suspension, with its reasons (and justification for a repeat offender). */
    suspension: Generated<{
      by: string;
      on: string;
      reasons: string;
      justification: string | null;
      /** A partial suspension's units (days, visits, days of redemption); absent or null: the whole. */
      part?: number | null;
      revivedOn?: string;
    } | null>;
    /** DIS-09: the day the sanction would have been served; a new offence within three months of it revives a suspension. */
    serves_on: Generated<string | null>;
    /** DIS-10: the DG's revocation. */
    revocation: Generated<{ by: string; on: string; reasons: string; of: 'qualification' | 'sanction' } | null>;
    lifted_at: Generated<Date | null>;
  };
}

export type SanctionRow = Selectable<SanctionTables['sanctions']>;
