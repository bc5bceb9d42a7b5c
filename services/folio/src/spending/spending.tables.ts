import type { Generated } from 'kysely';

/** Spending: caps, uses of Art. 41, the shop, phone credit (FOL-07 … FOL-10). */
export interface SpendingTables {
  /** Spent per PPL per period: 'd:YYYY-MM-DD' (Bogotá day) or 'm:YYYY-MM' (FOL-07). */
  spend_totals: { nui: string; period: string; amount: number };
  /** One row per use of the Folio (FOL-08); `day_amount` is the part under the daily cap (Art. 42). */
  spend_uses: {
    tx_id: string;
    receipt_no: Generated<number>;
    nui: string;
    eron: string;
    use: string;
    amount: number;
    day_amount: number;
    spend_date: string;
    details: unknown;
    reversed_by: string | null;
    created_by: string;
    created_at: Generated<Date>;
  };
  shops: { eron: string; run_by: 'establishment' | 'private_company'; updated_by: string; updated_at: Generated<Date> };
  shop_products: {
    id: Generated<string>;
    eron: string;
    sku: string;
    name: string;
    unit_cost: number;
    price: number;
    raw_material: Generated<boolean>;
    active: Generated<boolean>;
    updated_by: string;
    updated_at: Generated<Date>;
  };
  shop_months: {
    eron: string;
    month: string;
    sales: number;
    cost_of_goods: number;
    profit: number;
    caja_share: number;
    run_by: string;
    tx_id: string | null;
    closed_by: string;
    closed_at: Generated<Date>;
  };
  phone_credits: {
    id: string;
    request_key: string;
    request_hash: string;
    nui: string;
    eron: string;
    line: string;
    amount: number;
    status: 'held' | 'confirmed' | 'released';
    hold_tx: string;
    settle_tx: string | null;
    provider_tx: string | null;
    failure: string | null;
    created_by: string;
    created_at: Generated<Date>;
    settled_at: Date | null;
  };
}
