import type { Migration } from 'kysely';
import * as m001 from './001_initial';

/**
 * Every migration, in order. Listed statically (not read from the folder at run time) so
 * the same set runs under tsx, jest and any bundler. Add new ones at the end.
 */
export const migrations: Record<string, Migration> = {
  '001_initial': m001,
};
