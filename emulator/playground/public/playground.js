// The playground page: plain browser JS served as is (no bundler, no CDN). It talks only to the local cloud
// that served it: /__playground/* to run the function, /__admin/* for the quota and the faults.
const SVG_NS = 'http://www.w3.org/2000/svg'

const $ = (id) => {
  const element = document.getElementById(id)
  if (element === null) throw new Error(`the page has no #${id}`)
  return element
}

const ui = {
  result: $('result'),
  status: $('status'),
  duration: $('duration'),
  errorBox: $('error-box'),
  stage: $('stage'),
  preview: $('preview'),
  boxes: $('boxes'),
  imageSize: $('image-size'),
  lines: $('lines'),
  eventJson: $('event-json'),
  replyJson: $('reply-json'),
  logs: $('logs'),
  editor: $('event-editor'),
  editorError: $('editor-error'),
  samples: $('sample-select'),
  openid: $('openid-input'),
  emulatorError: $('emulator-error'),
  faultList: $('fault-list'),
}

const samples = new Map()
let previewUrl

/** Fetches JSON from this server; a reply that is not JSON becomes an error with its status. */
async function api(path, init = {}) {
  const headers = init.body === undefined ? {} : { 'content-type': 'application/json' }
  const response = await fetch(path, { ...init, headers })
  const text = await response.text()
  let body
  try {
    body = JSON.parse(text)
  } catch {
    body = { error: text }
  }
  return { status: response.status, ok: response.ok, body }
}

const pretty = (value) => JSON.stringify(value, null, 2)

function setText(id, text) {
  $(id).textContent = text
}

// ---- busy state: one run at a time, so the result on screen always belongs to the last request ----

function setBusy(busy) {
  for (const control of document.querySelectorAll('[data-run-control]')) control.disabled = busy
  ui.result.dataset.state = busy ? 'running' : ui.result.dataset.state
  ui.result.setAttribute('aria-busy', String(busy))
}

// ---- showing a result ----

function clearResult() {
  ui.errorBox.hidden = true
  ui.lines.replaceChildren()
  ui.boxes.replaceChildren()
  ui.eventJson.textContent = ''
  ui.replyJson.textContent = ''
  ui.logs.textContent = ''
  ui.duration.textContent = '–'
}

function showError(error) {
  setText('error-code', error.code)
  setText('error-errcode', error.errCode === undefined ? '' : `errCode ${error.errCode}`)
  setText(
    'error-retryable',
    error.retryable === undefined ? '' : error.retryable ? 'retryable' : 'not retryable',
  )
  setText('error-user-message', error.userMessage ?? '')
  setText('error-message', error.message ?? '')
  setText('error-hint', error.hint ?? '')
  setText('error-request-id', error.requestId ?? '')
  ui.errorBox.hidden = false
}

function pointsOf(pos) {
  return [pos.leftTop, pos.rightTop, pos.rightBottom, pos.leftBottom]
    .map((p) => `${p.x},${p.y}`)
    .join(' ')
}

/** viewBox = imgSize, so the boxes scale with the image exactly, whatever size it is shown at. */
function drawBoxes(reply, previewSrc) {
  const { w, h } = reply.imgSize
  ui.boxes.setAttribute('viewBox', `0 0 ${w} ${h}`)
  ui.boxes.setAttribute('preserveAspectRatio', 'none')
  if (previewSrc === undefined) {
    // No local copy of the image (e.g. a fileID typed by hand): boxes on a blank of the same size.
    const blank = document.createElementNS(SVG_NS, 'rect')
    blank.setAttribute('class', 'blank')
    blank.setAttribute('width', String(w))
    blank.setAttribute('height', String(h))
    ui.boxes.append(blank)
  }
  reply.items.forEach((item, index) => {
    const polygon = document.createElementNS(SVG_NS, 'polygon')
    polygon.setAttribute('points', pointsOf(item.pos))
    polygon.dataset.index = String(index)
    const title = document.createElementNS(SVG_NS, 'title')
    title.textContent = item.text
    polygon.append(title)
    ui.boxes.append(polygon)

    const li = document.createElement('li')
    li.textContent = item.text
    li.dataset.index = String(index)
    li.tabIndex = 0
    ui.lines.append(li)
  })
  ui.imageSize.textContent = `${w} × ${h} px, ${reply.items.length} line boxes`
}

function showStage(previewSrc, reply) {
  const hasBoxes = reply !== undefined && reply.ok === true && Array.isArray(reply.items)
  if (previewSrc === undefined && !hasBoxes) {
    ui.stage.hidden = true
    return
  }
  ui.stage.hidden = false
  ui.stage.classList.toggle('standalone', previewSrc === undefined)
  if (previewSrc === undefined) ui.preview.removeAttribute('src')
  else ui.preview.src = previewSrc
  ui.preview.hidden = previewSrc === undefined
  if (hasBoxes) drawBoxes(reply, previewSrc)
  else ui.imageSize.textContent = ''
}

function describeReply(reply) {
  if (reply?.ok === true && Array.isArray(reply.items)) {
    return reply.items.length === 1
      ? 'Recognized 1 line.'
      : `Recognized ${reply.items.length} lines.`
  }
  if (reply?.ok === true) return 'The function answered.'
  if (reply?.ok === false) return `Failed: ${reply.error?.code}`
  return 'The function answered something that is not a reply.'
}

