/**
 * The fast Walsh–Hadamard transform, stage by stage: the order that defines FastJL's
 * float32 results (assembly/fwht.ts fuses stages but performs the same operations).
 */

/**
 * x[start .. start + n) ← H_n · x[start .. start + n) in place, unnormalized (H_n H_n = n I):
 * strides h = 1, 2, 4, .., n/2, each butterfly (u, v) ← (u + v, u − v). On a Float32Array
 * every result rounds to float32 when stored, as the kernel's f32x4 operations do.
 * @param n a power of two
 */
export function fwht(x: Float32Array | Float64Array, start: number, n: number): void {
  for (let h = 1; h < n; h *= 2) {
    for (let i = start, end = start + n; i < end; i += 2 * h) {
      for (let j = i; j < i + h; j++) {
        const a = x[j];
        const b = x[j + h];
        x[j] = a + b;
        x[j + h] = a - b;
      }
    }
  }
}
