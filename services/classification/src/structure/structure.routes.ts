import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CategoryChange,
  CategoryChangeRequest,
  Cell,
  CellCapacityRequest,
  CellRequest,
  Establishment,
  EstablishmentRequest,
  EstablishmentStructure,
  EronCode,
  Problem,
  Unit,
  UnitRenameRequest,
  UnitRequest,
  Uuid,
} from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { CELL_KEEPERS, SHAPERS, STRUCTURE_READERS } from '../roles';
import { runtime } from '../runtime';
import {
  categoryChanges,
  createCell,
  createEstablishment,
  createUnit,
  getEstablishment,
  listEstablishments,
  renameUnit,
  setCategory,
  setCellCapacity,
} from './structure.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const CodeParams = Type.Object({ code: EronCode });
const IdParams = Type.Object({ id: Uuid });

/** Establishments, units and cells (CLS-01, CLS-02): everyone on staff reads, the DG shapes. */
const structureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/establishments',
    {
      config: { auth: { roles: SHAPERS } },
      schema: {
        operationId: 'createEstablishment',
        'x-rules': ['CLS-01'],
        summary: 'Register an establishment (ERON) with its order, type and security category (CLS-01)',
        description: 'CLS-01, Arts. 22–23: the category is the Director General’s, with the resolution that sets it.',
        body: EstablishmentRequest,
        response: { 201: Establishment, ...Errors },
      },
    },
    async (req, reply) => reply.code(201).send(await runtime(app).transact(req, (ctx) => createEstablishment(ctx, req.body))),
  );

  app.get(
    '/api/v1/classification/establishments',
    {
      config: { auth: { roles: STRUCTURE_READERS } },
      schema: {
        operationId: 'listEstablishments',
        'x-rules': ['CLS-01'],
        summary: 'The establishments the caller acts for, with their places',
        response: { 200: Type.Array(Establishment), 401: Problem, 403: Problem },
      },
    },
    async (req) => listEstablishments(runtime(app).reader(req)),
  );

  app.get(
    '/api/v1/classification/establishments/:code',
    {
      config: { auth: { roles: STRUCTURE_READERS } },
      schema: {
        operationId: 'getEstablishment',
        'x-rules': ['CLS-01', 'CLS-02'],
        summary: 'An establishment with its units and cells (CLS-01, CLS-02)',
        params: CodeParams,
        response: { 200: EstablishmentStructure, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return getEstablishment(runtime(app).reader(req), req.params.code);
    },
  );

  app.put(
    '/api/v1/classification/establishments/:code/category',
    {
      config: { auth: { roles: SHAPERS } },
      schema: {
        operationId: 'setEstablishmentCategory',
        'x-rules': ['CLS-01'],
        summary: 'The Director General sets the security category (CLS-01)',
        description: 'CLS-01, Art. 23: alta/máxima, media or mínima, with the resolution; the history is kept.',
        params: CodeParams,
        body: CategoryChangeRequest,
        response: { 200: Establishment, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => setCategory(ctx, { code: req.params.code, change: req.body })),
  );

  app.get(
    '/api/v1/classification/establishments/:code/categories',
    {
      config: { auth: { roles: STRUCTURE_READERS } },
      schema: {
        operationId: 'listCategoryChanges',
        'x-rules': ['CLS-01'],
        summary: 'The history of an establishment’s security category (CLS-01)',
        params: CodeParams,
        response: { 200: Type.Array(CategoryChange), 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return categoryChanges(runtime(app).reader(req), req.params.code);
    },
  );

  app.post(
    '/api/v1/classification/establishments/:code/units',
    {
      config: { auth: { roles: SHAPERS } },
      schema: {
        operationId: 'createUnit',
        'x-rules': ['CLS-02'],
        summary: 'Create a unit (pabellón, patio, torre…) with whom it may hold (CLS-02)',
        description: 'CLS-02, Art. 20: only with the Director General’s authorisation, which the unit names.',
        params: CodeParams,
        body: UnitRequest,
        response: { 201: Unit, ...Errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await runtime(app).transact(req, (ctx) => createUnit(ctx, { eron: req.params.code, unit: req.body }))),
  );

  app.patch(
    '/api/v1/classification/units/:id',
    {
      config: { auth: { roles: SHAPERS } },
      schema: {
        operationId: 'renameUnit',
        'x-rules': ['CLS-02'],
        summary: 'Rename a unit (CLS-02)',
        description: 'CLS-02, Art. 20 §2: only with the Director General’s authorisation; every name is kept.',
        params: IdParams,
        body: UnitRenameRequest,
        response: { 200: Unit, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => renameUnit(ctx, { id: req.params.id, rename: req.body })),
  );

  app.post(
    '/api/v1/classification/units/:id/cells',
    {
      config: { auth: { roles: CELL_KEEPERS } },
      schema: {
        operationId: 'createCell',
        'x-rules': ['CLS-02'],
        summary: 'Add a cell to a unit, with its places (CLS-02)',
        params: IdParams,
        body: CellRequest,
        response: { 201: Cell, ...Errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await runtime(app).transact(req, (ctx) => createCell(ctx, { unitId: req.params.id, cell: req.body }))),
  );

  app.patch(
    '/api/v1/classification/cells/:id',
    {
      config: { auth: { roles: CELL_KEEPERS } },
      schema: {
        operationId: 'setCellCapacity',
        'x-rules': ['CLS-02'],
        summary: 'Change a cell’s places, with the reason (CLS-02)',
        params: IdParams,
        body: CellCapacityRequest,
        response: { 200: Cell, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => setCellCapacity(ctx, { id: req.params.id, change: req.body })),
  );
};

export default structureRoutes;
