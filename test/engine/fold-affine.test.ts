// The models as the engine loads them: PP-OCRv4's exports with each conv's learnable affine and
// hard-swish folded (emulator/engine/fold-affine.ts). The rewrite must apply where the exports have
// the pattern, change nothing the engine answers, and be cached so that only the first load folds.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { onnx } from 'onnx-proto'

import { createPaddleEngine } from '../../emulator/engine'
import { foldAffine } from '../../emulator/engine/fold-affine'
import { readFoldedModel } from '../../emulator/engine/folded-model'
import { defaultModelDir } from '../../emulator/engine/model-assets'
import { GraphEdit } from '../../emulator/engine/onnx-graph'
import { generateTextImage, slideScene, standardCorpus } from '../support/images'

const REC = path.join(defaultModelDir(), 'ch_PP-OCRv4_rec_infer.onnx')
const DET = path.join(defaultModelDir(), 'ch_PP-OCRv4_det_infer.onnx')

/** Byte equality of two models (jest's toEqual walks 10 MB element by element). */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)
}

function opCounts(model: Uint8Array): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const node of onnx.ModelProto.decode(model).graph?.node ?? []) {
    const op = node.opType ?? ''
    if (op !== 'Constant') counts[op] = (counts[op] ?? 0) + 1
  }
  return counts
}

test.each([
  // Every conv of PPLCNetV3 but the stem; the padded (depthwise) convs keep their shift.
  [
    'recognizer',
    REC,
    { affineIntoConv: 28, hardSwish: 28, affineIntoNextConv: 12, affineBeforePaddedConv: 13 },
  ],
  [
    'detector',
    DET,
    { affineIntoConv: 28, hardSwish: 24, affineIntoNextConv: 10, affineBeforePaddedConv: 10 },
  ],
])(
  'the %s loses its affine and hard-swish operators, and keeps its convs',
  async (_, file, expected) => {
    const source = await readFile(file)
    const { model, counts } = foldAffine(source)
    expect(counts).toEqual(expected)
    const before = opCounts(source)
    const after = opCounts(model)
    expect(after.Conv).toBe(before.Conv)
    // Every hard-swish of the pattern was a Clip and a Div; none is left.
    expect((before.Clip ?? 0) - (after.Clip ?? 0)).toBe(expected.hardSwish)
    expect((before.Div ?? 0) - (after.Div ?? 0)).toBe(expected.hardSwish)
    expect(after.HardSigmoid).toBe((before.HardSigmoid ?? 0) + expected.hardSwish)
    // Each fold removes a Mul and an Add; each swish turns Add, Mul into HardSigmoid, Mul.
    const removed = 2 * (expected.affineIntoConv + expected.affineIntoNextConv) + expected.hardSwish
    expect((before.Mul ?? 0) + (before.Add ?? 0) - (after.Mul ?? 0) - (after.Add ?? 0)).toBe(
      removed + expected.affineBeforePaddedConv * 2,
    )
    expect(after.BatchNormalization).toBe(
      (before.BatchNormalization ?? 0) + expected.affineBeforePaddedConv,
    )
  },
)

test("a folded conv's weights are the exported ones times the affine's scale, its bias shifted", async () => {
  const source = onnx.ModelProto.decode(await readFile(REC))
  const graph = new GraphEdit(source.graph as onnx.GraphProto)
  // The recognizer's second conv (depthwise, 16 channels) is followed by Mul(s), Add(b).
  const conv = graph.nodes.filter((n) => n.opType === 'Conv')[1]
  const mul = graph.soleReader(conv?.output[0])
  const add = graph.soleReader(mul?.output[0])
  const s = graph.scalar(mul?.input[0]) ?? graph.scalar(mul?.input[1])
  const b = graph.scalar(add?.input[1]) ?? graph.scalar(add?.input[0])
  const weights = graph.floats(conv?.input[1])
  const bias = graph.floats(conv?.input[2])
  expect([s, b, weights?.length, bias?.length]).toEqual([
    expect.any(Number),
    expect.any(Number),
    144,
    16,
  ])

  const folded = new GraphEdit(
    onnx.ModelProto.decode(foldAffine(await readFile(REC)).model).graph as onnx.GraphProto,
  )
  const foldedConv = folded.nodes.filter((n) => n.opType === 'Conv')[1]
  expect(foldedConv?.output[0]).toBe(add?.output[0])
  const foldedWeights = Array.from(folded.floats(foldedConv?.input[1]) ?? [])
  const foldedBias = Array.from(folded.floats(foldedConv?.input[2]) ?? [])
  foldedWeights.forEach((w, i) => expect(w).toBeCloseTo((weights?.[i] ?? NaN) * (s ?? NaN), 6))
  foldedBias.forEach((v, i) =>
    expect(v).toBeCloseTo((bias?.[i] ?? NaN) * (s ?? NaN) + (b ?? NaN), 6),
  )
})

test('the engine answers the same with folded models as with the exported ones', async () => {
  const images = [await generateTextImage(slideScene()), ...(await standardCorpus()).slice(0, 1)]
  const exported = createPaddleEngine({ foldModels: false, lineReaders: 1 })
  const folded = createPaddleEngine({ foldModels: true, lineReaders: 1 })
  try {
    for (const image of images) {
      const [want, got] = await Promise.all([
        exported.recognize(image.bytes),
        folded.recognize(image.bytes),
      ])
      expect(want.items.length).toBeGreaterThan(0)
      expect(got).toEqual(want)
    }
  } finally {
    await Promise.all([exported.dispose(), folded.dispose()])
  }
}, 120_000)

describe('the folded-model cache', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fold-cache-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  test('the first load folds and keeps the result; the next reads it back', async () => {
    const model = path.join(dir, 'det.onnx')
    await writeFile(model, await readFile(DET))
    const cache = path.join(dir, 'cache')
    const first = await readFoldedModel(model, cache)
    expect(same(first, foldAffine(await readFile(DET)).model)).toBe(true)
    const [kept] = await readdir(cache)
    expect(kept).toMatch(/^det\.[0-9a-f]{16}\.onnx$/)

    // A marked copy in the cache is what the next load answers: it did not fold again.
    const marked = Buffer.concat([Buffer.from(first), Buffer.from('kept')])
    await writeFile(path.join(cache, kept ?? ''), marked)
    expect(same(await readFoldedModel(model, cache), marked)).toBe(true)
  })

  test('another model under the same name is folded anew, and a cache that cannot be written only costs time', async () => {
    const model = path.join(dir, 'model.onnx')
    const cache = path.join(dir, 'cache')
    await writeFile(model, await readFile(DET))
    await readFoldedModel(model, cache)
    await writeFile(model, await readFile(REC))
    const rec = await readFoldedModel(model, cache)
    expect(same(rec, foldAffine(await readFile(REC)).model)).toBe(true)
    expect(await readdir(cache)).toHaveLength(2)

    // A file where the cache folder should be: nothing can be written there.
    const blocked = path.join(dir, 'blocked')
    await writeFile(blocked, 'not a folder')
    expect(same(await readFoldedModel(model, blocked), rec)).toBe(true)
  })
})
