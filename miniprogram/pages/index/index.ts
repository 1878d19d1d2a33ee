// The sample page: the package's <ocr-photo> does the work (miniprogram_npm/wx-ocr-printed-text, built
// by 构建 npm); the page passes its configuration and hears the outcome. Built with Component (not
// Page) so miniprogram-simulate can render it in tests.
import type { OcrPhotoErrorDetail, OcrPhotoResultDetail } from 'wx-ocr-printed-text/ocr-photo'
import { CLOUD_ENV, OCR_FUNCTION_NAME } from '../../config'

Component({
  data: {
    functionName: OCR_FUNCTION_NAME,
    env: CLOUD_ENV,
    summary: '',
  },
  methods: {
    onResult(event: WechatMiniprogram.CustomEvent<OcrPhotoResultDetail>) {
      this.setData({ summary: `识别到 ${event.detail.items.length} 行文字` })
    },

    /** The component shows the userMessage and has logged the error; the page only clears its line. */
    onError(_event: WechatMiniprogram.CustomEvent<OcrPhotoErrorDetail>) {
      this.setData({ summary: '' })
    },
  },
})
