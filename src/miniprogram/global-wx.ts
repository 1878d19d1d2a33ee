// The platform's `wx`, reached without miniprogram-api-typings' globals: this module-level declaration
// types the global as the flow's narrow port, so the flow type-checks in node programs (the tests) too.
import type { WxPort } from './wx-port'

declare const wx: WxPort

export function globalWx(): WxPort {
  return wx
}
