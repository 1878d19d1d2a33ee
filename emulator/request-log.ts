// Every request the local cloud sees, by route, so tests can count platform calls (a client that retries,
// refreshes a token or single-flights its token requests shows it here).

export type RouteName =
  'gateway' | 'storage-file' | 'ocr-https' | 'token' | 'stable-token' | 'admin' | 'unknown'

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

export class RequestLog {
  private records: RequestRecord[] = []

  add(record: RequestRecord): RequestRecord {
    this.records.push(record)
    return record
  }

  list(): readonly RequestRecord[] {
    return [...this.records]
  }

  /** How many requests reached a route, optionally only those matching `where`. */
  count(route: RouteName, where?: (record: RequestRecord) => boolean): number {
    return this.records.filter((r) => r.route === route && (where === undefined || where(r))).length
  }

  counts(): Record<RouteName, number> {
    const counts: Record<RouteName, number> = {
      gateway: 0,
      'storage-file': 0,
      'ocr-https': 0,
      token: 0,
      'stable-token': 0,
      admin: 0,
      unknown: 0,
    }
    for (const record of this.records) counts[record.route] += 1
    return counts
  }

  clear(): void {
    this.records = []
  }
}
