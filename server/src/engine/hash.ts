// A small, dependency-free, deterministic string hash (FNV-1a, 64 bit as two 32-bit lanes) for finding fingerprints.
export function fnv1a64(input: string): string {
  // 64-bit FNV-1a computed in two 32-bit halves with Math.imul: exact, and far cheaper than BigInt per character.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < input.length; i++) {
    lo ^= input.charCodeAt(i);
    // (hi:lo) * 0x100000001b3 = (hi:lo) * 0x1b3 + (lo << 40)
    const loMul = Math.imul(lo & 0xffff, 0x1b3);
    const loMulHigh = Math.imul(lo >>> 16, 0x1b3) + (loMul >>> 16);
    const newLo = ((loMulHigh & 0xffff) << 16) | (loMul & 0xffff);
    const carry = Math.floor((lo >>> 16) * 0x1b3 / 0x10000 + ((lo & 0xffff) * 0x1b3) / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + (lo << 8) + carry) >>> 0;
    lo = newLo >>> 0;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}
