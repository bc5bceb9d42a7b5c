import { Type, type Static } from '@sinclair/typebox';

/** NUI — número único (Art. 62): the national number of a PPL, never reused. */
export const Nui = Type.String({
  pattern: '^[0-9]{6,10}$',
  description: 'NUI (número único, Art. 62): número nacional de la PPL, nunca se reutiliza',
  examples: ['1000001'],
});
export type Nui = Static<typeof Nui>;

/** Establishment code (ERON), the three-digit INPEC code. */
export const EronCode = Type.String({
  pattern: '^[0-9]{3}$',
  description: 'Código del establecimiento (ERON) asignado por el INPEC',
  examples: ['113'],
});
export type EronCode = Static<typeof EronCode>;

/** Money: whole Colombian pesos, strictly positive (FOL-02). */
export const Money = Type.Integer({
  minimum: 1,
  maximum: 1_000_000_000_000,
  description: 'Pesos colombianos enteros (COP), mayores que cero',
  examples: [50000],
});
export type Money = Static<typeof Money>;

/** A balance or total: whole pesos, may be zero. */
export const Amount = Type.Integer({ minimum: 0, description: 'Pesos colombianos enteros (COP)' });
export type Amount = Static<typeof Amount>;

/** A calendar date in America/Bogota (PLT-09). */
export const LocalDate = Type.String({
  format: 'date',
  description: 'Fecha calendario en America/Bogota (AAAA-MM-DD)',
  examples: ['2026-11-25'],
});
export type LocalDate = Static<typeof LocalDate>;

export const Timestamp = Type.String({ format: 'date-time', description: 'Instante (ISO 8601)' });
export type Timestamp = Static<typeof Timestamp>;

export const Uuid = Type.String({ format: 'uuid' });
export type Uuid = Static<typeof Uuid>;

/** A non-empty trimmed text of bounded length. */
export const Text = (maxLength = 200, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', ...(description ? { description } : {}) });
