/** Bank deposits: depositors, real-time notices, Asobancaria 2001 files (FOL-04 … FOL-06). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the capability lands
export interface RecaudoTables {}
