// Showing one run: the status, the time, the error with its hint, the image with a polygon per line over
// it, the lines as a list, and the event, reply and log as text. A box and its line highlight together.
import { $, pretty, setText } from './dom.js'

const SVG_NS = 'http://www.w3.org/2000/svg'

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
}

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
  // No preview leaves no earlier one behind either, shown or hidden.
  if (previewSrc === undefined) ui.preview.removeAttribute('src')
  if (previewSrc === undefined && !hasBoxes) {
    ui.stage.hidden = true
    return
  }
  ui.stage.hidden = false
  ui.stage.classList.toggle('standalone', previewSrc === undefined)
  if (previewSrc !== undefined) ui.preview.src = previewSrc
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

export function showOutcome(response, previewSrc) {
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

function highlight(index) {
  for (const element of document.querySelectorAll('#boxes [data-index], #lines [data-index]')) {
    const on = element.dataset.index === index
    element.classList.toggle('highlighted', on)
    if (element.tagName === 'LI') element.setAttribute('aria-current', String(on))
  }
}

export function wireHover() {
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
