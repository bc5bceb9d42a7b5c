/** Spending: caps, uses of Art. 41, the shop, phone credit (FOL-07 … FOL-10). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the capability lands
export interface SpendingTables {}
