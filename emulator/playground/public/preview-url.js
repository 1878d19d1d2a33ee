// What the page may put in the preview's <img src>: a URL the browser fetches as an image. Anything else a
// user can type into the URL form (javascript:, data:, vbscript:, a relative path) is sent to the function,
// which refuses it, but never previewed: the page's Content-Security-Policy would block a script URL, and
// the page does not lean on that.

const PREVIEWABLE = new Set(['http:', 'https:', 'blob:'])

/** The URL as the browser reads it when it is http(s) or blob, else undefined (no preview). */
export function previewableUrl(text) {
  let url
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  return PREVIEWABLE.has(url.protocol) ? url.href : undefined
}
