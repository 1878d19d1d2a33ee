// The cloud gateway's own failures, in the two shapes wx-server-sdk reads: a TCB error (JSON `{code,
// message}`, which the SDK maps through its TCB_ERR_CODE table, unknown codes becoming -501001) and a
// wx.openApi gateway error (`errorCode` in the protobuf reply, e.g. -604101).
import { randomBytes } from 'node:crypto'

export const GATEWAY_ERROR_CODES = {
  apiNotFound: -604100,
  noPermission: -604101,
} as const

export type TcbErrorCode =
  | 'INVALID_ACTION'
  | 'INVALID_PARAM'
  | 'INVALID_ENV'
  | 'SYS_ERR'
  | 'STORAGE_FILE_NONEXIST'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_COLLECTION_NOT_EXIST'

export interface TcbErrorBody {
  code: TcbErrorCode
  message: string
  requestId: string
}

export function newRequestId(): string {
  return randomBytes(16).toString('hex')
}

export function tcbError(code: TcbErrorCode, message: string): TcbErrorBody {
  return { code, message: `[localcloud] ${message}`, requestId: newRequestId() }
}
