import { sql, type Kysely, type Migration } from 'kysely';

/**
 * DIS-01: the offences of Ley 65 de 1993 Art. 121 — as enacted, and as amended by Ley 1709 de 2014
 * (in force from its promulgation, 20 January 2014) — as versioned seed data. Frozen here: a later
 * reform is a new version in a new migration, never an edit of these rows.
 */
const VERSIONS = [
  { version: 'ley65-1993', valid_from: '1993-08-19', source: 'Ley 65 de 1993, Art. 121' },
  { version: 'ley1709-2014', valid_from: '2014-01-20', source: 'Ley 65 de 1993, Art. 121, modificado por la Ley 1709 de 2014' },
];

const LEVES: [string, string][] = [
  ['L-01', 'Incumplimiento del horario establecido en el reglamento'],
  ['L-02', 'Descuido en el aseo personal, en el de la celda o en el del establecimiento'],
  ['L-03', 'Negligencia en el trabajo, el estudio o la enseñanza'],
  ['L-04', 'Permanecer en lugares no autorizados del establecimiento'],
  ['L-05', 'Dar un trato irrespetuoso a los compañeros, al personal o a los visitantes'],
  ['L-06', 'Causar daños leves a los elementos de dotación o a las instalaciones'],
  ['L-07', 'Desobedecer las órdenes e instrucciones legítimas del personal de custodia y vigilancia'],
  ['L-08', 'Perturbar la tranquilidad del establecimiento con ruidos o conductas molestas'],
];

const GRAVES_1993: [string, string][] = [
  ['G-01', 'Tenencia o tráfico de objetos prohibidos como armas, licores, estupefacientes o dinero'],
  ['G-02', 'La fuga o la tentativa de fuga'],
  ['G-03', 'La agresión, la amenaza o el insulto grave a funcionarios, compañeros o visitantes'],
  ['G-04', 'El daño grave a las instalaciones o a los bienes del establecimiento'],
  ['G-05', 'La participación en motines, riñas o desórdenes colectivos'],
  ['G-06', 'El consumo de licores o de sustancias estupefacientes o psicotrópicas'],
  ['G-07', 'Los juegos de azar con apuestas'],
  ['G-08', 'El soborno o la tentativa de soborno a funcionarios'],
  ['G-09', 'La extorsión o la presión indebida a otras personas privadas de la libertad'],
  ['G-10', 'La reincidencia en faltas leves'],
];

/** Ley 1709 de 2014 added the possession and use of unauthorised communication devices. */
const GRAVES_2014: [string, string][] = [
  ...GRAVES_1993,
  ['G-11', 'La tenencia o el uso de teléfonos celulares o de otros medios de comunicación no autorizados'],
];

const rows = (version: string, leves: [string, string][], graves: [string, string][]) => [
  ...leves.map(([code, text]) => ({ version, code, severity: 'leve', text })),
  ...graves.map(([code, text]) => ({ version, code, severity: 'grave', text })),
];

/** DIS-01 … DIS-10: the catalogue, cases from report to decision, appeals, and what a sanction's life records. */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('offence_versions')
      .addColumn('version', 'text', (c) => c.primaryKey())
      .addColumn('valid_from', 'date', (c) => c.notNull().unique())
      .addColumn('source', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('offences')
      .addColumn('version', 'text', (c) => c.notNull().references('offence_versions.version'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity IN ('leve', 'grave')`))
      .addColumn('text', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('offences_pk', ['version', 'code'])
      .execute();
    await db.insertInto('offence_versions').values(VERSIONS).execute();
    await db
      .insertInto('offences')
      .values([...rows('ley65-1993', LEVES, GRAVES_1993), ...rows('ley1709-2014', LEVES, GRAVES_2014)])
      .execute();

    await db.schema
      .createTable('appeal_terms')
      .addColumn('eron', 'text', (c) => c.primaryKey())
      .addColumn('business_days', 'integer', (c) => c.notNull().check(sql`business_days BETWEEN 1 AND 30`))
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('cases')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('offence_version', 'text', (c) => c.notNull())
      .addColumn('offence_code', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity IN ('leve', 'grave')`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('reported', 'opened', 'notified', 'heard', 'decided')`))
      .addColumn('fact_date', 'date', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('reporter', 'text', (c) => c.notNull())
      .addColumn('evidence', 'jsonb', (c) => c.notNull())
      .addColumn('reported_by', 'text', (c) => c.notNull())
      .addColumn('reported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('opening', 'jsonb')
      .addColumn('notice', 'jsonb')
      .addColumn('hearing', 'jsonb')
      .addColumn('decision', 'jsonb')
      .addColumn('decided_at', 'timestamptz')
      .addColumn('notified_decision_on', 'date')
      .addColumn('appeal_due_on', 'date')
      .execute();
    await db.schema.createIndex('cases_eron').on('cases').columns(['eron', 'status']).execute();
    await db.schema.createIndex('cases_nui').on('cases').column('nui').execute();

    await db.schema
      .createTable('appeals')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('reposicion', 'apelacion')`))
      .addColumn('authority', 'text', (c) => c.notNull().check(sql`authority IN ('director', 'council_group_one', 'council_group_two')`))
      .addColumn('filed_on', 'date', (c) => c.notNull())
      .addColumn('grounds', 'text', (c) => c.notNull())
      .addColumn('subsidiary', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`status IN ('pending', 'confirmed', 'reversed')`),
      )
      .addColumn('decision', 'jsonb')
      .addColumn('decided_at', 'timestamptz')
      .addColumn('filed_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('appeals_one_per_instance').on('appeals').columns(['case_id', 'kind']).unique().execute();

    // DIS-02: one fact (case) gives at most one sanction per PPL.
    await db.schema.createIndex('sanctions_one_per_case').on('sanctions').columns(['case_id', 'nui']).unique().execute();
    await db.schema
      .alterTable('sanctions')
      .addColumn('suspension', 'jsonb')
      .addColumn('serves_on', 'date')
      .addColumn('revocation', 'jsonb')
      .addColumn('lifted_at', 'timestamptz')
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema
      .alterTable('sanctions')
      .dropColumn('suspension')
      .dropColumn('serves_on')
      .dropColumn('revocation')
      .dropColumn('lifted_at')
      .execute();
    await db.schema.dropIndex('sanctions_one_per_case').execute();
    await db.schema.dropTable('appeals').execute();
    await db.schema.dropTable('cases').execute();
    await db.schema.dropTable('appeal_terms').execute();
    await db.schema.dropTable('offences').execute();
    await db.schema.dropTable('offence_versions').execute();
  },
};
