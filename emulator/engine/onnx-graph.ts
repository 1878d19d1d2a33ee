import { onnx } from 'onnx-proto'

export type OnnxNode = onnx.NodeProto

/**
 * An ONNX graph opened for rewriting: its constant tensors (Constant nodes, as paddle2onnx writes
 * weights, and initializers), who produces and who reads each value, and new constants added as
 * initializers. The indexes describe the graph as it was when they were last built: a rewrite pass
 * builds them once (`reindex`), edits, then drops what it replaced (`drop`).
 */
export class GraphEdit {
  private readonly constants = new Map<string, onnx.ITensorProto>()
  private readers = new Map<string, OnnxNode[]>()
  private writers = new Map<string, OnnxNode>()
  private added = 0

  constructor(readonly graph: onnx.GraphProto) {
    for (const node of this.nodes) {
      const value = node.attribute.find((a) => a.name === 'value')?.t
      if (node.opType === 'Constant' && value && node.output[0])
        this.constants.set(node.output[0], value)
    }
    for (const tensor of graph.initializer) if (tensor.name) this.constants.set(tensor.name, tensor)
    this.reindex()
  }

  /** decode() makes every message an instance of its class; the typings only promise the interface. */
  get nodes(): OnnxNode[] {
    return this.graph.node as OnnxNode[]
  }

  set nodes(nodes: OnnxNode[]) {
    this.graph.node = nodes
  }

  reindex(): void {
    this.readers = new Map()
    this.writers = new Map()
    for (const node of this.nodes) {
      for (const input of node.input)
        this.readers.set(input, [...(this.readers.get(input) ?? []), node])
      for (const output of node.output) this.writers.set(output, node)
    }
  }

  /** The one node that reads `value`, if exactly one does (and the graph does not answer it). */
  soleReader(value: string | undefined): OnnxNode | undefined {
    if (value === undefined || this.graph.output.some((o) => o.name === value)) return undefined
    const readers = this.readers.get(value) ?? []
    return readers.length === 1 ? readers[0] : undefined
  }

  readerCount(value: string): number {
    return this.readers.get(value)?.length ?? 0
  }

  writer(value: string | undefined): OnnxNode | undefined {
    return value === undefined ? undefined : this.writers.get(value)
  }

  dims(value: string | undefined): number[] | undefined {
    const tensor = value === undefined ? undefined : this.constants.get(value)
    return tensor?.dims?.map(Number)
  }

  /** A float32 constant's values, or undefined for anything computed or of another type. */
  floats(value: string | undefined): Float32Array | undefined {
    const tensor = value === undefined ? undefined : this.constants.get(value)
    if (!tensor || tensor.dataType !== onnx.TensorProto.DataType.FLOAT) return undefined
    if (tensor.floatData && tensor.floatData.length > 0) return Float32Array.from(tensor.floatData)
    const raw = tensor.rawData ?? new Uint8Array()
    // Copied: the protobuf's bytes need not be 4-byte aligned.
    return new Float32Array(Uint8Array.from(raw).buffer)
  }

  /** The value of a one-element float32 constant. */
  scalar(value: string | undefined): number | undefined {
    const values = this.floats(value)
    return values?.length === 1 ? values[0] : undefined
  }

  /** Adds a float32 initializer and answers its name. */
  constant(dims: readonly number[], values: Float32Array): string {
    const name = `folded_${this.added++}`
    const tensor = onnx.TensorProto.create({
      name,
      dims: [...dims],
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    })
    this.graph.initializer.push(tensor)
    this.constants.set(name, tensor)
    return name
  }

  /** Puts `replacements` where `node` was. */
  replace(node: OnnxNode, ...replacements: OnnxNode[]): void {
    this.nodes.splice(this.nodes.indexOf(node), 1, ...replacements)
  }

  drop(nodes: ReadonlySet<OnnxNode>): void {
    this.nodes = this.nodes.filter((node) => !nodes.has(node))
  }

  /** Removes constants nothing reads any more (the weights a rewrite replaced). */
  pruneConstants(): void {
    const read = new Set(this.nodes.flatMap((node) => node.input))
    for (const output of this.graph.output) if (output.name) read.add(output.name)
    this.nodes = this.nodes.filter(
      (node) => node.opType !== 'Constant' || read.has(node.output[0] ?? ''),
    )
    this.graph.initializer = this.graph.initializer.filter((tensor) => read.has(tensor.name ?? ''))
  }
}

export function intsAttribute(node: OnnxNode, name: string): number[] {
  return (node.attribute.find((a) => a.name === name)?.ints ?? []).map(Number)
}

export function intAttribute(node: OnnxNode, name: string, fallback: number): number {
  const attribute = node.attribute.find((a) => a.name === name)
  return attribute?.i === undefined || attribute.i === null ? fallback : Number(attribute.i)
}

export function floatAttribute(node: OnnxNode, name: string): number | undefined {
  const attribute = node.attribute.find((a) => a.name === name)
  return attribute?.type === onnx.AttributeProto.AttributeType.FLOAT
    ? (attribute.f ?? 0)
    : undefined
}

export function newNode(
  opType: string,
  input: string[],
  output: string,
  floats: Record<string, number> = {},
): OnnxNode {
  return onnx.NodeProto.create({
    opType,
    name: `${output}_${opType}`,
    input,
    output: [output],
    attribute: Object.entries(floats).map(([name, f]) =>
      onnx.AttributeProto.create({ name, f, type: onnx.AttributeProto.AttributeType.FLOAT }),
    ),
  })
}
