// Small helpers every part of the page uses: element lookup and JSON calls to the server that served it.

/** The element with this id; a missing one is a bug in the page, so it fails at load, not on first use. */
export const $ = (id) => {
  const element = document.getElementById(id)
  if (element === null) throw new Error(`the page has no #${id}`)
  return element
}

/** Fetches JSON from this server; a reply that is not JSON becomes an error with its status. */
export async function api(path, init = {}) {
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

export const pretty = (value) => JSON.stringify(value, null, 2)

export function setText(id, text) {
  $(id).textContent = text
}
