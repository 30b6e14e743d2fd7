import type { Migration } from 'kysely';
import * as m001 from './001_initial';
import * as m002 from './002_operator';

/**
 * Every migration, in order. Listed statically (not read from the folder at run time) so
 * the same set runs under tsx, jest and any bundler. Add new ones at the end.
 */
export const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_operator': m002,
};
