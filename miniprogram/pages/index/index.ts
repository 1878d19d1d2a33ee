// The sample page: one button, a stage while working, then the photo with a box per line and the lines as
// a list; the privacy popup when the platform asks for it. Built with Component (not Page) so
// miniprogram-simulate can render it in tests; the flow itself lives in services/ and is only called here.
import { CLOUD_ENV, OCR_FUNCTION_NAME } from '../../config'
import { boxStyle, displaySizeFor, layoutBoxes, type DisplaySize } from '../../services/box-layout'
import { envProblem } from '../../services/cloud-env'
import { copyText } from '../../services/copy-text'
import {
  chooseAndRecognize,
  recognizePhoto,
  type FlowOptions,
  type FlowResult,
  type Stage,
} from '../../services/ocr-flow'
import type { PreparedPhoto } from '../../services/prepare-photo'
import {
  openPrivacyContract,
  watchPrivacy,
  type PrivacyGate,
  type PrivacyPort,
} from '../../services/privacy'
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
  /** Set when the app cannot work at all (no cloud env configured): the button stays disabled. */
  blocked: boolean
  privacyShown: boolean
  stageText: string
  error: ShownError | null
  /** Kept after a failure too: a retry uploads it again without asking the user to choose. */
  photo: PreparedPhoto | null
  display: DisplaySize
  boxes: BoxView[]
  lines: LineView[]
  text: string
  activeIndex: number
  copyError: string
}

const initialData: PageData = {
  busy: false,
  blocked: false,
  privacyShown: false,
  stageText: '',
  error: null,
  photo: null,
  display: { width: 0, height: 0 },
  boxes: [],
  lines: [],
  text: '',
  activeIndex: -1,
  copyError: '',
}

/** One page instance at a time; the platform keeps only the last privacy listener anyway. */
let privacy: PrivacyGate | undefined

/** The typings declare the privacy listener wrongly (see PrivacyPort); the runtime matches PrivacyPort. */
function privacyPort(): PrivacyPort {
  return wx as unknown as PrivacyPort
}

type IndexTap = WechatMiniprogram.TouchEvent<
  WechatMiniprogram.IAnyObject,
  WechatMiniprogram.IAnyObject,
  { index: number }
>

Component({
  data: initialData,
  lifetimes: {
    attached() {
      const problem = envProblem(CLOUD_ENV)
      if (problem !== null) this.setData({ blocked: true, error: problem })
      privacy = watchPrivacy(privacyPort(), (visible) => this.setData({ privacyShown: visible }))
    },
  },
  methods: {
    flowOptions(): FlowOptions {
      return {
        functionName: OCR_FUNCTION_NAME,
        env: CLOUD_ENV,
        onStage: (stage: Stage) => this.setData({ stageText: STAGE_TEXT[stage] }),
      }
    },

    async onChoose() {
      if (this.data.busy || this.data.blocked) return
      this.setData({ busy: true, stageText: '', error: null })
      this.show(await chooseAndRecognize(wx, this.flowOptions()))
    },

    async onRetry() {
      const { photo } = this.data
      if (this.data.busy || this.data.blocked) return
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
        this.setData({
          ...initialData,
          privacyShown: this.data.privacyShown,
          error: result.error,
          photo: result.photo ?? null,
        })
        return
      }
      const { reply, photo } = result
      const { windowWidth } = wx.getWindowInfo()
      const display = displaySizeFor(reply.imgSize, windowWidth - 2 * PAGE_PADDING_PX)
      this.setData({
        ...initialData,
        privacyShown: this.data.privacyShown,
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

    async onCopyAll() {
      this.setData({ copyError: '' })
      const error = await copyText(wx, this.data.text)
      if (error !== null) this.setData({ copyError: error.userMessage })
    },

    /** bindagreeprivacyauthorization of the open-type="agreePrivacyAuthorization" button. */
    onAgreePrivacy() {
      privacy?.agree()
    },

    onDisagreePrivacy() {
      privacy?.disagree()
    },

    onOpenPrivacyContract() {
      openPrivacyContract(privacyPort())
    },
  },
})