function showOutcome(response, previewSrc) {
  const { body } = response
  clearResult()
  ui.eventJson.textContent = body.event === undefined ? '' : pretty(body.event)
  ui.logs.textContent = body.logs ?? ''
  if (typeof body.durationMs === 'number')
    ui.duration.textContent = `${Math.round(body.durationMs)} ms`
  if (response.ok) {
    ui.replyJson.textContent = pretty(body.reply)
    ui.status.textContent = describeReply(body.reply)
    if (body.reply?.ok === false && body.reply.error !== undefined) showError(body.reply.error)
    showStage(previewSrc, body.reply)
    ui.result.dataset.state = body.reply?.ok === true ? 'done' : 'error'
  } else {
    // Not a reply from the function: a bad request (4xx) or a function that threw or timed out (502).
    const failure = body.failure
    ui.replyJson.textContent = pretty(body)
    ui.status.textContent = `Failed: HTTP ${response.status}`
    showError({
      code:
        failure === undefined
          ? `HTTP ${response.status}`
          : `FUNCTION_${failure.kind.toUpperCase()}`,
      message: failure?.message ?? body.error ?? '',
      hint:
        failure === undefined
          ? 'Check the request; the playground expects an image, a URL or a JSON event.'
          : 'See the function log below; run `npm run build` if the built function is missing.',
    })
    showStage(previewSrc, undefined)
    ui.result.dataset.state = 'error'
  }
  ui.result.dataset.runs = String(Number(ui.result.dataset.runs) + 1)
}

async function run(payload, previewSrc) {
  setBusy(true)
  ui.status.textContent = 'Running the function… (the first call also loads the OCR engine)'
  try {
    const response = await api('/__playground/run', {
      method: 'POST',
      body: JSON.stringify(payload),
    })
    showOutcome(response, previewSrc)
  } catch (error) {
    showOutcome({ ok: false, status: 0, body: { error: String(error) } }, previewSrc)
  } finally {
    setBusy(false)
    void refreshEmulator()
  }
}

// ---- the three ways in: a file, a URL, a raw event ----

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

async function runFile(file) {
  if (previewUrl !== undefined) URL.revokeObjectURL(previewUrl)
  previewUrl = URL.createObjectURL(file)
  await run({ image: await readBase64(file), name: file.name }, previewUrl)
}

function previewOfEvent(event) {
  const value = event?.img?.value
  if (typeof value !== 'string') return undefined
  if (value.startsWith('data:')) return value
  return `data:${event.img.contentType ?? 'image/png'};base64,${value}`
}

function sendEditorEvent(submit) {
  submit.preventDefault()
  let event
  try {
    event = JSON.parse(ui.editor.value)
  } catch (error) {
    ui.editorError.textContent = `The event is not valid JSON: ${error.message}`
    return
  }
  ui.editorError.textContent = ''
  const openid = ui.openid.value.trim()
  void run(openid === '' ? { event } : { event, openid }, previewOfEvent(event))
}

function wireInputs() {
  const fileInput = $('file-input')
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0]
    if (file !== undefined) void runFile(file)
    // Choosing the same file again must run again.
    fileInput.value = ''
  })
  const zone = $('drop-zone')
  zone.addEventListener('dragover', (event) => {
    event.preventDefault()
    zone.classList.add('dragging')
  })
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'))
  zone.addEventListener('drop', (event) => {
    event.preventDefault()
    zone.classList.remove('dragging')
    const file = event.dataTransfer?.files?.[0]
    if (file !== undefined) void runFile(file)
  })
  $('url-form').addEventListener('submit', (submit) => {
    submit.preventDefault()
    const imgUrl = $('url-input').value.trim()
    void run({ imgUrl }, imgUrl)
  })
  $('event-form').addEventListener('submit', sendEditorEvent)
  ui.samples.addEventListener('change', () => {
    const event = samples.get(ui.samples.value)
    if (event !== undefined) ui.editor.value = pretty(event)
  })
  for (const control of document.querySelectorAll('#file-input, #url-form button, #send-event')) {
    control.setAttribute('data-run-control', '')
  }
}

// ---- hover: a box and its line light up together, from either side ----

function highlight(index) {
  for (const element of document.querySelectorAll('#boxes [data-index], #lines [data-index]')) {
    const on = element.dataset.index === index
    element.classList.toggle('highlighted', on)
    if (element.tagName === 'LI') element.setAttribute('aria-current', String(on))
  }
}

function wireHover() {
  for (const container of [ui.boxes, ui.lines]) {
    container.addEventListener('mouseover', (event) => {
      const target = event.target.closest('[data-index]')
      if (target !== null) highlight(target.dataset.index)
    })
    container.addEventListener('mouseleave', () => highlight(undefined))
  }
  ui.lines.addEventListener('focusin', (event) => highlight(event.target.dataset.index))
  ui.lines.addEventListener('focusout', () => highlight(undefined))
}

// ---- the emulator: quota and faults, through its existing /__admin routes ----

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

async function refreshEmulator() {
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

function wireEmulator() {
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

async function loadSetup() {
  const { body } = await api('/__playground/setup')
  setText('upload-user', body.uploadUser)
  for (const { name, event } of body.samples) {
    samples.set(name, event)
    ui.samples.append(new Option(name, name))
  }
  const first = body.samples[0]
  if (first !== undefined) ui.editor.value = pretty(first.event)
  $('fault-codes').replaceChildren(
    ...body.faultCodes.map(({ errcode, errmsg }) => new Option(errmsg, String(errcode))),
  )
}

wireInputs()
wireHover()
wireEmulator()
await Promise.all([loadSetup(), refreshEmulator()])
document.body.dataset.ready = 'true'
