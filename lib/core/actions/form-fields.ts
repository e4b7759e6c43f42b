import { z } from 'zod';

/** A record id as a form or a bound argument carries it: forged values are refused before a lookup. */
export const recordId = z.string().min(1).max(64);

/** Ids and slugs of the challenge forms (their ids are shorter). */
export const challengeRecordId = z.string().min(1).max(40);
export const challengeSlug = z.string().max(80);
