// The forms a secret takes once written into text by JSON or a URL: what SecretBook looks for besides the
// secret itself. Percent escapes are listed with upper- and lower-case hex digits, since both are valid.

/** JSON's escapes, as JSON.stringify writes them and as a serializer that escapes non-ASCII writes them. */
function jsonForms(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1)
  const asciiOnly = escaped.replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return [
    escaped,
    asciiOnly,
    asciiOnly.replace(/\\u([0-9a-f]{4})/g, (_escape, hex: string) => `\\u${hex.toUpperCase()}`),
  ]
}

/** encodeURIComponent's form, and a form's (application/x-www-form-urlencoded: a space is "+"). */
function percentForms(secret: string): string[] {
  const component = encodeURIComponent(secret)
  const form = new URLSearchParams({ s: secret }).toString().slice('s='.length)
  return [component, form].flatMap((encoded) => [
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  ])
}

/** The secret and every distinct form of it, for masking. */
export function secretForms(secret: string): string[] {
  return [...new Set([secret, ...jsonForms(secret), ...percentForms(secret)])]
}
