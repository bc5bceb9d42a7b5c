import type { AdmissionRequest } from '@eron/shared';

let seq = 0;

/** A valid admission with a complete order (Art. 27); override what a test is about. */
export function admissionRequest(overrides: Partial<AdmissionRequest> = {}): AdmissionRequest {
  seq += 1;
  const cc = String(1_020_300_000 + seq * 7 + Math.floor(Math.random() * 1000));
  return {
    eron: '113',
    person: {
      names: 'Juan Carlos',
      surnames: 'Pérez Gómez',
      document: { type: 'CC', number: cc },
      sex: 'M',
      birthDate: '1990-04-12',
      nationality: 'CO',
    },
    legalStatus: 'sindicado',
    order: {
      names: 'Juan Carlos',
      surnames: 'Pérez Gómez',
      idNumber: cc,
      offence: 'Hurto calificado y agravado',
      authorityName: 'María Fernanda Rojas',
      authorityPosition: 'Juez 12 Penal Municipal con Función de Control de Garantías',
      authoritySigned: true,
      captureDate: '2026-11-20',
      issueDate: '2026-11-21',
      orderNumber: 'OD-2026-4471',
      courtCategory: 'Juzgado Penal Municipal',
    },
    identification: { fingerprints: 'afis://113/2026/4471', photo: 'photo://113/2026/4471' },
    ...overrides,
  };
}
