// Contract of folio's spending capability: request and response schemas, one file per domain.
export {};
