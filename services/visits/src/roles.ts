/** Who may do what in visits (PLT-03): every route's roles come from here. */

/** The staff who work with visits and read the visits side's directory of PPL and units. */
export const VISITS_STAFF = [
  'dg',
  'regional_director',
  'director',
  'deputy_director',
  'visits_officer',
  'gate_officer',
  'guard_commander',
  'social_worker',
  'legal',
  'auditor',
] as const;

/** The establishment sets its regime and each unit's session (VIS-01, VIS-03, Art. 65). */
export const REGIME_SETTERS = ['director', 'deputy_director'] as const;
/** A change of regime takes effect once the DG approves it (VIS-01, Art. 8). */
export const REGIME_APPROVERS = ['dg'] as const;

/** The visits office registers visitors and keeps each PPL's authorised list (VIS-05, VIS-06). */
export const VISITOR_KEEPERS = ['visits_officer', 'director', 'deputy_director', 'social_worker'] as const;
/** Who may see a visitor's identity (PLT-06): the visits office and the gate that checks it (VIS-19); every read audited. */
export const IDENTITY_READERS = ['visits_officer', 'gate_officer', 'director', 'deputy_director'] as const;
/** The machine client that reads a visitor's contact when it delivers a notice (VIS-10, PLT-06): our notifier, HMAC-signed. */
export const CONTACT_READERS = ['notifier'] as const;
/** Bans with reason and term (VIS-05). */
export const BANNERS = ['director', 'deputy_director', 'guard_commander'] as const;
/** The Fiscalía's authorisation for visits to a PPL held for extradition (VIS-07). */
export const EXTRADITION_RECORDERS = ['legal', 'director', 'visits_officer'] as const;
/** The visits office takes and cancels bookings (VIS-08 … VIS-10). */
export const BOOKERS = ['visits_officer', 'director', 'deputy_director'] as const;

// Intimate visits (VIS-11 … VIS-13): confidential (Art. 72 §) — only the roles that handle them.
/** The visits office, social work and the legal area receive the PPL's written request. */
export const INTIMATE_FILERS = ['visits_officer', 'social_worker', 'legal'] as const;
/** The Director answers (Art. 71). */
export const INTIMATE_DECIDERS = ['director', 'deputy_director'] as const;
/** Who reads a whole request, visitor and partner included (audited), and the monthly minimum. */
export const INTIMATE_READERS = ['director', 'deputy_director', 'visits_officer', 'social_worker'] as const;
/** Lists carry status and dates only: also the regional director and the auditor, who watch the deadline. */
export const INTIMATE_LISTERS = [...INTIMATE_READERS, 'regional_director', 'auditor'] as const;
export const INTIMATE_VISIT_GIVERS = ['visits_officer', 'director', 'deputy_director'] as const;

// Lawyers (VIS-14)
export const LAWYER_REGISTRARS = ['visits_officer', 'gate_officer', 'legal'] as const;
/** The PPL's written authorisation is received by the visits office or the legal area. */
export const LAWYER_AUTHORISERS = ['visits_officer', 'legal'] as const;
export const LAWYER_BOOKERS = ['visits_officer', 'legal'] as const;
export const LAWYER_GATE = ['gate_officer', 'guard_commander'] as const;
export const LAWYER_VISIT_READERS = [
  'visits_officer',
  'legal',
  'gate_officer',
  'guard_commander',
  'director',
  'deputy_director',
  'auditor',
] as const;
/** Whoever might try to attach monitoring — every attempt is refused (Art. 61). */
export const MONITORS = ['info_systems', 'investigator', 'guard_commander', 'director', 'deputy_director'] as const;

// Official visits (VIS-15)
export const OFFICIAL_RECORDERS = ['gate_officer', 'visits_officer', 'guard_commander', 'director', 'deputy_director'] as const;
/** Custody records the place a night inspection could not enter (Art. 75 §). */
export const NIGHT_INSPECTION_RECORDERS = ['guard_commander', 'gate_officer', 'director', 'deputy_director'] as const;
export const OFFICIAL_READERS = [...OFFICIAL_RECORDERS, 'regional_director', 'dg', 'auditor'] as const;
/** VIVIF (VIS-16): the establishment registers its video equipment, its VIVIF hours and generates the slots. */
export const VIVIF_SETTERS = ['director', 'deputy_director', 'info_systems'] as const;
/** VIVIF slots are blocked for virtual court hearings and control-body proceedings (VIS-16, Art. 73). */
export const VIVIF_BLOCKERS = ['director', 'deputy_director', 'legal', 'visits_officer'] as const;
/** The visits office books VIVIF sessions for families and rebooks failed ones (VIS-16, VIS-17). */
export const VIVIF_BOOKERS = ['visits_officer'] as const;
/** Who reads VIVIF calendars, bookings and statistics (VIS-16, VIS-18). */
export const VIVIF_READERS = [...VISITS_STAFF, 'info_systems'] as const;
/** Only the information-systems office authorises monitoring of VIVIF sessions (VIS-18, Art. 60). */
export const VIVIF_MONITORING_AUTHORISERS = ['info_systems'] as const;
/** Staff who may watch a session — each only under an authorisation in force (VIS-18). */
export const VIVIF_MONITORS = ['guard_commander', 'visits_officer', 'info_systems', 'director'] as const;
/** The video provider reports sessions by signed webhook (VIS-17, PLT-03). */
export const VIDEO_PROVIDERS = ['video_provider'] as const;
// The gate (VIS-19, VIS-20)
/** The guard at the gate checks visitors in and out against tokens and sees who is inside. */
export const GATE_OFFICERS = ['gate_officer', 'guard_commander'] as const;
/** A visit is suspended at once by the guard commander or the directors (Art. 85). */
export const VISIT_SUSPENDERS = ['guard_commander', 'director', 'deputy_director'] as const;
/** The day's incident report to the regional director (Art. 68 §1): sent by the establishment, read by the region. */
export const INCIDENT_REPORTERS = ['director', 'deputy_director', 'guard_commander'] as const;
export const INCIDENT_READERS = [...INCIDENT_REPORTERS, 'regional_director', 'auditor'] as const;
/** A trans or intersex PPL's chosen visit day (VIS-04): recorded and read by the visits office and social work only (PLT-06). */
export const CHOSEN_DAY_KEEPERS = ['visits_officer', 'social_worker', 'director', 'deputy_director'] as const;
