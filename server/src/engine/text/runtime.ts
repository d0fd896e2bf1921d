// The runtime's TextDecoder and TextEncoder (Node and browsers have them; native, GB/s). The engine
// is compiled without DOM or Node types, so they are reached through a locally typed view of
// globalThis rather than an ambient declaration (a global `declare class TextDecoder` would clash
// with @types/node in the projects that reference the engine).

export interface RuntimeDecoder {
  decode(input: Uint8Array | Uint16Array): string;
}

export interface RuntimeEncoder {
  encode(text: string): Uint8Array;
}

type DecoderConstructor = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => RuntimeDecoder;

/** A decoder for `label` ('utf-8', 'utf-16le'), or null when the runtime has none for it. */
export function runtimeDecoder(label: string, options: { fatal?: boolean; ignoreBOM?: boolean } = {}): RuntimeDecoder | null {
  const ctor = (globalThis as unknown as { TextDecoder?: DecoderConstructor }).TextDecoder;
  if (typeof ctor !== 'function') return null;
  try {
    return new ctor(label, options);
  } catch {
    return null;
  }
}

/** A UTF-8 encoder, or null when the runtime has none. */
export function runtimeEncoder(): RuntimeEncoder | null {
  const ctor = (globalThis as unknown as { TextEncoder?: new () => RuntimeEncoder }).TextEncoder;
  return typeof ctor === 'function' ? new ctor() : null;
}
