import type { KnownReference } from '../types';
// STUB — replaced by the references helper.
export const KNOWN_REFERENCES: readonly KnownReference[] = [];
