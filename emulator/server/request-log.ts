// Every request the local cloud sees, by route, so tests can count platform calls (a client that retries,
// refreshes a token or single-flights its token requests shows it here). A server left open for days must
// not grow with its traffic: the records are a ring of the latest ones, the per-route totals are exact.
// The route names come from the router's table (router.ts), which makes the log: the log imports nothing
// of the router.

export interface RequestRecord<Route extends string = string> {
  route: Route
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

export class RequestLog<Route extends string = string> {
  private records: RequestRecord<Route>[] = []
  private totals: Record<Route, number>

  /** `routes`: every route a record may name, each counted from 0. */
  constructor(
    private readonly routes: readonly Route[],
    readonly size = REQUEST_LOG_SIZE,
  ) {
    this.totals = this.zeroCounts()
  }

  private zeroCounts(): Record<Route, number> {
    return Object.fromEntries(this.routes.map((name) => [name, 0])) as Record<Route, number>
  }

  add(record: RequestRecord<Route>): RequestRecord<Route> {
    this.records.push(record)
    if (this.records.length > this.size) this.records.shift()
    this.totals[record.route] += 1
    return record
  }

  /** The latest `size` records, oldest first. */
  list(): readonly RequestRecord<Route>[] {
    return [...this.records]
  }

  /**
   * How many requests reached a route: exact since the start (or the last clear), or, with `where`, among
   * the records still kept (the latest `size`).
   */
  count(route: Route, where?: (record: RequestRecord<Route>) => boolean): number {
    if (where === undefined) return this.totals[route]
    return this.records.filter((r) => r.route === route && where(r)).length
  }

  counts(): Record<Route, number> {
    return { ...this.totals }
  }

  clear(): void {
    this.records = []
    this.totals = this.zeroCounts()
  }
}
