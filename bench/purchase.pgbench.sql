-- PLT-13: the raw-SQL side of the purchase benchmark. One round trip per capped shop purchase:
-- shop_purchase() prices the items from the list and spends through folio_spend(), which locks the
-- PPL's account, checks the daily and monthly caps (DG figures or the legal ones passed here) and the
-- balance, and records the balanced transaction, the counters and the receipt — what the service's
-- POST /api/v1/folio/purchases runs. Run with PGOPTIONS='-c search_path=folio' (as the service's pool does). Variable: -D accounts=N (PPL 9000001…9000000+N); the product is the one the bench seeds.
\set n random(9000001, 9000000 + :accounts)
SELECT outcome FROM shop_purchase((:n)::text, '113', '[{"productId":"00000000-0000-4000-8000-000000000113","quantity":1}]'::jsonb,
  (now() AT TIME ZONE 'America/Bogota')::date, 116726, 3501810, gen_random_uuid(), 'pgbench', NULL);
