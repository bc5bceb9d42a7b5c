import { REGIONALS } from '@eron/shared';
import type { LegalStatus } from '@eron/shared';

/**
 * The demo country, the same on every run (stable codes, documents and keys make the seed
 * idempotent): 132 establishments in INPEC's six regions and N PPL spread over them by sex, legal
 * status and security level in about the proportions INPEC publishes (≈ 7 % women, ≈ 75 %
 * sentenced).
 */
export const ESTABLISHMENTS = 132;
export const VIVIF_DEVICES = 498;

const CITIES: Record<(typeof REGIONALS)[number], string[]> = {
  central: [
    'Bogotá',
    'Ibagué',
    'Neiva',
    'Girardot',
    'Zipaquirá',
    'Florencia',
    'Villavicencio',
    'Acacías',
    'Fusagasugá',
    'Leticia',
    'Espinal',
  ],
  occidente: ['Cali', 'Popayán', 'Pasto', 'Tuluá', 'Buga', 'Palmira', 'Buenaventura', 'Ipiales', 'Cartago', 'Tumaco', 'Jamundí'],
  norte: ['Barranquilla', 'Cartagena', 'Santa Marta', 'Valledupar', 'Montería', 'Sincelejo', 'Riohacha', 'Magangué', 'Ciénaga', 'Sahagún'],
  oriente: ['Bucaramanga', 'Cúcuta', 'Girón', 'Barrancabermeja', 'Ocaña', 'Pamplona', 'San Gil', 'Socorro', 'Vélez', 'Málaga', 'Arauca'],
  noroeste: [
    'Medellín',
    'Itagüí',
    'Bellavista',
    'Apartadó',
    'Quibdó',
    'Puerto Triunfo',
    'Yarumal',
    'Santa Rosa de Osos',
    'La Ceja',
    'Andes',
  ],
  viejo_caldas: ['Manizales', 'Pereira', 'Armenia', 'La Dorada', 'Calarcá', 'Anserma', 'Santa Rosa de Cabal', 'Salamina', 'Riosucio'],
};

export interface EstablishmentPlan {
  code: string;
  name: string;
  regional: (typeof REGIONALS)[number];
  type: 'penitenciaria' | 'carcel_detencion_preventiva' | 'mujeres';
  securityCategory: 'alta' | 'media' | 'minima';
  women: boolean;
}

/** Codes 101 … 232; one in twelve a women's prison (Art. 22), the regions taking turns. */
const ALL: EstablishmentPlan[] = Array.from({ length: ESTABLISHMENTS }, (_, i) => {
  const regional = REGIONALS[i % REGIONALS.length]!;
  const cities = CITIES[regional];
  const city = cities[Math.floor(i / REGIONALS.length) % cities.length]!;
  const women = i % 12 === 5;
  const type = women ? 'mujeres' : i % 3 === 0 ? 'carcel_detencion_preventiva' : 'penitenciaria';
  const prefix = women ? 'RM' : type === 'penitenciaria' ? 'EPMSC' : 'EPC';
  const round = Math.floor(i / (REGIONALS.length * cities.length));
  return {
    code: String(101 + i),
    name: `${prefix} ${city}${round > 0 ? ` ${round + 1}` : ''}`,
    regional,
    type,
    securityCategory: i % 10 === 0 ? 'alta' : i % 4 === 0 ? 'minima' : 'media',
    women,
  };
});

/**
 * The first `n` establishments (all 132 unless a test asks for a smaller country), and how to find
 * one by code.
 */
export interface Country {
  establishments: EstablishmentPlan[];
  byCode: Map<string, EstablishmentPlan>;
  women: EstablishmentPlan[];
  mixed: EstablishmentPlan[];
}
export function countryOf(n = ESTABLISHMENTS): Country {
  const establishments = ALL.slice(0, Math.max(6, Math.min(n, ESTABLISHMENTS)));
  return {
    establishments,
    byCode: new Map(establishments.map((e) => [e.code, e])),
    women: establishments.filter((e) => e.women),
    mixed: establishments.filter((e) => !e.women),
  };
}

