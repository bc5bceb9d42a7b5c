import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Nui, PplRecord, Problem, RecordHistory, RecordHistoryQuery, RecordPatch, StayHistory } from '@eron/shared';
import { RECORD_READERS, RECORD_WRITERS } from '../roles';
import { runtime } from '../runtime';
import { getRecord, recordHistory, updateRecord } from './record.use-cases';
import { stayHistory } from './stay.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };
const NuiParams = Type.Object({ nui: Nui });

/** The record (cartilla biográfica), general part, with its history (CLS-06, CLS-08, CLS-09). */
const recordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/classification/ppl/:nui/record',
    {
      config: { auth: { roles: RECORD_READERS } },
      schema: {
        operationId: 'getPplRecord',
        'x-rules': ['CLS-06', 'CLS-07'],
        summary: 'The record (cartilla biográfica), general part (CLS-06)',
        description: 'CLS-06, Art. 26. Never carries confidential data (CLS-07): see `/record/confidential`.',
        params: NuiParams,
        response: { 200: PplRecord, ...Errors },
      },
    },
    async (req) => getRecord(runtime(app).reader(req), req.params.nui),
  );

  app.patch(
    '/api/v1/classification/ppl/:nui/record',
    {
      config: { auth: { roles: RECORD_WRITERS } },
      schema: {
        operationId: 'updatePplRecord',
        'x-rules': ['CLS-06', 'CLS-08', 'CLS-09'],
        summary: 'Change parts of the record (CLS-06, CLS-08, CLS-09)',
        description:
          'Each part sent replaces the one before; every change is kept in the history (who, when, what — CLS-06). A member of an ethnic community needs community, resguardo and consejo comunitario stated (CLS-09); a foreigner is reported to the consulate and migration once (CLS-08).',
        params: NuiParams,
        body: RecordPatch,
        response: { 200: PplRecord, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => updateRecord(ctx, { nui: req.params.nui, patch: req.body })),
  );

  app.get(
    '/api/v1/classification/ppl/:nui/record/history',
    {
      config: { auth: { roles: RECORD_READERS } },
      schema: {
        operationId: 'getPplRecordHistory',
        'x-rules': ['CLS-06', 'CLS-07'],
        summary: 'Every change to the record: who, when, what (CLS-06)',
        description:
          'Changes to the confidential part name the sections only, never the values (CLS-07). Oldest first, a page at a time ' +
          '(`limit`, at most 500): pass `next` as `after`.',
        params: NuiParams,
        querystring: RecordHistoryQuery,
        response: { 200: RecordHistory, ...Errors },
      },
    },
    async (req) => recordHistory(runtime(app).reader(req), req.params.nui, req.query),
  );

  app.get(
    '/api/v1/classification/ppl/:nui/record/stay',
    {
      config: { auth: { roles: RECORD_READERS } },
      schema: {
        operationId: 'getPplStayHistory',
        'x-rules': ['CLS-06', 'CLS-07'],
        summary: 'The history of the stay the record keeps (CLS-06, Art. 25 §2)',
        description:
          'Admission, placements, transfers, the CET’s evaluations and treatment, exits and recaptures, and the notices sent about ' +
          'the person, newest first (at most 100 each). Transfers, evaluations, exits and notices only for the roles that read them ' +
          '(`withheld` otherwise); discipline and work/study are `pending` until the services that keep them exist. Never ' +
          'confidential data (CLS-07).',
        params: NuiParams,
        response: { 200: StayHistory, ...Errors },
      },
    },
    async (req) => stayHistory(runtime(app).reader(req), req.params.nui),
  );
};

export default recordRoutes;
