import { addDays } from '@eron/shared';

/** Bogotá is UTC−5 all year: a local date starts at 05:00 UTC. */
export const bogotaStart = (date: string): Date => new Date(`${date}T00:00:00-05:00`);

export const monthBounds = (month: string): { from: string; to: string } => {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
};

/** Art. 128: the shop's accounts of a month are due within the first five calendar days of the next. */
export const shopAccountsDue = (month: string): string => addDays(monthBounds(month).to, 5);

export const monthsOfYear = (year: number): string[] => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** Shop sales reach the shop account under these ledger kinds (the spending capability's purchases). */
export const SALE_KINDS = ['purchase', 'shop_sale', 'shop_purchase'] as const;
export const SHOP_CAJA_SHARE_KIND = 'shop_caja_share';
