/** Paging of classification's lists: the one implementation every service shares (PLT-18). */
export { assertPeriod, cursorOf, keyOf, pageOf, periodEnd, type KeyPart } from '@eron/shared';
