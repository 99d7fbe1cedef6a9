/**
 * A one-node ONNX model, Y = MatMul(A, B) with B stored as an initializer, written as
 * protobuf bytes by hand (the field numbers of onnx.proto3), so that the benchmark can time
 * onnxruntime's exact product without any model file or converter.
 */

/**
 * Protobuf writer for the few wire types the model needs. It keeps byte chunks, not a list of
 * numbers: B's initializer of 512 × 60000 floats is 123 MB, beyond a JavaScript array's size.
 */
class Proto {
  private readonly parts: Uint8Array[] = [];

  varint(field: number, value: number): this {
    this.key(field, 0);
    this.raw(value);
    return this;
  }

  bytes(field: number, data: Uint8Array): this {
    this.key(field, 2);
    this.raw(data.length);
    this.parts.push(data);
    return this;
  }

  string(field: number, text: string): this {
    return this.bytes(field, new TextEncoder().encode(text));
  }

  message(field: number, inner: Proto): this {
    return this.bytes(field, inner.done());
  }

  done(): Uint8Array {
    const out = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  private key(field: number, wire: number): void {
    this.raw(field * 8 + wire);
  }

  private raw(value: number): void {
    const bytes: number[] = [];
    let v = value;
    // Non-negative integers below 2^53 only: shapes, lengths and enum values.
    while (v >= 128) {
      bytes.push((v % 128) | 128);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
    this.parts.push(Uint8Array.from(bytes));
  }
}

const FLOAT = 1;

function tensorType(dims: (number | string)[]): Proto {
  const shape = new Proto();
  for (const d of dims) {
    shape.message(1, typeof d === 'number' ? new Proto().varint(1, d) : new Proto().string(2, d));
  }
  return new Proto().message(1, new Proto().varint(1, FLOAT).message(2, shape));
}

/** The model's bytes for B (D, M) f32 row-major; input "A" (N, D), output "Y" (N, M). */
export function matmulModel(B: Float32Array, D: number, M: number): Uint8Array {
  const raw = new Uint8Array(B.buffer.slice(B.byteOffset, B.byteOffset + B.byteLength));
  const initializer = new Proto().varint(1, D).varint(1, M).varint(2, FLOAT).string(8, 'B')
    .bytes(9, raw);
  const node = new Proto().string(1, 'A').string(1, 'B').string(2, 'Y').string(4, 'MatMul');
  const graph = new Proto().message(1, node).string(2, 'matmul').message(5, initializer)
    .message(11, new Proto().string(1, 'A').message(2, tensorType(['N', D])))
    .message(12, new Proto().string(1, 'Y').message(2, tensorType(['N', M])));
  return new Proto().varint(1, 7).message(7, graph)
    .message(8, new Proto().string(1, '').varint(2, 13)).done();
}
