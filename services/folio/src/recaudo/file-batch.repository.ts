import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Trx } from '../db';
import { copyInto } from '../copy';
import { REASON_TEXT } from './deposit.rules';
import type { StagedLine } from './files.rules';

/**
 * A bank file booked with set statements (PLT-14). Its detail lines are staged once with COPY
 * (`recaudo_file_lines`); each batch of a lane is then locked, decided and booked by a handful of
 * statements over the batch's lines, whatever their number: the accounts locked in id order, every
 * line decided into a temporary table (the same checks as `decideDeposit`, in its order), then one
 * INSERT … SELECT each for deposits, ledger transactions, postings and the file's records.
 */

/** One batch: the lines of a lane whose place in it is in [from, to), less those already recorded. */
export interface Batch {
  fileId: string;
  lane: number;
  from: number;
  to: number;
}

const COLUMNS = ['file_id', 'lane', 'seq', 'line', 'key', 'nui', 'amount_cents', 'return_reason', 'depositor'] as const;

/** Stages a file's detail lines with COPY, in the transaction that registers it. */
export const stageLines = (trx: Trx, fileId: string, lines: StagedLine[]): Promise<number> =>
  copyInto(
    trx,
    'recaudo_file_lines',
    COLUMNS,
    lines.map((l) => [fileId, l.lane, l.seq, l.line, l.key, l.nui, l.amountCents, l.returnReason, l.depositor]),
  );

/** The lanes of a staged file and how many lines each has. */
export async function laneSizes(db: Db, fileId: string): Promise<{ lane: number; size: number }[]> {
  const { rows } = await sql<{ lane: number; size: number }>`
    SELECT lane, count(*)::int AS size FROM recaudo_file_lines WHERE file_id = ${fileId} GROUP BY lane ORDER BY lane`.execute(db);
  return rows;
}

/**
 * The batch's lines not yet recorded. Each test is a probe of one index entry per line (a LATERAL …
 * LIMIT 1 is never turned into a join): planned as a join on statistics that lag behind a big
 * file, "recorded already?" became a scan of the file's records per line, and a batch took minutes.
 */
const linesOf = (b: Batch) => sql`
  SELECT l.line, l.key, l.nui, l.amount_cents, l.return_reason, l.depositor FROM recaudo_file_lines l
    LEFT JOIN LATERAL (SELECT true AS done FROM recaudo_file_records r WHERE r.file_id = l.file_id AND r.line = l.line LIMIT 1) rec ON true
   WHERE l.file_id = ${b.fileId} AND l.lane = ${b.lane} AND l.seq >= ${b.from} AND l.seq < ${b.to} AND rec.done IS NULL`;

/**
 * Locks what the batch's new payments credit, as every booking does: the PPL accounts in id order
 * (caps and balances hold under concurrency; no deadlock with notices, purchases or exits, which
 * lock the same rows), then the NUIs that have no account, in order, so the same payment arriving
 * at once by a notice waits instead of racing to its unique key. A line seen already locks nothing.
 */
