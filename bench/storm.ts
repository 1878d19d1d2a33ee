// Retry storms: many callers at once against the local cloud with the real engine, counting the OCR
// requests the platform would charge. The baseline is one request per caller.
// `node --import tsx bench/storm.ts` prints the table alone.
import { functionStorm, httpsStorm, type StormResult } from '../test/support/storm'
import { runWhenMain, type BenchRow } from './table'

function rows(label: string, storm: StormResult, maxRequests: number): BenchRow[] {
  return [
    {
      name: `${label}: succeeded`,
      value: `${storm.succeeded}/${storm.callers}`,
      target: `${storm.callers}/${storm.callers}`,
      pass: storm.succeeded === storm.callers,
    },
    {
      name: `${label}: OCR requests (per caller)`,
      value: `${storm.ocrRequests} (${(storm.ocrRequests / storm.callers).toFixed(2)}x)`,
      target: `<= ${maxRequests}`,
      pass: storm.ocrRequests <= maxRequests,
    },
    { name: `${label}: wall time`, value: `${(storm.wallMs / 1000).toFixed(1)} s` },
  ]
}

export async function benchStorm(): Promise<BenchRow[]> {
  const https = await httpsStorm(50)
  const fn = await functionStorm(30)
  return [
    ...rows('storm, 50 HTTPS callers, one image', https, 55),
    {
      name: 'storm, 50 HTTPS callers: token requests',
      value: String(https.tokenRequests),
      target: '1',
      pass: https.tokenRequests === 1,
    },
    ...rows('storm, 30 function invocations, 30 images', fn, 33),
  ]
}

runWhenMain(module, benchStorm)
