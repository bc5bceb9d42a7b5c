/** No service imports another (PLT-07): shared code goes through packages/shared. */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-service-imports',
      severity: 'error',
      comment: 'A service talks to another through events or its HTTP API, never by importing its code.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'shared-depends-on-no-service',
      severity: 'error',
      from: { path: '^packages/shared/' },
      to: { path: '^(services|tests|scripts|bench)/' },
    },
    {
      name: 'routes-import-no-routes',
      severity: 'error',
      comment: 'A routes file is HTTP only; what two routes share is a use case, a rule or a repository (capability shape).',
      from: { path: '\\.routes\\.ts$' },
      to: { path: '\\.routes\\.ts$' },
    },
    {
      name: 'rules-are-pure',
      severity: 'error',
      comment: 'Rules are pure functions of the regulation: no database, no Fastify, no platform, no repository.',
      from: { path: '\\.rules\\.ts$' },
      to: {
        path: [
          'node_modules/(fastify|@fastify|kysely|pg|bullmq|ioredis)/',
          '^packages/shared/src/platform/',
          '\\.(repository|tables|routes|use-cases)\\.ts$',
          '^services/[^/]+/src/(db|runtime|app)\\.ts$',
        ],
      },
    },
    {
      name: 'use-cases-are-fastify-free',
      severity: 'error',
      comment: 'A use case takes a Ctx (transaction, actor, request ID, publish), never a request or an app.',
      from: { path: '\\.use-cases\\.ts$' },
      to: { path: ['node_modules/(fastify|@fastify)/', '\\.routes\\.ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // node_modules stay in the graph (not followed, not excluded): excluding them dropped every
    // import of fastify, kysely, pg… so the rules above that name them could never fire.
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)dist/' },
  },
};
