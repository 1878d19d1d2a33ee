// Every request the local cloud sees, by route, so tests can count platform calls (a client that retries,
// refreshes a token or single-flights its token requests shows it here). A server left open for days must
// not grow with its traffic: the records are a ring of the latest ones, the per-route totals are exact.

import { ROUTE_NAMES, type RouteName } from './router'

export type { RouteName }

export interface RequestRecord {
  route: RouteName
  method: string
  path: string
  /** For the gateway: the function named in the URL (`/admin/fn/<name>`), if any. */
  functionName?: string
  /** For the gateway: the action, once the body is read (`wx.openApi`, `storage.batchGetDownloadUrl`). */
  action?: string
  /** For wx.openApi: the API name (`ocr.printedText`). */
  apiName?: string
  at: number
}

/** Records kept; older ones drop out (per-route totals keep counting). */
export const REQUEST_LOG_SIZE = 1000

/** One total per route of the router's table, all at 0. */
function zeroCounts(): Record<RouteName, number> {
  return Object.fromEntries(ROUTE_NAMES.map((name) => [name, 0])) as Record<RouteName, number>
}

export class RequestLog {
  private records: RequestRecord[] = []
  private totals = zeroCounts()

  constructor(readonly size = REQUEST_LOG_SIZE) {}

  add(record: RequestRecord): RequestRecord {
    this.records.push(record)
    if (this.records.length > this.size) this.records.shift()
    this.totals[record.route] += 1
    return record
  }

  /** The latest `size` records, oldest first. */
  list(): readonly RequestRecord[] {
    return [...this.records]
  }

  /**
   * How many requests reached a route: exact since the start (or the last clear), or, with `where`, among
   * the records still kept (the latest `size`).
   */
  count(route: RouteName, where?: (record: RequestRecord) => boolean): number {
    if (where === undefined) return this.totals[route]
    return this.records.filter((r) => r.route === route && where(r)).length
  }

  counts(): Record<RouteName, number> {
    return { ...this.totals }
  }

  clear(): void {
    this.records = []
    this.totals = zeroCounts()
  }
}
