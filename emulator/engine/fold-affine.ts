import { onnx } from 'onnx-proto'

import { floatAttribute, GraphEdit, intAttribute, intsAttribute, newNode } from './onnx-graph'
import type { OnnxNode } from './onnx-graph'

/** How often each rewrite applied. */
export interface FoldCounts {
  /** Conv -> Mul(s) -> Add(b): s and b taken into the conv's weights and bias. */
  affineIntoConv: number
  /** Add(3) -> Clip(0, 6) -> Mul -> Div(6), hard-swish in four passes, as HardSigmoid -> Mul. */
  hardSwish: number
  /** Mul(s) -> Add(b) -> unpadded Conv: s and b taken into the conv. */
  affineIntoNextConv: number
  /** Mul(s) -> Add(b) -> padded Conv: s into the conv, b/s as a BatchNormalization before it. */
  affineBeforePaddedConv: number
}

/**
 * Rewrites PP-OCRv4's models (paddle2onnx exports of PPLCNetV3) into fewer operators, exactly up to
 * float rounding. Every conv of the backbone is followed by a learnable affine (Mul and Add by
 * scalars), a hard-swish written as four element-wise operators, and a second affine: eight passes
 * over the feature map per conv, 40% of the recognizer's time, and each breaks onnxruntime's blocked
 * (NCHWc) layout so the map is reordered out and back. Folded, the recognizer takes 0.8x the CPU, the
 * detector 0.8-0.95x, and both sessions load in less than half the time. Patterns that do not match
 * exactly are left as they are, so any model may go through. Change a rule, and raise FOLD_VERSION
 * (folded-model.ts) so that models folded by the old rules are folded again.
 */
export function foldAffine(model: Uint8Array): { model: Uint8Array; counts: FoldCounts } {
  const decoded = onnx.ModelProto.decode(model)
  const edit = new GraphEdit(decoded.graph as onnx.GraphProto)
  const counts: FoldCounts = {
    affineIntoConv: foldAffineIntoConv(edit),
    hardSwish: fuseHardSwish(edit),
    ...foldAffineIntoNextConv(edit),
  }
  edit.pruneConstants()
  return { model: onnx.ModelProto.encode(decoded).finish(), counts }
}

/** The scalar operand of a binary node and its other input, when one of the two is a scalar. */
function scalarOperand(edit: GraphEdit, node: OnnxNode | undefined, opType: string) {
  if (node?.opType !== opType || node.input.length !== 2) return undefined
  const [a = '', b = ''] = node.input
  const inA = edit.scalar(a)
  if (inA !== undefined) return { scalar: inA, other: b }
  const inB = edit.scalar(b)
  return inB === undefined ? undefined : { scalar: inB, other: a }
}

/** A conv whose weights (and bias, if any) are constants: [out, in / group, kh, kw]. */
function constantConv(edit: GraphEdit, node: OnnxNode | undefined) {
  if (node?.opType !== 'Conv') return undefined
  const weights = edit.floats(node.input[1])
  const dims = edit.dims(node.input[1])
  if (!weights || dims?.length !== 4) return undefined
  const [outputs = 0] = dims
  const bias = node.input[2] ? edit.floats(node.input[2]) : new Float32Array(outputs)
  return bias?.length === outputs ? { node, weights, dims, bias, outputs } : undefined
}

function foldAffineIntoConv(edit: GraphEdit): number {
  edit.reindex()
  const replaced = new Set<OnnxNode>()
  for (const node of edit.nodes) {
    const conv = constantConv(edit, node)
    const mul = edit.soleReader(node.output[0])
    const scale = scalarOperand(edit, mul, 'Mul')
    const add = edit.soleReader(mul?.output[0])
    const shift = scalarOperand(edit, add, 'Add')
    if (!conv || !mul || !scale || !add?.output[0] || !shift) continue
    const s = scale.scalar
    const b = shift.scalar
    conv.node.input[1] = edit.constant(
      conv.dims,
      conv.weights.map((w) => w * s),
    )
    conv.node.input[2] = edit.constant(
      [conv.outputs],
      conv.bias.map((v) => v * s + b),
    )
    conv.node.output[0] = add.output[0]
    replaced.add(mul).add(add)
  }
  edit.drop(replaced)
  return replaced.size / 2
}

