import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';

/** VIVIF — virtual family visits (VIS-16 … VIS-18, Art. 73 and Art. 60). */

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Hora local de Colombia, HH:MM' });

export const VivifDeviceRequest = Type.Object({ name: Text(80, 'Nombre del equipo de videollamada') }, { additionalProperties: false });
export type VivifDeviceRequest = Static<typeof VivifDeviceRequest>;

export const VivifDevice = Type.Object(
  { id: Uuid, eron: EronCode, name: Type.String() },
  { description: 'Equipo VIVIF: un recurso con su propio calendario' },
);
export type VivifDevice = Static<typeof VivifDevice>;
export const VivifDeviceList = Type.Object({ devices: Type.Array(VivifDevice) });
export type VivifDeviceList = Static<typeof VivifDeviceList>;

export const VivifHours = Type.Object(
  {
    weekdays: Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), {
      minItems: 1,
      maxItems: 7,
      uniqueItems: true,
      description: 'Días de la semana con VIVIF (0 = domingo … 6 = sábado)',
    }),
    opens: Clock,
    closes: Clock,
    slotMinutes: Type.Integer({ minimum: 10, maximum: 240, description: 'Duración de cada franja' }),
  },
  { additionalProperties: false, description: 'Horario VIVIF del establecimiento (VIS-16)' },
);
export type VivifHours = Static<typeof VivifHours>;

export const VivifSlotGeneration = Type.Object({ from: LocalDate, to: LocalDate }, { additionalProperties: false });
export type VivifSlotGeneration = Static<typeof VivifSlotGeneration>;
export const VivifSlotGenerated = Type.Object({ created: Type.Integer({ minimum: 0 }) });

export const VivifBlockPurpose = Type.Union([Type.Literal('court_hearing'), Type.Literal('control_body')], {
  description: 'Audiencia judicial virtual o diligencia de un organismo de control (Art. 73)',
});
export type VivifBlockPurpose = Static<typeof VivifBlockPurpose>;

export const VivifSlot = Type.Object({
  id: Uuid,
  eron: EronCode,
  deviceId: Uuid,
  startsAt: Timestamp,
  endsAt: Timestamp,
  blockedFor: Type.Union([VivifBlockPurpose, Type.Null()]),
  free: Type.Boolean({ description: 'Ni bloqueada ni reservada' }),
});
export type VivifSlot = Static<typeof VivifSlot>;
export const VivifSlotList = Type.Object({ slots: Type.Array(VivifSlot) });
export type VivifSlotList = Static<typeof VivifSlotList>;
export const VivifSlotQuery = Type.Object(
  {
    date: LocalDate,
    free: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'true: solo las libres' })),
  },
  { additionalProperties: false },
);

export const VivifBlockRequest = Type.Object(
  { purpose: VivifBlockPurpose, reference: Text(120, 'Radicado de la audiencia o diligencia') },
  { additionalProperties: false },
);
export type VivifBlockRequest = Static<typeof VivifBlockRequest>;

export const VivifBookingRequest = Type.Object(
  { slotId: Uuid, nui: Nui, familyName: Text(120, 'Nombre de quien visita por video') },
  { additionalProperties: false },
);
export type VivifBookingRequest = Static<typeof VivifBookingRequest>;

export const VivifRebookRequest = Type.Object(
  { slotId: Type.Optional(Uuid) },
  { additionalProperties: false, description: 'Sin franja: la primera libre del establecimiento' },
);
export type VivifRebookRequest = Static<typeof VivifRebookRequest>;

export const VivifStatus = Type.Union([
  Type.Literal('booked'),
  Type.Literal('started'),
  Type.Literal('completed'),
  Type.Literal('no_show'),
  Type.Literal('failed'),
  Type.Literal('cancelled'),
]);
export type VivifStatus = Static<typeof VivifStatus>;

export const VivifSessionEventKind = Type.Union([
  Type.Literal('started'),
  Type.Literal('ended'),
  Type.Literal('no_show'),
  Type.Literal('failed'),
]);

export const VivifParticipant = Type.Union([Type.Literal('family'), Type.Literal('establishment')]);
export const VivifLink = Type.Object({ participant: VivifParticipant, url: Type.String() });
export type VivifLink = Static<typeof VivifLink>;

export const VivifBooking = Type.Object({
  id: Uuid,
  eron: EronCode,
  slotId: Uuid,
  deviceId: Uuid,
  nui: Nui,
  startsAt: Timestamp,
  endsAt: Timestamp,
  status: VivifStatus,
  provider: Type.String(),
  room: Type.String(),
  links: Type.Array(VivifLink, { description: 'Enlace de ingreso por participante (token firmado)' }),
  startedAt: Type.Union([Timestamp, Type.Null()]),
  endedAt: Type.Union([Timestamp, Type.Null()]),
  durationSeconds: Type.Union([Type.Integer(), Type.Null()]),
  failureReason: Type.Union([Type.String(), Type.Null()]),
  rebookOf: Type.Union([Uuid, Type.Null()]),
});
export type VivifBooking = Static<typeof VivifBooking>;

/** What the provider reports about a session (VIS-17), HMAC-signed (PLT-03). */
export const VivifSessionEvent = Type.Object(
  {
    bookingId: Uuid,
    event: VivifSessionEventKind,
    at: Timestamp,
    durationSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
    reason: Type.Optional(Text(300)),
  },
  { additionalProperties: false },
);
export type VivifSessionEvent = Static<typeof VivifSessionEvent>;

export const VivifMonitoringRequest = Type.Object(
  { monitor: Text(120, 'Sujeto (usuario) autorizado a monitorear'), validUntil: Timestamp, reason: Text(300) },
  { additionalProperties: false },
);
export type VivifMonitoringRequest = Static<typeof VivifMonitoringRequest>;
export const VivifMonitoring = Type.Object({
  id: Uuid,
  eron: EronCode,
  monitor: Type.String(),
  validUntil: Timestamp,
  reason: Type.String(),
});
export type VivifMonitoring = Static<typeof VivifMonitoring>;
export const VivifMonitorLink = Type.Object({ bookingId: Uuid, url: Type.String(), authorisationId: Uuid });
export type VivifMonitorLink = Static<typeof VivifMonitorLink>;

export const VivifStatisticsQuery = Type.Object(
  { year: Type.String({ pattern: '^20[1-9][0-9]$', description: 'Año calendario (AAAA, desde 2019)' }), eron: Type.Optional(EronCode) },
  { additionalProperties: false },
);
export const VivifEstablishmentFigures = Type.Object({
  eron: EronCode,
  devices: Type.Integer({ minimum: 0 }),
  booked: Type.Integer({ minimum: 0 }),
  completed: Type.Integer({ minimum: 0 }),
  noShow: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 }),
  minutes: Type.Integer({ minimum: 0, description: 'Minutos de sesiones terminadas según el proveedor' }),
});
export const VivifStatistics = Type.Object({
  year: Type.Integer(),
  establishments: Type.Array(VivifEstablishmentFigures),
  national: Type.Object(
    {
      completed: Type.Integer({ minimum: 0, description: 'Sesiones terminadas registradas en ERON' }),
      historicalSessions: Type.Union([Type.Integer(), Type.Null()], { description: 'Cifra nacional histórica cargada (2019–2021)' }),
      historicalDevices: Type.Union([Type.Integer(), Type.Null()], { description: 'Equipos a nivel nacional (2022: 498)' }),
    },
    { description: 'Cifras nacionales' },
  ),
});
export type VivifStatistics = Static<typeof VivifStatistics>;
