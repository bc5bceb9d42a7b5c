import { eronClient, type EronClient, type paths } from '@eron/client';

/**
 * The suite as a front end calls it (issue 13): the typed client generated from openapi/eron.json,
 * pointed at the gateway (or, where a test means it, at one service), with the caller's headers.
 */
export const api = (baseUrl: string, headers: Record<string, string> = {}): EronClient => eronClient({ baseUrl, headers });

/** An admission's body as the client types it. */
export type AdmissionBody = paths['/api/v1/classification/admissions']['post']['requestBody']['content']['application/json'];
