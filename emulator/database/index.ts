// The local cloud database: the subset of the platform's document database that wx-server-sdk's
// collection / doc / where calls need, on the same gateway wire.
export { LocalDatabase, type LocalDatabaseOptions, type DatabaseOutage } from './local-database'
export { databaseActions } from './actions'
export { DatabaseError } from './database-error'
export type { Doc, DocValue } from './ejson'
