/** The part of seek-bzip (no types of its own) that the face reader uses. */
declare module 'seek-bzip' {
  /** Decompresses a whole bzip2 stream. */
  function decode(input: Buffer, output?: Buffer): Buffer;
  const seekBzip: { decode: typeof decode };
  export default seekBzip;
}
