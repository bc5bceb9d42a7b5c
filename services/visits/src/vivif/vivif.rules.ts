import { conflict, notFound, ruleBroken, ProblemError, type Bilingual, type VivifHours, type VivifStatus } from '@eron/shared';

/** Colombia keeps one offset all year (no daylight saving). */
const BOGOTA = '-05:00';
const DAY_MS = 86_400_000;
/** At most this many days of slots in one generation. */
export const MAX_GENERATION_DAYS = 92;

export interface SlotTime {
  startsAt: string;
  endsAt: string;
}

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const clockOf = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The VIVIF hours must open before they close and hold at least one slot (VIS-16). */
export function checkHours(h: VivifHours): void {
  if (minutesOf(h.closes) - minutesOf(h.opens) < h.slotMinutes) {
    throw ruleBroken('VIS-16', 'Art. 73', {
      es: `El horario VIVIF ${h.opens}–${h.closes} no alcanza para una franja de ${h.slotMinutes} minutos`,
      en: `VIVIF hours ${h.opens}–${h.closes} do not hold one ${h.slotMinutes}-minute slot`,
    });
  }
}

/**
 * The slots of set length of each day in [from, to] whose weekday has VIVIF hours, in Bogotá time
 * (VIS-16). Pure: the same for every device; the repository writes one row per device and slot.
 */
export function slotTimes(h: VivifHours, from: string, to: string): SlotTime[] {
  const first = Date.parse(`${from}T00:00:00Z`);
  const last = Date.parse(`${to}T00:00:00Z`);
  if (!(last >= first) || (last - first) / DAY_MS >= MAX_GENERATION_DAYS) {
    throw ruleBroken('VIS-16', 'Art. 73', {
      es: `Se generan franjas de 1 a ${MAX_GENERATION_DAYS} días, con "from" no posterior a "to"`,
      en: `Slots are generated for 1 to ${MAX_GENERATION_DAYS} days, "from" not after "to"`,
    });
  }
  const out: SlotTime[] = [];
  for (let day = first; day <= last; day += DAY_MS) {
    const date = new Date(day);
    if (!h.weekdays.includes(date.getUTCDay())) continue;
    const iso = date.toISOString().slice(0, 10);
    for (let m = minutesOf(h.opens); m + h.slotMinutes <= minutesOf(h.closes); m += h.slotMinutes) {
      const at = (x: number) => new Date(`${iso}T${clockOf(x)}:00${BOGOTA}`).toISOString();
      out.push({ startsAt: at(m), endsAt: at(m + h.slotMinutes) });
    }
  }
  return out;
}

/** Bogotá's day [00:00, 24:00) of a local date, as instants. */
export const bogotaDay = (date: string): SlotTime => ({
  startsAt: new Date(`${date}T00:00:00${BOGOTA}`).toISOString(),
  endsAt: new Date(Date.parse(`${date}T00:00:00${BOGOTA}`) + DAY_MS).toISOString(),
});

const vis16 = (detail: Bilingual, status = 422) => ruleBroken('VIS-16', 'Art. 73', detail, { status });

export const noHours = (eron: string): ProblemError =>
  vis16({ es: `El ERON ${eron} no ha registrado su horario VIVIF`, en: `ERON ${eron} has not registered its VIVIF hours` });
export const noDevices = (eron: string): ProblemError =>
  vis16({ es: `El ERON ${eron} no ha registrado equipos VIVIF`, en: `ERON ${eron} has registered no VIVIF equipment` });
export const unknownSlot = (id: string): ProblemError => notFound({ es: `No existe la franja VIVIF ${id}`, en: `No VIVIF slot ${id}` });
export const unknownBooking = (id: string): ProblemError =>
  notFound({ es: `No existe la reserva VIVIF ${id}`, en: `No VIVIF booking ${id}` });
export const pplNotHeld = (nui: string, eron: string): ProblemError =>
  ruleBroken('VIS-08', 'Art. 73', {
    es: `La PPL ${nui} no está recluida en el ERON ${eron}`,
    en: `PPL ${nui} is not held at ERON ${eron}`,
  });
export const slotBlocked = (purpose: string): ProblemError =>
  vis16({
    es: `La franja está bloqueada para ${purpose === 'court_hearing' ? 'una audiencia judicial' : 'una diligencia de un organismo de control'}`,
    en: `The slot is blocked for ${purpose === 'court_hearing' ? 'a court hearing' : 'a control-body proceeding'}`,
  });
