// <ocr-photo>: the whole flow as one tag. The choose button, the stage, the photo with a box over each
// line, the lines (a tapped box highlights its line and the other way round), 复制全部, the userMessage
// with 重试 when retrying can help, and the privacy popup. Events: `result` (detail: the reply), `error`
// (detail: the error, of a recognition or of 复制全部) and `cancel` (the user closed the picker). `src` + `reply` show a reply the page got by itself (display only).
// At run time `../index` is the package's own miniprogram_dist/index.js: the flow lives there once.
import {
  boxStyle,
  copyText,
  envProblem,
  heightRatio,
  layoutBoxes,
  openPrivacyContract,
  recognizePhoto,
  watchPrivacy,
  type CloudEnv,
  type OcrSuccess,
  type PrivacyGate,
  type PrivacyPort,
  type ShownError,
  type Stage,
  type WxCloudPort,
} from '../index'

const STAGE_TEXT: Record<Stage, string> = {
  compressing: '压缩中',
  uploading: '上传中',
  recognizing: '识别中',
}

interface BoxView {
  index: number
  style: string
}

interface LineView {
  index: number
  text: string
}

/** useCloud()'s instance per component: kept off `data`, which would copy it and lose its methods. */
const cloudOf = new WeakMap<object, WxCloudPort>()

/** One instance listens at a time: the platform keeps only the last privacy listener. */
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

function isReply(value: unknown): value is OcrSuccess {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === true
}

Component({
  externalClasses: ['ocr-class', 'ocr-button-class', 'ocr-box-class', 'ocr-line-class'],
  properties: {
    /** The cloud function's name (recognizePhoto's `functionName`). */
    functionName: { type: String, value: '' },
    /**
     * An env id (recognizePhoto's `env`); empty: wx.cloud.init's. A wx.cloud.Cloud instance cannot pass
     * through a property (properties are copied as data, methods lost): give it to useCloud().
     */
    env: { type: String, value: '' },
    /** With `reply`: show this photo and reply, got by the page itself. */
    src: { type: String, value: '' },
    reply: { type: Object, value: {} },
  },
  data: {
    busy: false,
    /** The env is a placeholder: the button stays disabled. */
    blocked: false,
    privacyShown: false,
    stageText: '',
    error: null as ShownError | null,
    /** Kept after a failure too: 重试 sends it again without asking the user to choose. */
    photoPath: '',
    ratio: 0,
    boxes: [] as BoxView[],
    lines: [] as LineView[],
    text: '',
    activeIndex: -1,
    copyError: '',
  },
  observers: {
    'src, reply'(src: string, reply: unknown) {
      if (src !== '' && isReply(reply)) this.showReply(src, reply)
    },
    env(env: string) {
      this.checkEnv(env)
    },
  },
  lifetimes: {
    attached() {
      this.checkEnv(this.data.env)
      privacy = watchPrivacy(privacyPort(), (visible) => this.setData({ privacyShown: visible }))
    },
  },
  methods: {
    /** A placeholder env id (a template's "your-env-id") blocks the button and says why. */
    checkEnv(env: string) {
      const problem = env === '' ? null : envProblem(env)
      if (problem === null && !this.data.blocked) return
      this.setData({ blocked: problem !== null, error: problem })
    },

    onChoose() {
      return this.recognize(undefined)
    },

    onRetry() {
      return this.recognize(this.data.photoPath === '' ? undefined : this.data.photoPath)
    },

    async recognize(filePath: string | undefined) {
      if (this.data.busy || this.data.blocked) return
      this.setData({ busy: true, stageText: '', error: null, copyError: '' })
      const env: CloudEnv = cloudOf.get(this) ?? this.data.env
      const reply = await recognizePhoto({
        functionName: this.data.functionName,
        env,
        ...(filePath === undefined ? {} : { filePath }),
        onStage: (stage) => this.setData({ stageText: STAGE_TEXT[stage] }),
      })
      this.setData({ busy: false, stageText: '' })
      if (reply === null) {
        this.triggerEvent('cancel', {})
        return
      }
      if (!reply.ok) {
        this.setData({
          error: reply.error,
          photoPath: reply.photo?.path ?? '',
          boxes: [],
          lines: [],
          text: '',
          activeIndex: -1,
        })
        this.triggerEvent('error', reply.error)
        return
      }
      this.showReply(reply.photo.path, reply)
      this.triggerEvent('result', reply)
    },

    showReply(photoPath: string, reply: OcrSuccess) {
      this.setData({
        error: null,
        photoPath,
        ratio: heightRatio(reply.imgSize),
        boxes: layoutBoxes(reply.items, reply.imgSize).map((box) => ({
          index: box.index,
          style: boxStyle(box),
        })),
        lines: reply.items.map(({ text }, index) => ({ index, text })),
        text: reply.text,
        activeIndex: -1,
      })
    },

    /** An instance of wx.cloud.Cloud, already init()ed, for apps that use several environments. */
    useCloud(cloud: WxCloudPort) {
      cloudOf.set(this, cloud)
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
      if (error === null) return
      this.setData({ copyError: error.userMessage })
      this.triggerEvent('error', error)
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
