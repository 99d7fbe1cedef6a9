// 16-entry byte table lookup: lane i of the result is table[idx[i]]. Every caller's indices are
// below 16 (codes, partial codes), where the relaxed shuffle (one instruction on x64, against
// three for the standard one) is defined to give the same bytes; the relaxed build of the
// module (compiled with --enable relaxed-simd) uses it.
@inline
export function lookup16(table: v128, idx: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return i8x16.relaxed_swizzle(table, idx);
  return i8x16.swizzle(table, idx);
}