function clipRange(edit: GraphEdit, clip: OnnxNode): [number | undefined, number | undefined] {
  // Opset < 11 has min and max as attributes, later ones as inputs.
  return clip.input.length > 1
    ? [edit.scalar(clip.input[1]), edit.scalar(clip.input[2])]
    : [floatAttribute(clip, 'min'), floatAttribute(clip, 'max')]
}

function fuseHardSwish(edit: GraphEdit): number {
  edit.reindex()
  const replaced = new Set<OnnxNode>()
  let fused = 0
  for (const div of [...edit.nodes]) {
    const six = scalarOperand(edit, div, 'Div')
    if (!six || six.scalar !== 6 || div.input[1] === six.other || !div.output[0]) continue
    const mul = edit.writer(six.other)
    if (mul?.opType !== 'Mul' || edit.readerCount(six.other) !== 1) continue
    const clip = mul.input.map((input) => edit.writer(input)).find((n) => n?.opType === 'Clip')
    const x = mul.input.find((input) => input !== clip?.output[0])
    if (!clip?.output[0] || x === undefined || edit.readerCount(clip.output[0]) !== 1) continue
    const [low, high] = clipRange(edit, clip)
    const add = edit.writer(clip.input[0])
    const three = scalarOperand(edit, add, 'Add')
    if (low !== 0 || high !== 6 || !add?.output[0] || three?.scalar !== 3 || three.other !== x)
      continue
    if (edit.readerCount(add.output[0]) !== 1) continue
    // x * clip(x + 3, 0, 6) / 6 = x * max(0, min(1, x / 6 + 1 / 2)): two passes instead of four.
    const gate = `${div.output[0]}_gate`
    edit.replace(
      div,
      newNode('HardSigmoid', [x], gate, { alpha: 1 / 6, beta: 0.5 }),
      newNode('Mul', [x, gate], div.output[0]),
    )
    replaced.add(add).add(clip).add(mul)
    fused++
  }
  edit.drop(replaced)
  return fused
}

function foldAffineIntoNextConv(edit: GraphEdit) {
  edit.reindex()
  const replaced = new Set<OnnxNode>()
  let intoConv = 0
  let beforePadded = 0
  for (const mul of [...edit.nodes]) {
    const scale = scalarOperand(edit, mul, 'Mul')
    const add = edit.soleReader(mul.output[0])
    const shift = scalarOperand(edit, add, 'Add')
    const conv = constantConv(edit, edit.soleReader(add?.output[0]))
    if (!scale || !add?.output[0] || !shift || !conv || conv.node.input[0] !== add.output[0])
      continue
    if (scale.scalar === 0) continue
    const s = scale.scalar
    const b = shift.scalar
    const [outputs = 0, perGroup = 0, kh = 0, kw = 0] = conv.dims
    const taps = perGroup * kh * kw
    conv.node.input[1] = edit.constant(
      conv.dims,
      conv.weights.map((w) => w * s),
    )
    const padded = intsAttribute(conv.node, 'pads').some((pad) => pad !== 0)
    if (!padded || b === 0) {
      // conv(s x + b) = conv_sW(x) + b * (sum of the unscaled weights of each output channel).
      const bias = conv.bias.map((v, o) => {
        let sum = 0
        for (let k = 0; k < taps; k++) sum += conv.weights[o * taps + k] ?? 0
        return v + b * sum
      })
      conv.node.input[2] = edit.constant([outputs], bias)
      conv.node.input[0] = scale.other
      replaced.add(mul).add(add)
      intoConv++
    } else {
      // The padding is zeros of (s x + b), not of x: b stays before the conv, as b / s once s is
      // in the weights. A BatchNormalization, because onnxruntime keeps it in the blocked layout
      // where an Add of a scalar would be reordered out and back.
      const channels = perGroup * intAttribute(conv.node, 'group', 1)
      const filled = (value: number) =>
        edit.constant([channels], new Float32Array(channels).fill(value))
      const shiftNode = newNode(
        'BatchNormalization',
        [scale.other, filled(1), filled(b / s), filled(0), filled(1)],
        add.output[0],
        { epsilon: 0 },
      )
      edit.replace(add, shiftNode)
      replaced.add(mul)
      beforePadded++
    }
  }
  edit.drop(replaced)
  return { affineIntoNextConv: intoConv, affineBeforePaddedConv: beforePadded }
}
