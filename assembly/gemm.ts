// Exact float32 matrix product, register-blocked with 128-bit SIMD.
//
// gemm_f32(a, b, c, N, D, M, pack)
//   a:    (N, D) f32 row-major          b: (D, M) f32 row-major
//   c:    (N, M) f32 row-major, written  pack: scratch of ceil(M / 8) * D * 8 f32, 16-byte aligned
// packB_f32(b, D, M, pack) and gemmPacked_f32(a, pack, c, N, D, M) are the two halves, so that
// a host can pack B once and multiply A in row chunks.
// B is first copied into panels of 8 columns, (panel, k, 8), zero-padded past column M, so the
// micro-kernel always loads two full vectors. The micro-kernel keeps a 4 × 8 tile of C in eight
// registers (x64 has 16) and walks k once; a last panel of at most 4 columns uses a 4 × 4 tile
// (so that M = 10 computes 12 columns, not 16); rows past the last multiple of 4 go through a
// 1 × 8 kernel, and columns past M are computed into a stack tile and dropped, so any
// N, D, M ≥ 0 work.
// Every lane multiplies and adds separately in k order, matching the scalar twin bit for bit.

const TILE_COLS = 8;

export function gemm_f32(a: usize, b: usize, c: usize, N: i32, D: i32, M: i32, pack: usize): void {
  packB_f32(b, D, M, pack);
  gemmPacked_f32(a, pack, c, N, D, M);
}

export function packB_f32(b: usize, D: i32, M: i32, pack: usize): void {
  if (M > 0) packPanels(b, D, M, (M + TILE_COLS - 1) / TILE_COLS, pack);
}

export function gemmPacked_f32(a: usize, pack: usize, c: usize, N: i32, D: i32, M: i32): void {
  if (N <= 0 || M <= 0) return;
  const panels = (M + TILE_COLS - 1) / TILE_COLS;
  const rowBytes = <usize>D << 2;
  const outRowBytes = <usize>M << 2;
  let i = 0;
  for (; i + 4 <= N; i += 4) {
    const aRow = a + <usize>i * rowBytes;
    for (let p = 0; p < panels; p++) {
      const width = min(TILE_COLS, M - p * TILE_COLS);
      const panel = pack + <usize>p * rowBytes * TILE_COLS;
      if (width <= 4) tile4x4(aRow, rowBytes, panel, D, c + <usize>i * outRowBytes, outRowBytes,
        width, p);
      else tile4x8(aRow, rowBytes, panel, D, c + <usize>i * outRowBytes, outRowBytes, width, p);
    }
  }
  for (; i < N; i++) {
    const aRow = a + <usize>i * rowBytes;
    for (let p = 0; p < panels; p++) {
      tile1x8(aRow, pack + <usize>p * rowBytes * TILE_COLS, D,
        c + <usize>i * outRowBytes, min(TILE_COLS, M - p * TILE_COLS), p);
    }
  }
}

function packPanels(b: usize, D: i32, M: i32, panels: i32, pack: usize): void {
  for (let p = 0; p < panels; p++) {
    const j0 = p * TILE_COLS;
    const width = min(TILE_COLS, M - j0);
    const panel = pack + <usize>p * (<usize>D << 2) * TILE_COLS;
    for (let k = 0; k < D; k++) {
      const src = b + ((<usize>k * M + j0) << 2);
      const dst = panel + (<usize>k << 5);
      for (let j = 0; j < TILE_COLS; j++) {
        store<f32>(dst + (<usize>j << 2), j < width ? load<f32>(src + (<usize>j << 2)) : 0);
      }
    }
  }
}

// Scratch tile for ragged column panels: 4 rows × 8 f32.
const edge = memory.data(4 * TILE_COLS * 4, 16);

