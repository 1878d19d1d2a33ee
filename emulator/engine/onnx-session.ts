import * as ort from 'onnxruntime-node'

/** What every ONNX session of the engine is created with. */
export interface OnnxSettings {
  /** Threads per ONNX session (see the engine's default). */
  intraOpNumThreads: number
  /** onnxruntime's CPU memory arena (see the engine's default). */
  memoryArena: boolean
}

export function sessionOptions(settings: OnnxSettings): ort.InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: settings.intraOpNumThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    enableCpuMemArena: settings.memoryArena,
    // Idle pool threads spin by default. On two shared cores (CI, a laptop running the emulator and a
    // test runner) the spinning thread starves the working one: a 1280x720 image took 3.0 s instead
    // of 0.6-0.9 s under load, and cost twice the CPU, with no gain when the machine is idle.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  }
}

export function createSession(
  model: Uint8Array,
  settings: OnnxSettings,
): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(model, sessionOptions(settings))
}
