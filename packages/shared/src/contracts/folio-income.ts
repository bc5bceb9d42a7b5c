// Contract of folio's income capability: request and response schemas, one file per domain.
export {};
