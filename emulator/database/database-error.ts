// Failures of the local database, carried to the gateway as the TCB error codes wx-server-sdk maps
// (DATABASE_COLLECTION_NOT_EXIST → -502005, DATABASE_REQUEST_FAILED → -502001, ...). Anything the local
// database does not implement fails with one of these too, never with a plausible empty answer.

export type DatabaseErrorCode =
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'INVALID_PARAM'

export class DatabaseError extends Error {
  override readonly name = 'DatabaseError'
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** What the local database does not implement: loud, and says so. */
export function unsupported(what: string): DatabaseError {
  return new DatabaseError(
    'DATABASE_INVALID_OPERRATOR',
    `${what} is not supported by the local database (emulator/database)`,
  )
}
