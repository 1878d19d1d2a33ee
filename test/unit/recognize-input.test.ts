// What recognize() says about input it refuses: zod's own account of the problem, naming the field, with
// zod's error kept as the failure's cause.
import * as z from 'zod'

import { causeOf } from '../../src/errors/failure'
import { parseRecognizeInput } from '../../src/https/recognize-input'

function refusal(input: unknown): { message: string; cause: unknown } {
  const prepared = parseRecognizeInput(input)
  if (prepared.ok) throw new Error('expected INVALID_REQUEST')
  expect(prepared.error.code).toBe('INVALID_REQUEST')
  return { message: prepared.error.message, cause: causeOf(prepared) }
}

describe('parseRecognizeInput refusing input', () => {
  it.each([
    ['img without value', { img: { contentType: 'image/png' } }, /→ at img$/],
    ['an ftp imgUrl', { imgUrl: 'ftp://example.com/a.png' }, /→ at imgUrl/],
    ['no image at all', {}, /→ at imgUrl/],
    ['a fileID beside img', { img: Buffer.from('x'), fileID: 'a' }, /Unrecognized key: "fileID"/],
    ['not an object', 'img.png', /expected object/],
  ])('%s: names what is wrong', (_, input, named) => {
    // Act
    const { message, cause } = refusal(input)
    // Assess
    expect(message).toMatch(/^Invalid recognize\(\) input \(pass \{ imgUrl \} or \{ img \}\):\n✖ /)
    expect(message).toMatch(named)
    expect(cause).toBeInstanceOf(z.ZodError)
  })
})