export interface PersonPlan {
  index: number;
  eron: string;
  sex: 'M' | 'F';
  legalStatus: LegalStatus;
  /** The CET's level for the sentenced (CLS-22): 2 … 5; null for the others. */
  securityLevel: number | null;
  document: string;
  names: string;
  surnames: string;
  birthDate: string;
}

const GIVEN_M = ['Juan', 'Carlos', 'Andrés', 'Luis', 'Jorge', 'Diego', 'Jhon', 'Óscar', 'Wilson', 'Édgar', 'Fabián', 'Camilo'];
const GIVEN_F = ['María', 'Luz', 'Ana', 'Diana', 'Paola', 'Sandra', 'Yuliana', 'Marcela', 'Ángela', 'Claudia'];
const SURNAMES = [
  'Gómez',
  'Rodríguez',
  'Martínez',
  'López',
  'García',
  'Hernández',
  'Pérez',
  'Ramírez',
  'Torres',
  'Moreno',
  'Rojas',
  'Díaz',
];

/** A cheap stable hash of the index, so the spread looks random but is the same every run. */
const mix = (i: number, salt: number): number => {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ salt;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 0x100000000;
};

export function person(index: number, country: Country): PersonPlan {
  const sex = mix(index, 1) < 0.07 ? 'F' : 'M';
  const r = mix(index, 2);
  const legalStatus: LegalStatus = r < 0.75 ? 'condenado' : r < 0.87 ? 'sindicado' : r < 0.95 ? 'imputado' : 'acusado';
  const pool = sex === 'F' && mix(index, 3) < 0.6 && country.women.length > 0 ? country.women : country.mixed;
  const eron = pool[Math.floor(mix(index, 4) * pool.length)]!.code;
  const given = sex === 'F' ? GIVEN_F : GIVEN_M;
  const year = 1960 + Math.floor(mix(index, 5) * 45);
  return {
    index,
    eron,
    sex,
    legalStatus,
    securityLevel: legalStatus === 'condenado' ? 2 + Math.floor(mix(index, 6) * 4) : null,
    document: String(1_090_000_000 + index),
    names: `${given[index % given.length]} ${given[(index * 7 + 3) % given.length]}`,
    surnames: `${SURNAMES[index % SURNAMES.length]} ${SURNAMES[(index * 5 + 1) % SURNAMES.length]}`,
    birthDate: `${year}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
  };
}

/** Deterministic choices for a person's extras (depositors, visitors, a case…): true in about `share` of them. */
export const chosen = (index: number, what: number, share: number): boolean => mix(index, 100 + what) < share;
export const pick = (index: number, what: number, n: number): number => Math.floor(mix(index, 200 + what) * n);

/** The units an establishment has: a women's prison holds women only; a mixed one has a women's unit. */
export interface UnitPlan {
  name: string;
  sexes: ('M' | 'F')[];
  legal: 'pre_trial' | 'sentenced';
}
export const unitsOf = (e: EstablishmentPlan): UnitPlan[] =>
  e.women
    ? [
        { name: 'Pabellón 1', sexes: ['F'], legal: 'pre_trial' },
        { name: 'Pabellón 2', sexes: ['F'], legal: 'sentenced' },
      ]
    : [
        { name: 'Patio 1', sexes: ['M'], legal: 'pre_trial' },
        { name: 'Patio 2', sexes: ['M'], legal: 'sentenced' },
        { name: 'Patio 3', sexes: ['M'], legal: 'sentenced' },
        { name: 'Pabellón de mujeres', sexes: ['F'], legal: 'pre_trial' },
        { name: 'Pabellón de mujeres condenadas', sexes: ['F'], legal: 'sentenced' },
      ];

/** The unit a person goes to, by sex and legal situation. */
export function unitFor(e: EstablishmentPlan, p: PersonPlan): UnitPlan {
  const legal = p.legalStatus === 'condenado' ? 'sentenced' : 'pre_trial';
  const fits = unitsOf(e).filter((u) => u.sexes.includes(p.sex) && u.legal === legal);
  return fits[p.index % fits.length]!;
}
