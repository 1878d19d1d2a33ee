import { existsSync } from 'node:fs'

import { GlobalFonts } from '@napi-rs/canvas'

export const CJK_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'
export const CJK_FONT_FAMILY = 'WenQuanYi Micro Hei'

let registered = false

/**
 * Registers the one font every generated image uses. Rendering without it would silently fall back to
 * tofu boxes for Chinese, and the "known truth" would no longer be what the image shows.
 */
export function ensureCjkFont(): string {
  if (registered) return CJK_FONT_FAMILY
  if (!existsSync(CJK_FONT_PATH)) {
    throw new Error(
      `The CJK test font is missing: ${CJK_FONT_PATH}. Install it with ` +
        '`apt-get update && apt-get install -y fonts-wqy-microhei` (Debian/Ubuntu), then rerun.',
    )
  }
  GlobalFonts.registerFromPath(CJK_FONT_PATH)
  if (!GlobalFonts.has(CJK_FONT_FAMILY)) {
    throw new Error(`${CJK_FONT_PATH} did not register the family "${CJK_FONT_FAMILY}".`)
  }
  registered = true
  return CJK_FONT_FAMILY
}
