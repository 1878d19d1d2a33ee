import { functionStorm, httpsStorm } from '/work/wt/i11/test/support/storm'
async function main() {
  const which = process.argv[2]
  const r = which === 'https' ? await httpsStorm() : await functionStorm()
  console.log(which, JSON.stringify(r))
}
main().catch((e) => { console.error(e); process.exit(1) })
