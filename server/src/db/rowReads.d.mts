import type Database from 'better-sqlite3';

export function runRows(db: Database.Database, prepare: (sql: string) => Database.Statement, ids: readonly number[]): Record<string, unknown>[];
export function weightRows(prepare: (sql: string) => Database.Statement, runIds: readonly number[]): Record<string, unknown>[];
