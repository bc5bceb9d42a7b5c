import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';

/** DIS-13 (Art. 137): the four conduct ratings. */
export const ConductRating = Type.Union([Type.Literal('ejemplar'), Type.Literal('buena'), Type.Literal('regular'), Type.Literal('mala')], {
  description: 'Calificación de conducta (Art. 137)',
});
export type ConductRating = Static<typeof ConductRating>;

export const Quarter = Type.String({ pattern: '^[0-9]{4}-Q[1-4]$', description: 'Trimestre calendario (AAAA-Qn)', examples: ['2026-Q3'] });
export type Quarter = Static<typeof Quarter>;

/** The proposal job of an establishment's quarter and how far it got (Location of the 202). */
export const ConductRun = Type.Object(
  {
    id: Uuid,
    eron: EronCode,
    quarter: Quarter,
    status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
    total: Type.Integer({ minimum: 0, description: 'PPL a calificar (recluidas y en detención domiciliaria)' }),
    done: Type.Integer({ minimum: 0, description: 'PPL ya calificadas' }),
    createdAt: Timestamp,
    finishedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { description: 'Trabajo de propuesta de calificaciones del trimestre, con su avance (DIS-13)' },
);
export type ConductRun = Static<typeof ConductRun>;

export const ConductRatingView = Type.Object(
  {
    nui: Nui,
    quarter: Quarter,
    eron: EronCode,
    proposed: ConductRating,
    basis: Type.String({ description: 'Fundamento de la propuesta' }),
    graves: Type.Integer({ minimum: 0 }),
    leves: Type.Integer({ minimum: 0 }),
    carriesMala: Type.Boolean({ description: 'Una leve en un trimestre ya malo: la mala se traslada al siguiente' }),
    rating: Type.Union([ConductRating, Type.Null()], { description: 'Calificación definitiva, una vez decidida por el Consejo' }),
    status: Type.Union([Type.Literal('proposed'), Type.Literal('approved'), Type.Literal('amended')]),
    reasons: Type.Union([Type.String(), Type.Null()]),
    session: Type.Union([Type.String(), Type.Null()], { description: 'Sesión (acta) del Consejo que decidió' }),
  },
  { description: 'Calificación trimestral de una PPL: propuesta y decisión (DIS-13)' },
);
export type ConductRatingView = Static<typeof ConductRatingView>;

export const ConductRatingList = Type.Object({ items: Type.Array(ConductRatingView) });
export type ConductRatingList = Static<typeof ConductRatingList>;

/** The Council's decisions in one session: a rating equal to the proposal approves it, another amends it with reasons. */
export const ConductDecisions = Type.Object(
  {
    session: Text(80, 'Referencia de la sesión del Consejo (número de acta)'),
    decisions: Type.Array(
      Type.Object(
        {
          nui: Nui,
          rating: ConductRating,
          reasons: Type.Optional(Text(2000, 'Motivación, obligatoria si se modifica la propuesta')),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);
export type ConductDecisions = Static<typeof ConductDecisions>;

/** DIS-14, DIS-15: what was reported to the supervising judge, and whether it left for the notifier. */
export const JudgeReport = Type.Object({
  id: Uuid,
  subject: Type.Union([Type.Literal('sanction'), Type.Literal('incentive'), Type.Literal('repeat_offender')]),
  referenceId: Uuid,
  recipient: Type.String({ description: 'judge, o justicia_y_paz_tribunal' }),
  delivery: Type.Union([Type.Literal('pending'), Type.Literal('sent')], {
    description: 'pending: en la bandeja de salida; sent: entregada al notificador, que reintenta el envío',
  }),
  createdAt: Timestamp,
  sentAt: Type.Union([Timestamp, Type.Null()]),
});
export type JudgeReport = Static<typeof JudgeReport>;
export const JudgeReportList = Type.Object({ items: Type.Array(JudgeReport) });
export type JudgeReportList = Static<typeof JudgeReportList>;

/** DIS-17: a conduct certificate (Art. 136.6) or an opinion for the judge on a benefit (Art. 136.8). */
export const CertificateKind = Type.Union([Type.Literal('certificate'), Type.Literal('opinion')]);
export const CertificateRequest = Type.Object(
  {
    kind: CertificateKind,
    purpose: Type.Optional(Text(300, 'Para qué se expide (el beneficio que el juez estudia, en un concepto)')),
  },
  { additionalProperties: false },
);
export type CertificateRequest = Static<typeof CertificateRequest>;

export const CertificateIssued = Type.Object({
  code: Type.String({ description: 'Código de verificación' }),
  kind: CertificateKind,
  nui: Nui,
  eron: EronCode,
  issuedAt: Timestamp,
  verifyAt: Type.String({ description: 'Ruta pública de verificación' }),
});
export type CertificateIssued = Static<typeof CertificateIssued>;

/** What anyone checking a code learns: validity, kind, date and issuing establishment — nothing about the person. */
export const CertificateCheck = Type.Object(
  {
    valid: Type.Boolean(),
    kind: CertificateKind,
    issuedOn: LocalDate,
    establishment: Type.Object({ code: EronCode, name: Type.String() }),
  },
  { additionalProperties: false },
);
export type CertificateCheck = Static<typeof CertificateCheck>;

export const CertificateCode = Type.String({ pattern: '^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$', description: 'Código de verificación' });
