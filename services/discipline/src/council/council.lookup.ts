import type { CouncilGroup, CouncilMatter } from '@eron/shared';
import type { Db, Trx } from '../db';
import { findDecision } from './council.repository';

/** What another act needs of a council decision it cites (a grave case, an incentive, an own-food request). */
export interface CouncilDecisionFact {
  id: string;
  sessionId: string;
  eron: string;
  acta: string;
  group: CouncilGroup;
  matter: CouncilMatter;
  nui: string | null;
  subject: string;
  outcome: 'approved' | 'rejected';
  /** The session's date. */
  date: string;
  decidedAt: Date;
}

/** A decision of the council in session (DIS-12), or undefined when no such decision was taken in that session. */
export async function councilDecision(db: Db | Trx, sessionId: string, decisionId: string): Promise<CouncilDecisionFact | undefined> {
  const d = await findDecision(db, sessionId, decisionId);
  if (!d) return undefined;
  return {
    id: d.id,
    sessionId: d.session_id,
    eron: d.eron,
    acta: d.acta,
    group: d.group,
    matter: d.matter,
    nui: d.nui,
    subject: d.subject,
    outcome: d.outcome,
    date: d.date,
    decidedAt: d.decided_at,
  };
}
