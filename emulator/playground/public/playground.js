// The playground page: plain browser JS modules served as is (no bundler, no CDN). They talk only to the
// local cloud that served them: /__playground/* to run the function, /__admin/* for quota and faults.
// This one wires the three ways in (a file, a URL, a raw event) and runs one request at a time, so the
// result on screen always belongs to the last request.
import { $, api, pretty, setText } from './dom.js'
import { refreshEmulator, wireEmulator } from './emulator-panel.js'
import { previewableUrl } from './preview-url.js'
import { showOutcome, wireHover } from './result-view.js'

const ui = {
  result: $('result'),
  status: $('status'),
  editor: $('event-editor'),
  editorError: $('editor-error'),
  samples: $('sample-select'),
  openid: $('openid-input'),
}

const samples = new Map()
let previewUrl

function setBusy(busy) {
  for (const control of document.querySelectorAll('[data-run-control]')) control.disabled = busy
  if (busy) ui.result.dataset.state = 'running'
  ui.result.setAttribute('aria-busy', String(busy))
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
    void run({ imgUrl }, previewableUrl(imgUrl))
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
