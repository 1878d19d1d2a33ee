// The emulator's quota counter and fault switches, through its existing /__admin routes.
import { $, api, setText } from './dom.js'

const ui = {
  emulatorError: $('emulator-error'),
  faultList: $('fault-list'),
}

function describeFault(fault) {
  const times = fault.times === 'always' ? 'every call' : `next ${fault.times}`
  const what =
    fault.kind === 'errcode'
      ? `errcode ${fault.errcode} (${fault.errmsg})`
      : fault.kind === 'latency'
        ? `latency ${fault.ms} ms`
        : fault.kind
  return `${what}: ${times}, ${fault.on}`
}

export async function refreshEmulator() {
  const [quota, faults] = await Promise.all([api('/__admin/quota'), api('/__admin/faults')])
  setText('quota-used', String(quota.body.used))
  setText('quota-limit', String(quota.body.limit))
  setText('quota-remain', String(quota.body.remain))
  ui.faultList.replaceChildren(
    ...faults.body.faults.map((fault) => {
      const li = document.createElement('li')
      li.textContent = describeFault(fault)
      return li
    }),
  )
  if (faults.body.faults.length === 0) {
    const li = document.createElement('li')
    li.className = 'empty'
    li.textContent = 'None armed.'
    ui.faultList.append(li)
  }
}

async function admin(path, init) {
  const response = await api(path, init)
  ui.emulatorError.textContent = response.ok
    ? ''
    : (response.body.error ?? `HTTP ${response.status}`)
  await refreshEmulator()
}

export function wireEmulator() {
  const post = (path, body) => admin(path, { method: 'POST', body: JSON.stringify(body) })
  $('quota-reset').addEventListener('click', () => void post('/__admin/quota', { reset: true }))
  $('quota-set').addEventListener('click', () => {
    const input = $('quota-limit-input')
    // An empty number field reads as 0, which would silently spend the whole quota.
    if (input.value === '' || !input.checkValidity()) {
      ui.emulatorError.textContent = 'Enter a whole number of calls per day.'
      return
    }
    void post('/__admin/quota', { limit: Number(input.value) })
  })
  $('errcode-form').addEventListener('submit', (submit) => {
    submit.preventDefault()
    void post('/__admin/faults', { kind: 'errcode', errcode: Number($('fault-errcode').value) })
  })
  $('latency-form').addEventListener('submit', (submit) => {
    submit.preventDefault()
    void post('/__admin/faults', { kind: 'latency', ms: Number($('fault-latency').value) })
  })
  $('faults-clear').addEventListener(
    'click',
    () => void admin('/__admin/faults', { method: 'DELETE' }),
  )
  window.addEventListener('focus', () => void refreshEmulator())
}
