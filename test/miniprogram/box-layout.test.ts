// The geometry alone: from the pixels the function saw (imgSize) to percent of the displayed photo.
import { describe, expect, it } from '@jest/globals'
import { boxStyle, heightRatio, layoutBoxes } from '../../src/miniprogram/box-layout'
import type { OcrItem } from '../../src/miniprogram/core-types'

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
  it('keeps the ratio of imgSize for the frame', () => {
    expect(heightRatio({ w: 1600, h: 1200 })).toBe(75)
  })

  it('scales each axis from imgSize to percent of the photo', () => {
    const boxes = layoutBoxes([rect(400, 300, 1200, 600)], { w: 1600, h: 1200 })

    expect(boxes).toEqual([{ index: 0, left: 25, top: 25, width: 50, height: 25 }])
  })

  it('clips corners that fall outside the photo, so no box hangs off it', () => {
    const boxes = layoutBoxes([rect(-20, -10, 1700, 100)], { w: 1600, h: 1200 })

    expect(boxes).toEqual([{ index: 0, left: 0, top: 0, width: 100, height: 8.33 }])
  })

  it('writes the box as percent offsets', () => {
    expect(boxStyle({ index: 0, left: 1.5, top: 2, width: 3, height: 4 })).toBe(
      'left: 1.5%; top: 2%; width: 3%; height: 4%;',
    )
  })
})