@inline
function tile4x8(
  aRow: usize, rowBytes: usize, panel: usize, D: i32,
  cRow: usize, outRowBytes: usize, width: i32, p: i32,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let a0 = aRow;
  for (let k = 0; k < D; k++) {
    const b0 = v128.load(panel, 0);
    const b1 = v128.load(panel, 16);
    let x = f32x4.splat(load<f32>(a0));
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = f32x4.splat(load<f32>(a0 + rowBytes));
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = f32x4.splat(load<f32>(a0 + 2 * rowBytes));
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = f32x4.splat(load<f32>(a0 + 3 * rowBytes));
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    a0 += 4;
    panel += 32;
  }
  const col = <usize>(p * TILE_COLS) << 2;
  if (width == TILE_COLS) {
    const out = cRow + col;
    v128.store(out, c00, 0); v128.store(out, c01, 16);
    v128.store(out + outRowBytes, c10, 0); v128.store(out + outRowBytes, c11, 16);
    v128.store(out + 2 * outRowBytes, c20, 0); v128.store(out + 2 * outRowBytes, c21, 16);
    v128.store(out + 3 * outRowBytes, c30, 0); v128.store(out + 3 * outRowBytes, c31, 16);
    return;
  }
  v128.store(edge, c00, 0); v128.store(edge, c01, 16);
  v128.store(edge, c10, 32); v128.store(edge, c11, 48);
  v128.store(edge, c20, 64); v128.store(edge, c21, 80);
  v128.store(edge, c30, 96); v128.store(edge, c31, 112);
  for (let r = 0; r < 4; r++) {
    const out = cRow + <usize>r * outRowBytes + col;
    for (let j = 0; j < width; j++) {
      store<f32>(out + (<usize>j << 2), load<f32>(edge + ((<usize>(r * TILE_COLS + j)) << 2)));
    }
  }
}

// The 4 × 4 variant for a last panel of at most 4 columns: only the first half of each packed
// 8-wide row of the panel is read.
@inline
function tile4x4(
  aRow: usize, rowBytes: usize, panel: usize, D: i32,
  cRow: usize, outRowBytes: usize, width: i32, p: i32,
): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let a0 = aRow;
  for (let k = 0; k < D; k++) {
    const b0 = v128.load(panel);
    c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(a0)), b0));
    c1 = f32x4.add(c1, f32x4.mul(f32x4.splat(load<f32>(a0 + rowBytes)), b0));
    c2 = f32x4.add(c2, f32x4.mul(f32x4.splat(load<f32>(a0 + 2 * rowBytes)), b0));
    c3 = f32x4.add(c3, f32x4.mul(f32x4.splat(load<f32>(a0 + 3 * rowBytes)), b0));
    a0 += 4;
    panel += 32;
  }
  v128.store(edge, c0, 0);
  v128.store(edge, c1, 32);
  v128.store(edge, c2, 64);
  v128.store(edge, c3, 96);
  const col = <usize>(p * TILE_COLS) << 2;
  for (let r = 0; r < 4; r++) {
    const out = cRow + <usize>r * outRowBytes + col;
    for (let j = 0; j < width; j++) {
      store<f32>(out + (<usize>j << 2), load<f32>(edge + ((<usize>(r * TILE_COLS + j)) << 2)));
    }
  }
}

@inline
function tile1x8(aRow: usize, panel: usize, D: i32, cRow: usize, width: i32, p: i32): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  let a0 = aRow;
  for (let k = 0; k < D; k++) {
    const x = f32x4.splat(load<f32>(a0));
    c0 = f32x4.add(c0, f32x4.mul(x, v128.load(panel, 0)));
    c1 = f32x4.add(c1, f32x4.mul(x, v128.load(panel, 16)));
    a0 += 4;
    panel += 32;
  }
  v128.store(edge, c0, 0);
  v128.store(edge, c1, 16);
  const out = cRow + (<usize>(p * TILE_COLS) << 2);
  for (let j = 0; j < width; j++) {
    store<f32>(out + (<usize>j << 2), load<f32>(edge + (<usize>j << 2)));
  }
}
