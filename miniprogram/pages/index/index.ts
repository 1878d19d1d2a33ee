// The sample page: one button, a stage while working, then the photo with a box per line and the lines as
// a list. Built with Component (not Page) so miniprogram-simulate can render it in tests; the flow itself
// lives in services/ and is only called from here.
import { CLOUD_ENV, OCR_FUNCTION_NAME } from '../../config'
import { boxStyle, displaySizeFor, layoutBoxes, type DisplaySize } from '../../services/box-layout'
import {
  chooseAndRecognize,
  recognizePhoto,
  type FlowOptions,
  type FlowResult,
  type Stage,
} from '../../services/ocr-flow'
import type { PreparedPhoto } from '../../services/prepare-photo'
import type { ShownError } from '../../services/shown-error'

const STAGE_TEXT: Record<Stage, string> = {
  compressing: '压缩中',
  uploading: '上传中',
  recognizing: '识别中',
}

/** Must match the horizontal padding of .page in index.wxss: the photo fills the width between. */
const PAGE_PADDING_PX = 16

interface BoxView {
  index: number
  style: string
}

interface LineView {
  index: number
  text: string
}

interface PageData {
  busy: boolean
  stageText: string
  error: ShownError | null
  /** Kept after a failure too: a retry uploads it again without asking the user to choose. */
  photo: PreparedPhoto | null
  display: DisplaySize
  boxes: BoxView[]
  lines: LineView[]
  text: string
  activeIndex: number
}

const initialData: PageData = {
  busy: false,
  stageText: '',
  error: null,
  photo: null,
  display: { width: 0, height: 0 },
  boxes: [],
  lines: [],
  text: '',
  activeIndex: -1,
}

type IndexTap = WechatMiniprogram.TouchEvent<
  WechatMiniprogram.IAnyObject,
  WechatMiniprogram.IAnyObject,
  { index: number }
>

Component({
  data: initialData,
  methods: {
    flowOptions(): FlowOptions {
      return {
        functionName: OCR_FUNCTION_NAME,
        env: CLOUD_ENV,
        onStage: (stage: Stage) => this.setData({ stageText: STAGE_TEXT[stage] }),
      }
    },

    async onChoose() {
      if (this.data.busy) return
      this.setData({ busy: true, stageText: '', error: null })
      this.show(await chooseAndRecognize(wx, this.flowOptions()))
    },

    async onRetry() {
      const { photo } = this.data
      if (this.data.busy) return
      if (photo === null) return this.onChoose()
      this.setData({ busy: true, stageText: '', error: null })
      this.show(await recognizePhoto(wx, photo, this.flowOptions()))
    },

    show(result: FlowResult) {
      if (result.kind === 'cancelled') {
        this.setData({ busy: false, stageText: '' })
        return
      }
      if (result.kind === 'failed') {
        this.setData({ ...initialData, error: result.error, photo: result.photo ?? null })
        return
      }
      const { reply, photo } = result
      const { windowWidth } = wx.getWindowInfo()
      const display = displaySizeFor(reply.imgSize, windowWidth - 2 * PAGE_PADDING_PX)
      this.setData({
        ...initialData,
        photo,
        display,
        boxes: layoutBoxes(reply.items, reply.imgSize, display).map((box) => ({
          index: box.index,
          style: boxStyle(box),
        })),
        lines: reply.items.map(({ text }, index) => ({ index, text })),
        text: reply.text,
      })
    },

    onTapBox(event: IndexTap) {
      this.setData({ activeIndex: event.currentTarget.dataset.index })
    },

    onTapLine(event: IndexTap) {
      this.setData({ activeIndex: event.currentTarget.dataset.index })
    },

    onCopyAll() {
      wx.setClipboardData({ data: this.data.text })
    },
  },
})
