// Kysely's runtime values, loaded from its CommonJS build. Its ESM build is ~260 modules, which
// took ~0.3 s more to load at every start: felt most by the tests, where each test file is its
// own process and, under tsx, every ESM module is resolved through the loader's thread. Import
// values (Kysely, sql, the dialects, …) from here and types from 'kysely' (`import type`): they
// are the same declarations. Nothing may import a value from 'kysely' itself, or two copies load.
import { createRequire } from 'node:module';
import type * as KyselyModule from 'kysely';

const kysely = createRequire(import.meta.url)('kysely') as typeof KyselyModule;

export const { CompiledQuery, Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteAdapter, SqliteDialect, sql } = kysely;
/** So that `Kysely` imported from here is a type too, as the class is. */
export type Kysely<DB> = KyselyModule.Kysely<DB>;
export type CompiledQuery<R = unknown> = KyselyModule.CompiledQuery<R>;