export const slotPast = (): ProblemError => vis16({ es: 'La franja ya empezó o pasó', en: 'The slot has already started or passed' });
/** Postgres refused the booking: the slot, the device or the PPL is already booked at that time. */
export const doubleBooked = (what: 'slot' | 'device' | 'ppl'): ProblemError =>
  conflict(
    'vivif-double-booked',
    {
      slot: { es: 'La franja ya está reservada', en: 'The slot is already booked' },
      device: { es: 'El equipo ya está reservado a esa hora', en: 'The device is already booked at that time' },
      ppl: { es: 'La PPL ya tiene una visita VIVIF a esa hora', en: 'The PPL already has a VIVIF visit at that time' },
    }[what],
    'VIS-16',
    'Art. 73',
  );
export const deviceNameTaken = (eron: string, name: string): ProblemError =>
  conflict(
    'vivif-device-exists',
    { es: `El ERON ${eron} ya tiene un equipo VIVIF llamado «${name}»`, en: `ERON ${eron} already has a VIVIF device named “${name}”` },
    'VIS-16',
    'Art. 73',
  );
export const slotTaken = (): ProblemError =>
  conflict(
    'vivif-slot-booked',
    { es: 'La franja tiene una reserva: no se puede bloquear', en: 'The slot is booked: it cannot be blocked' },
    'VIS-16',
    'Art. 73',
  );

/** Which of the three exclusion constraints refused the row. */
export function doubleBookedBy(constraint: string | undefined): ProblemError | undefined {
  if (constraint === 'vivif_bookings_slot_once') return doubleBooked('slot');
  if (constraint === 'vivif_bookings_device_once') return doubleBooked('device');
  if (constraint === 'vivif_bookings_ppl_once') return doubleBooked('ppl');
  return undefined;
}

/** What a provider's report does to a booking (VIS-17); anything else is a 409 naming the rule. */
const NEXT: Record<'started' | 'ended' | 'no_show' | 'failed', readonly VivifStatus[]> = {
  started: ['booked', 'started'],
  ended: ['started', 'booked', 'completed'],
  no_show: ['booked', 'no_show'],
  failed: ['booked', 'started', 'failed'],
};
export function checkTransition(from: VivifStatus, event: keyof typeof NEXT): void {
  if (!NEXT[event].includes(from)) {
    throw conflict(
      'vivif-session-state',
      { es: `Una sesión en estado ${from} no admite el evento ${event}`, en: `A session in state ${from} cannot take the event ${event}` },
      'VIS-17',
      'Art. 73',
    );
  }
}

/** Only a failed session can be rebooked, and only once (VIS-17). */
export function checkRebook(status: VivifStatus, alreadyRebooked: boolean): void {
  if (status !== 'failed' || alreadyRebooked) {
    throw ruleBroken('VIS-17', 'Art. 73', {
      es: alreadyRebooked ? 'Esta sesión fallida ya fue reprogramada' : 'Solo una sesión con falla técnica se reprograma con prioridad',
      en: alreadyRebooked ? 'This failed session was already rebooked' : 'Only a session with a technical failure is rebooked first',
    });
  }
}

export const noFreeSlot = (eron: string): ProblemError =>
  ruleBroken('VIS-17', 'Art. 73', { es: `No hay franjas VIVIF libres en el ERON ${eron}`, en: `No free VIVIF slot at ERON ${eron}` });

/** VIS-18 (Art. 60): monitoring only with an authorisation of information systems in force. */
export const monitoringNotAuthorised = (): ProblemError =>
  ruleBroken(
    'VIS-18',
    'Art. 60',
    {
      es: 'El monitoreo de sesiones VIVIF requiere autorización vigente de la oficina de sistemas de información',
      en: 'Monitoring VIVIF sessions needs an authorisation in force from the information-systems office',
    },
    { status: 403, code: 'vivif-monitoring-not-authorised' },
  );

export const providerFailed = (reason: string): ProblemError =>
  new ProblemError({
    status: 502,
    code: 'vivif-provider-failed',
    title: 'Video provider failed',
    detail: { es: `El proveedor de video no creó la sesión: ${reason}`, en: `The video provider did not create the session: ${reason}` },
    rule: 'VIS-17',
  });
