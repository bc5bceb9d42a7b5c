/** Work pay, seized cash, transfers and payouts (FOL-11 … FOL-15). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the capability lands
export interface IncomeTables {}
