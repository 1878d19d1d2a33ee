// The geometry alone: scaling from the size the function saw to the size on screen.
import { describe, expect, it } from '@jest/globals'
import { boxStyle, displaySizeFor, layoutBoxes } from '../../miniprogram/services/box-layout'
import type { OcrItem } from '../../miniprogram/types/core'

function rect(x1: number, y1: number, x2: number, y2: number): OcrItem {
  return {
    text: 't',
    pos: {
      leftTop: { x: x1, y: y1 },
      rightTop: { x: x2, y: y1 },
      rightBottom: { x: x2, y: y2 },
      leftBottom: { x: x1, y: y2 },
    },
  }
}

describe('box layout', () => {
  it('keeps the ratio of imgSize when fitting the available width', () => {
    expect(displaySizeFor({ w: 1600, h: 1200 }, 343)).toEqual({ width: 343, height: 257.25 })
  })

  it('scales each axis from imgSize to the display', () => {
    const boxes = layoutBoxes(
      [rect(400, 300, 1200, 600)],
      { w: 1600, h: 1200 },
      { width: 400, height: 300 },
    )

    expect(boxes).toEqual([{ index: 0, left: 100, top: 75, width: 200, height: 75 }])
  })

  it('clips corners that fall outside the photo, so no box hangs off it', () => {
    const boxes = layoutBoxes(
      [rect(-20, -10, 1700, 100)],
      { w: 1600, h: 1200 },
      { width: 400, height: 300 },
    )

    expect(boxes).toEqual([{ index: 0, left: 0, top: 0, width: 400, height: 25 }])
  })

  it('writes the box as absolute pixel offsets', () => {
    expect(boxStyle({ index: 0, left: 1.5, top: 2, width: 3, height: 4 })).toBe(
      'left: 1.5px; top: 2px; width: 3px; height: 4px;',
    )
  })
})
