// The child side of the function runner: loads an unchanged cloud function (`<dir>/index.js`), calls
// `main(event, context)` once, and sends the result back over the IPC channel, serialized as JSON the way
// the platform serializes a function's return value. Plain CommonJS so it needs no build and no loader.
'use strict'
const path = require('node:path')
const { setTimeout } = require('node:timers')

function describe(error) {
  if (error && typeof error === 'object') {
    return {
      name: typeof error.name === 'string' ? error.name : 'Error',
      message: typeof error.message === 'string' ? error.message : JSON.stringify(error),
      stack: typeof error.stack === 'string' ? error.stack : undefined,
      errCode: error.errCode,
      errMsg: error.errMsg,
    }
  }
  return { name: 'Error', message: String(error) }
}

let finished = false
/** The first outcome wins: an answer after the time limit is dropped, as the platform drops it. */
function finish(message) {
  if (finished) return
  finished = true
  process.send(message, () => process.exit(0))
}

process.once('message', async (request) => {
  try {
    const fn = require(path.join(request.functionDir, 'index.js'))
    if (typeof fn.main !== 'function') throw new TypeError('index.js does not export main()')
    // The platform stops an invocation time_limit_in_ms after it starts, whatever the function is doing.
    const limit = request.context && request.context.time_limit_in_ms
    if (typeof limit === 'number' && limit > 0) {
      setTimeout(() => finish({ type: 'timeout' }), limit)
    }
    // The parent sends the event as JSON text: parsing is not limited by depth the way serializing is.
    const event = request.eventJson === null ? undefined : JSON.parse(request.eventJson)
    const result = await fn.main(event, request.context)
    // Round-trip through JSON exactly as the platform does (Buffers become {type,data}, undefined drops).
    const json = JSON.stringify(result)
    finish({ type: 'result', json: json === undefined ? null : json })
  } catch (error) {
    finish({ type: 'error', error: describe(error) })
  }
})