export async function lockBatch(trx: Trx, b: Batch): Promise<void> {
  // Planned against statistics that lag behind a big file (the deposits and records it writes grow
  // by thousands per batch, its staged lines arrived in one COPY): a scan per line of a table
  // believed empty made one batch take minutes. Every table the batch reads has the index it
  // probes, so the batch probes them. JIT compiling these statements cost more than running them.
  await sql`SET LOCAL enable_seqscan = off`.execute(trx);
  await sql`SET LOCAL jit = off`.execute(trx);
  const fresh = sql`SELECT l.nui FROM (${linesOf(b)}) l
    LEFT JOIN LATERAL (SELECT true AS seen FROM recaudo_deposits d WHERE d.key = l.key LIMIT 1) d ON true WHERE d.seen IS NULL`;
  // The batch's new NUIs read once; as many accounts locked as there are NUIs means every one has
  // its account (one per NUI, never deleted), so there is none to wait for by name.
  const { rows } = await sql<{ locked: number; nuis: number }>`
    WITH fresh AS MATERIALIZED (SELECT DISTINCT f.nui FROM (${fresh}) f)
    SELECT count(*)::int AS locked, (SELECT count(*) FROM fresh)::int AS nuis FROM (SELECT a.id FROM ledger_accounts a
      WHERE a.kind = 'ppl_available' AND a.nui IN (SELECT f.nui FROM fresh f) ORDER BY a.id FOR UPDATE) locked`.execute(trx);
  if (rows[0]!.locked === rows[0]!.nuis) return;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended('recaudo-nui:' || o.nui, 0)) FROM (
      SELECT DISTINCT f.nui FROM (${fresh}) f
       WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.kind = 'ppl_available' AND a.nui = f.nui) ORDER BY f.nui) o`.execute(trx);
}

export interface BatchTerms {
  /** The file's month (`YYYY-MM`) and its deposit cap in pesos (FOL-04). */
  month: string;
  cap: number;
  nationalEron: string;
  /** A staff upload and the establishments its uploader acted for (null: national); undefined for the bank's machine client. */
  staff?: { erons: string[] | null };
}

/**
 * Decides every line of the batch into `recaudo_batch` (dropped at commit), read after the locks
 * are held: a payment already recorded, by either channel or earlier in the batch, is a duplicate;
 * each new one is owed back, held or credited in the order of `decideDeposit` (ASO-17, ASO-18,
 * ASO-16, FOL-05, FOL-04), a staff upload's credits gated as `gateStaffLine` does (FOL-06 b).
 * The monthly cap is met in the file's order: a PPL's lines are credited while the month's credits
 * stay within the cap (a running sum); only a PPL whose month overflows needs `fitUnderCap`.
 * Returns how many lines the batch has and how many passed the cap.
 */
export async function decideBatch(trx: Trx, b: Batch, t: BatchTerms): Promise<{ lines: number; overCap: number }> {
  const staff = t.staff !== undefined;
  const erons = t.staff?.erons ?? null;
  const overCap = staff ? sql`r.prior + r.pesos > ${t.cap}` : sql`r.prior + r.upto > ${t.cap}`;
  await sql`CREATE TEMP TABLE recaudo_batch ON COMMIT DROP AS
    WITH l AS MATERIALIZED (${linesOf(b)}),
    now7 AS MATERIALIZED (SELECT lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7' AS head),
    reviewed AS MATERIALIZED (
      SELECT d.nui, sum(d.amount_cents)::bigint AS cents FROM recaudo_deposit_reviews r JOIN recaudo_deposits d ON d.id = r.deposit_id
       WHERE r.status = 'credited' AND d.month = ${t.month} GROUP BY d.nui),
    facts AS (
      SELECT l.line, l.key, l.nui, l.amount_cents, l.amount_cents / 100 AS pesos,
             row_number() OVER (PARTITION BY l.key ORDER BY l.line) AS nth,
             seen.id AS seen_id, a.id AS account_id, a.balance, fo.eron AS folio_eron, dep.id AS depositor_id,
             coalesce(c.cents, 0) / 100 + coalesce(v.cents, 0) / 100 AS prior,
             CASE WHEN NOT (l.amount_cents > 0 AND l.amount_cents % 100 = 0) THEN 'rejected/amount_not_whole_pesos'
                  WHEN btrim(l.return_reason) <> '' AND l.return_reason <> '000' THEN 'held/return_reason'
                  WHEN fo.status IS DISTINCT FROM 'open' THEN 'rejected/unknown_reference'
                  WHEN l.depositor IS NOT NULL AND dep.id IS NULL THEN 'rejected/depositor_not_authorised'
                  WHEN l.depositor IS NULL THEN 'held/depositor_unknown' END AS pre
        FROM l
        LEFT JOIN LATERAL (SELECT d.id FROM recaudo_deposits d WHERE d.key = l.key LIMIT 1) seen ON true
        LEFT JOIN ledger_accounts a ON a.kind = 'ppl_available' AND a.nui = l.nui
        LEFT JOIN folios fo ON fo.nui = l.nui AND a.id IS NOT NULL
        LEFT JOIN LATERAL (SELECT d.id FROM depositor_authorisations x JOIN depositors d ON d.id = x.depositor_id
                            WHERE l.depositor IS NOT NULL AND x.removed_by IS NULL AND x.nui = l.nui
                              AND ltrim(d.doc_number, '0') = l.depositor ORDER BY d.id LIMIT 1) dep ON true
        -- What the PPL had credited in the month: one probe of its credited deposits per line (never a
        -- join planned on statistics the file outgrows), plus held deposits credited on review.
        CROSS JOIN LATERAL (SELECT sum(d.amount_cents)::bigint AS cents FROM recaudo_deposits d
                             WHERE d.nui = l.nui AND d.month = ${t.month} AND d.status = 'credited') c
        LEFT JOIN reviewed v ON v.nui = l.nui),
    candidates AS (
      SELECT f.*, f.seen_id IS NULL AND f.nth = 1 AS new, f.seen_id IS NULL AND f.nth = 1 AND f.pre IS NULL AS candidate FROM facts f),
    ranked AS (
      SELECT c.*, count(*) FILTER (WHERE c.candidate) OVER w AS rn, (sum(c.pesos) FILTER (WHERE c.candidate) OVER w)::bigint AS upto
        FROM candidates c WINDOW w AS (PARTITION BY c.nui ORDER BY c.line)),
    decided AS (
      SELECT r.*, r.candidate AND ${overCap} AS over_cap,
             CASE WHEN NOT r.candidate THEN r.pre WHEN ${overCap} THEN 'rejected/monthly_cap' ELSE 'credited/' END AS decision
        FROM ranked r),
    gated AS (
      SELECT d.*, ${erons}::text[] IS NOT NULL AND NOT (d.folio_eron = ANY(${erons}::text[])) AS elsewhere FROM decided d),
    outcomes AS (
      SELECT g.*, CASE WHEN NOT ${staff} OR g.folio_eron IS NULL THEN g.decision
                       WHEN g.decision = 'rejected/amount_not_whole_pesos' THEN g.decision
                       WHEN g.elsewhere THEN 'held/national_review'
                       WHEN g.decision = 'credited/' THEN 'held/awaiting_confirmation'
                       ELSE g.decision END AS outcome,
             ${staff} AND g.folio_eron IS NOT NULL AND g.elsewhere AS national
        FROM gated g)
    SELECT o.*, coalesce(o.deposit_id, first_value(o.deposit_id) OVER (PARTITION BY o.key ORDER BY o.line)) AS record_deposit_id FROM (
      SELECT f.line, f.key, f.nui, f.amount_cents, f.pesos, f.new, f.candidate, f.rn, f.upto, f.prior, f.over_cap,
             f.account_id, f.balance, f.depositor_id,
             CASE WHEN f.seen_id IS NOT NULL THEN f.seen_id
                  WHEN f.nth = 1 THEN (now7.head || lpad(to_hex(f.line % 4096), 3, '0') || substr(gen_random_uuid()::text, 20))::uuid END AS deposit_id,
             split_part(f.outcome, '/', 1) AS status, nullif(split_part(f.outcome, '/', 2), '') AS reason,
             CASE WHEN f.national THEN ${t.nationalEron} ELSE coalesce(f.folio_eron, ${t.nationalEron}) END AS eron,
             f.new AND f.amount_cents > 0 AND f.amount_cents % 100 = 0 AS booked
        FROM outcomes f CROSS JOIN now7) o`.execute(trx);
  const { rows } = await sql<{ lines: number; over: number }>`
    SELECT count(*)::int AS lines, count(*) FILTER (WHERE over_cap)::int AS over FROM recaudo_batch`.execute(trx);
  return { lines: rows[0]!.lines, overCap: rows[0]!.over };
}

/**
 * FOL-04 past a PPL's first line over the cap: each later line is still credited if it fits in
 * what is left of the month, in the file's order (a bank file; a staff upload credits nothing
 * here, so each of its lines met the cap alone). A recursive statement steps through the PPL
 * that overflowed, all of them at once, one line each per step.
 */
export async function fitUnderCap(trx: Trx, cap: number): Promise<void> {
  await sql`CREATE INDEX ON recaudo_batch (nui, rn) WHERE candidate`.execute(trx);
  await sql`ANALYZE recaudo_batch`.execute(trx);
  await sql`WITH RECURSIVE g(nui, rn, total, fits) AS (
      SELECT * FROM (SELECT DISTINCT ON (b.nui) b.nui, b.rn, b.prior + b.upto - b.pesos, false
                       FROM recaudo_batch b WHERE b.candidate AND b.over_cap ORDER BY b.nui, b.rn) f0
      UNION ALL
      SELECT c.nui, c.rn, g.total + CASE WHEN g.total + c.pesos <= ${cap} THEN c.pesos ELSE 0 END, g.total + c.pesos <= ${cap}
        FROM g JOIN recaudo_batch c ON c.candidate AND c.nui = g.nui AND c.rn = g.rn + 1)
    UPDATE recaudo_batch b SET status = 'credited', reason = NULL, over_cap = false
      FROM g WHERE g.fits AND b.candidate AND b.nui = g.nui AND b.rn = g.rn`.execute(trx);
}

export interface BookTerms {
  fileId: string;
  collectionDate: string;
  bankCode: string;
  createdBy: string;
  requestId: string;
}

/**
 * Books the decided batch: one ledger transaction per establishment and outcome (the clearing
 * account paying each PPL, refund or review its own posting, as `journalEntries` does), the
 * deposits naming it, the postings with the PPL accounts' running balances (checked and applied
 * once by the ledger's statement trigger), the file's records and its progress.
 */
export async function bookBatch(trx: Trx, b: Batch, t: BookTerms): Promise<void> {
  const month = t.collectionDate.slice(0, 7);
  // One id per establishment and outcome, new on every attempt (a retried batch books what is left under other ids).
  const attempt = `${t.fileId}/${b.lane}/${b.from}/${randomUUID()}/`;
  const tx = (eron: string, status: string) => sql`md5(${attempt}::text || ${sql.ref(eron)} || '/' || ${sql.ref(status)})::uuid`;
  const to = sql`CASE b.status WHEN 'rejected' THEN 'refunds_due' WHEN 'held' THEN 'deposits_held' END`;
  await sql`INSERT INTO ledger_transactions (id, kind, eron, nui, reference, concept, created_by, request_id)
    SELECT ${tx('g.eron', 'g.status')}, CASE g.status WHEN 'credited' THEN 'deposit' WHEN 'rejected' THEN 'deposit_rejected' ELSE 'deposit_held' END,
      g.eron, CASE WHEN g.n = 1 AND g.status = 'credited' THEN g.nui END,
      CASE WHEN g.n = 1 THEN g.key ELSE g.key || '+' || (g.n - 1) END,
      CASE WHEN g.n = 1 AND g.status = 'credited' THEN 'Consignación bancaria (archivo Asobancaria, línea ' || g.first_line || ')'
           WHEN g.n = 1 THEN 'Consignación no abonada (archivo Asobancaria, línea ' || g.first_line || '): ' || (${JSON.stringify(REASON_TEXT)}::jsonb ->> g.reason)
           ELSE CASE g.status WHEN 'credited' THEN 'Consignaciones bancarias' WHEN 'held' THEN 'Consignaciones no abonadas (en revisión)'
                  ELSE 'Consignaciones no abonadas (por reembolsar)' END
             || ': ' || g.n || ' del archivo Asobancaria del ' || ${t.collectionDate}::text || ', líneas ' || g.first_line || '–' || g.last_line END,
      ${t.createdBy}, ${t.requestId}
    FROM (SELECT b.eron, b.status, count(*) AS n, min(b.line) AS first_line, max(b.line) AS last_line, (array_agg(b.key ORDER BY b.line))[1] AS key,
                 (array_agg(b.nui ORDER BY b.line))[1] AS nui, (array_agg(b.reason ORDER BY b.line))[1] AS reason
            FROM recaudo_batch b WHERE b.booked GROUP BY b.eron, b.status) g`.execute(trx);
  await sql`INSERT INTO recaudo_deposits (id, key, channel, nui, eron, amount_cents, collection_date, month, status, reason, depositor_id, bank_code, file_id, line, transaction_id)
    SELECT b.deposit_id, b.key, 'file', b.nui, b.eron, b.amount_cents, ${t.collectionDate}::date, ${month}, b.status, b.reason, b.depositor_id,
      ${t.bankCode}, ${t.fileId}::uuid, b.line, CASE WHEN b.booked THEN ${tx('b.eron', 'b.status')} END
      FROM recaudo_batch b WHERE b.new ORDER BY b.deposit_id`.execute(trx);
  await sql`INSERT INTO recaudo_file_records (file_id, line, outcome, reason, nui, amount_cents, deposit_id)
    SELECT ${t.fileId}::uuid, b.line, CASE WHEN b.new THEN b.status ELSE 'duplicate' END,
      CASE WHEN b.new THEN b.reason ELSE 'already_seen' END, b.nui, b.amount_cents, b.record_deposit_id
      FROM recaudo_batch b ORDER BY b.line`.execute(trx);
  // In the order eronAccountIds creates them (eron, kind): two lanes creating the same accounts
  // in different orders would each wait for the other's new row and deadlock. Created last,
  // just before the postings that need them: a lane creating the same new account waits for
  // this transaction's end, which is then near.
  await sql`INSERT INTO ledger_accounts (eron, kind, nui)
    SELECT n.eron, n.kind, NULL::text FROM (
      SELECT DISTINCT b.eron, k.kind FROM recaudo_batch b CROSS JOIN LATERAL (VALUES ('bank_clearing'), (${to})) k(kind)
       WHERE b.booked AND k.kind IS NOT NULL) n
     ORDER BY n.eron COLLATE "C", n.kind COLLATE "C"
    ON CONFLICT (eron, kind) WHERE nui IS NULL DO NOTHING`.execute(trx);
  await sql`SELECT set_config('ledger.bulk', 'on', true)`.execute(trx);
  await sql`INSERT INTO postings (transaction_id, account_id, amount, balance_after)
    SELECT p.t, p.a, p.m, p.running FROM (
      SELECT ${tx('b.eron', 'b.status')} AS t, CASE WHEN b.status = 'credited' THEN b.account_id ELSE own.id END AS a, b.pesos AS m,
             0 AS part, b.line AS ord,
             CASE WHEN b.status = 'credited'
                  THEN b.balance + (sum(b.pesos) FILTER (WHERE b.status = 'credited') OVER (PARTITION BY b.account_id ORDER BY b.line))::bigint END AS running
        FROM recaudo_batch b
        LEFT JOIN ledger_accounts own ON b.status <> 'credited' AND own.nui IS NULL AND own.eron = b.eron AND own.kind = ${to}
       WHERE b.booked
      UNION ALL
      SELECT ${tx('b.eron', 'b.status')}, clearing.id, -sum(b.pesos)::bigint, 1, 0, NULL
        FROM recaudo_batch b JOIN ledger_accounts clearing ON clearing.nui IS NULL AND clearing.eron = b.eron AND clearing.kind = 'bank_clearing'
       WHERE b.booked GROUP BY b.eron, b.status, clearing.id) p
    ORDER BY p.t, p.part, p.ord`.execute(trx);
  await sql`SELECT set_config('ledger.bulk', 'off', true)`.execute(trx);
  await sql`UPDATE recaudo_files SET processed = processed + n.lines,
      status = CASE WHEN processed + n.lines >= total_records THEN 'done' ELSE 'processing' END,
      finished_at = CASE WHEN processed + n.lines >= total_records THEN now() END
    FROM (SELECT count(*)::int AS lines FROM recaudo_batch) n WHERE id = ${t.fileId} AND n.lines > 0`.execute(trx);
}
