import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CategoryChange,
  CategoryChangeRequest,
  Cell,
  CellCapacityRequest,
  CellRequest,
  conflict,
  Establishment,
  EstablishmentRequest,
  EstablishmentStructure,
  EronCode,
  notFound,
  Problem,
  STAFF_ROLES,
  Unit,
  UnitRenameRequest,
  UnitRequest,
  Uuid,
} from '@eron/shared';
import { assertActsFor, audit } from '@eron/shared/platform';
import type { Db } from '../db';
import {
  categoryHistory,
  cellsOf,
  cellView,
  changeCategory,
  createCell,
  createEstablishment,
  createUnit,
  establishmentView,
  findEstablishment,
  listEstablishments,
  lockCell,
  lockUnit,
  renameUnit,
  setCapacity,
  structureOf,
  unitView,
} from './structure.repository';
import { assertNationalDg, noEstablishment } from './structure.rules';

/** Everyone on staff may read the structure; only the DG shapes it (CLS-01, CLS-02). */
export const STRUCTURE_READERS = STAFF_ROLES;
/**
 * Who may ask to shape the structure: the DG decides (CLS-01, CLS-02); directors asking get the
 * rule that says so rather than a bare "forbidden".
 */
const SHAPERS = ['dg', 'regional_director', 'director', 'deputy_director'] as const;
/** Cells and their places are the establishment's own (the Director), or the DG's. */
const CELL_KEEPERS = ['director', 'deputy_director', 'dg'] as const;

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const CodeParams = Type.Object({ code: EronCode });
const IdParams = Type.Object({ id: Uuid });
const noUnit = () => notFound({ es: 'No existe esa unidad', en: 'No such unit' });

const structureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.post(
    '/api/v1/classification/establishments',
    {
      config: { auth: { roles: SHAPERS } },
      schema: {
        operationId: 'createEstablishment',
        summary: 'Register an establishment (ERON) with its order, type and security category (CLS-01)',
        description: 'CLS-01, Arts. 22–23: the category is the Director General’s, with the resolution that sets it.',
        body: EstablishmentRequest,
        response: { 201: Establishment, ...Errors },
      },
    },
    async (req, reply) => {
      assertNationalDg(req, 'CLS-01');
      const row = await db.transaction().execute(async (trx) => {
        const created = await createEstablishment(trx, req.body, req.principal.sub);
        if (created) await audit(trx, req, { action: 'create-establishment', entity: 'establishment', entityId: created.code });
        return created;
      });
      if (!row)
        throw conflict('establishment-exists', {
          es: `El establecimiento ${req.body.code} ya existe`,
          en: `Establishment ${req.body.code} exists`,
        });
      return reply.code(201).send(establishmentView(row, 0));
    },
  );

  app.get(
    '/api/v1/classification/establishments',
    {
      config: { auth: { roles: STRUCTURE_READERS } },
      schema: {
        operationId: 'listEstablishments',
        summary: 'The establishments the caller acts for, with their places',
        response: { 200: Type.Array(Establishment), 401: Problem, 403: Problem },
      },
    },
    async (req) => listEstablishments(db, req.principal.national ? null : req.principal.erons),
  );

  app.get(
    '/api/v1/classification/establishments/:code',
    {
      config: { auth: { roles: STRUCTURE_READERS } },
      schema: {
        operationId: 'getEstablishment',
        summary: 'An establishment with its units and cells (CLS-01, CLS-02)',
        params: CodeParams,
        response: { 200: EstablishmentStructure, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      const e = await findEstablishment(db, req.params.code);
      if (!e) throw noEstablishment(req.params.code);
      return structureOf(db, e);
    },
  );

  app.put(
    '/api/v1/classification/establishments/:code/category',
    {
      config: { auth: { roles: SHAPERS } },
      schema: {
        operationId: 'setEstablishmentCategory',
        summary: 'The Director General sets the security category (CLS-01)',
        description: 'CLS-01, Art. 23: alta/máxima, media or mínima, with the resolution; the history is kept.',
        params: CodeParams,
        body: CategoryChangeRequest,
        response: { 200: Establishment, ...Errors },
      },
    },
    async (req) => {
      assertNationalDg(req, 'CLS-01');
      const row = await db.transaction().execute(async (trx) => {
        const changed = await changeCategory(trx, req.params.code, req.body, req.principal.sub);
        if (changed) {
          await audit(trx, req, {
            action: 'set-category',
            entity: 'establishment',
            entityId: changed.code,
            details: { securityCategory: req.body.securityCategory, resolution: req.body.resolution },
          });
        }
        return changed;
      });
      if (!row) throw noEstablishment(req.params.code);
      return establishmentView(row, (await structureOf(db, row)).places);
    },
  );

  app.get(
    '/api/v1/classification/establishments/:code/categories',
    {
      config: { auth: { roles: STRUCTURE_READERS } },
      schema: {
        operationId: 'listCategoryChanges',
        summary: 'The history of an establishment’s security category (CLS-01)',
        params: CodeParams,
        response: { 200: Type.Array(CategoryChange), 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      if (!(await findEstablishment(db, req.params.code))) throw noEstablishment(req.params.code);
      return (await categoryHistory(db, req.params.code)).map((c) => ({
        securityCategory: c.security_category as never,
        resolution: c.resolution,
        changedBy: c.changed_by,
        changedAt: c.changed_at.toISOString(),
      }));
    },
  );

  app.post(
    '/api/v1/classification/establishments/:code/units',
    {
      config: { auth: { roles: SHAPERS } },
      schema: {
        operationId: 'createUnit',
        summary: 'Create a unit (pabellón, patio, torre…) with whom it may hold (CLS-02)',
        description: 'CLS-02, Art. 20: only with the Director General’s authorisation, which the unit names.',
        params: CodeParams,
        body: UnitRequest,
        response: { 201: Unit, ...Errors },
      },
    },
    async (req, reply) => {
      assertNationalDg(req, 'CLS-02');
      const unit = await db.transaction().execute(async (trx) => {
        if (!(await findEstablishment(trx, req.params.code))) throw noEstablishment(req.params.code);
        const created = await createUnit(trx, req.params.code, req.body, req.principal.sub);
        if (created)
          await audit(trx, req, { action: 'create-unit', entity: 'unit', entityId: created.id, details: { name: created.name } });
        return created;
      });
      if (!unit) throw nameTaken(req.body.name);
      return reply.code(201).send(unitView(unit, []));
    },
  );

  app.patch(
    '/api/v1/classification/units/:id',
    {
      config: { auth: { roles: SHAPERS } },
      schema: {
        operationId: 'renameUnit',
        summary: 'Rename a unit (CLS-02)',
        description: 'CLS-02, Art. 20 §2: only with the Director General’s authorisation; every name is kept.',
        params: IdParams,
        body: UnitRenameRequest,
        response: { 200: Unit, ...Errors },
      },
    },
    async (req) => {
      assertNationalDg(req, 'CLS-02');
      return db.transaction().execute(async (trx) => {
        const unit = await lockUnit(trx, req.params.id);
        if (!unit) throw noUnit();
        const renamed = await renameUnit(trx, unit, req.body, req.principal.sub);
        if (!renamed) throw nameTaken(req.body.name);
        await audit(trx, req, { action: 'rename-unit', entity: 'unit', entityId: unit.id, details: { from: unit.name, to: renamed.name } });
        return unitView(renamed, await cellsOf(trx, unit.id));
      });
    },
  );

  app.post(
    '/api/v1/classification/units/:id/cells',
    {
      config: { auth: { roles: CELL_KEEPERS } },
      schema: {
        operationId: 'createCell',
        summary: 'Add a cell to a unit, with its places (CLS-02)',
        params: IdParams,
        body: CellRequest,
        response: { 201: Cell, ...Errors },
      },
    },
    async (req, reply) => {
      const cell = await db.transaction().execute(async (trx) => {
        const unit = await lockUnit(trx, req.params.id);
        if (!unit) throw noUnit();
        assertActsFor(req, unit.eron);
        const created = await createCell(trx, unit.id, req.body, req.principal.sub);
        if (created)
          await audit(trx, req, { action: 'create-cell', entity: 'cell', entityId: created.id, details: { capacity: created.capacity } });
        return created;
      });
      if (!cell) {
        throw conflict('cell-exists', {
          es: `La celda ${req.body.code} ya existe en la unidad`,
          en: `Cell ${req.body.code} exists in the unit`,
        });
      }
      return reply.code(201).send(cellView(cell));
    },
  );

  app.patch(
    '/api/v1/classification/cells/:id',
    {
      config: { auth: { roles: CELL_KEEPERS } },
      schema: {
        operationId: 'setCellCapacity',
        summary: 'Change a cell’s places, with the reason (CLS-02)',
        params: IdParams,
        body: CellCapacityRequest,
        response: { 200: Cell, ...Errors },
      },
    },
    async (req) =>
      db.transaction().execute(async (trx) => {
        const cell = await lockCell(trx, req.params.id);
        if (!cell) throw notFound({ es: 'No existe esa celda', en: 'No such cell' });
        assertActsFor(req, cell.eron);
        const row = await setCapacity(trx, cell.id, req.body.capacity);
        await audit(trx, req, {
          action: 'set-cell-capacity',
          entity: 'cell',
          entityId: cell.id,
          details: { from: cell.capacity, to: row.capacity, reason: req.body.reason },
        });
        return cellView(row);
      }),
  );
};

const nameTaken = (name: string) =>
  conflict(
    'unit-name-taken',
    { es: `Ya hay una unidad llamada ${name} en el establecimiento`, en: `A unit named ${name} exists here` },
    'CLS-02',
  );

export default structureRoutes;
