// Contract of folio's recaudo capability: request and response schemas, one file per domain.
export {};
