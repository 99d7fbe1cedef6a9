/**
 * The library's error hierarchy. Every error a caller can cause is a `MaddnessError` with a
 * stable `code`; messages name the argument, state the rule and show the value received.
 * Broken internal invariants are not user errors and use plain `Error` through `assert`.
 * @module
 */

/** Stable error codes; the CLI prints them and tests match on them. */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'SHAPE_MISMATCH'
  | 'NOT_FITTED'
  | 'NON_FINITE'
  | 'BAD_MODEL_FILE'
  | 'BAD_INPUT_FILE'
  | 'UNSUPPORTED'
  | 'DATA_NOT_FOUND'
  | 'WRITE_FAILED'
  | 'OUT_OF_MEMORY'
  | 'WASM_UNAVAILABLE';

/** Base class: `code` is stable, `details` carries the offending values for programs. */
export class MaddnessError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** A parameter outside its allowed range or of the wrong kind. */
export class InvalidArgumentError extends MaddnessError {
  constructor(argument: string, rule: string, received: unknown) {
    super(
      'INVALID_ARGUMENT',
      `invalid argument '${argument}': ${rule}; received ${show(received)}`,
      { argument, rule, received },
    );
  }
}

/** Two shapes that must agree do not. */
export class ShapeMismatchError extends MaddnessError {
  constructor(what: string, expected: string, received: string) {
    super('SHAPE_MISMATCH', `shape mismatch in ${what}: expected ${expected}, received ${received}`,
      { what, expected, received });
  }
}

/** A model used before the step that makes it usable (fit, or setting B). */
export class NotFittedError extends MaddnessError {
  constructor(message: string) {
    super('NOT_FITTED', message);
  }
}

/** NaN or ±Infinity where only finite values are allowed. */
export class NonFiniteError extends MaddnessError {
  constructor(argument: string, row: number, col: number, value: number) {
    super(
      'NON_FINITE',
      `invalid argument '${argument}': values must be finite; received ${value} at row ${row}, ` +
        `column ${col}`,
      { argument, row, col, value },
    );
  }
}

/** A model file that is damaged, foreign, or from a newer version. */
export class BadModelFileError extends MaddnessError {
  constructor(source: string, problem: string) {
    super('BAD_MODEL_FILE', `bad model file ${source}: ${problem}`, { source, problem });
  }
}

/** A data file (.npy, IDX, TSV, ...) that cannot be read as what it claims to be. */
export class BadInputFileError extends MaddnessError {
  constructor(source: string, problem: string) {
    super('BAD_INPUT_FILE', `cannot read ${source}: ${problem}`, { source, problem });
  }
}

/** A well-formed request for something this library does not do. */
export class UnsupportedError extends MaddnessError {
  constructor(message: string) {
    super('UNSUPPORTED', message);
  }
}

/** A data set the caller asked for is not where it was looked for. */
export class DataNotFoundError extends MaddnessError {
  constructor(what: string, searched: readonly string[]) {
    super('DATA_NOT_FOUND', `${what} not found; looked in: ${searched.join(', ')}`, { searched });
  }
}

/** An output file could not be written; any earlier file at that path is left as it was. */
export class WriteFailedError extends MaddnessError {
  constructor(path: string, reason: string) {
    super('WRITE_FAILED', `cannot write ${path}: ${reason}; any existing file there is unchanged`,
      { path, reason });
  }
}

/** The kernels' memory (or a result array) cannot be made as large as a call needs. */
export class OutOfMemoryError extends MaddnessError {
  constructor(what: string, bytes: number) {
    super('OUT_OF_MEMORY', `out of memory: ${what} needs ${bytes} bytes, which cannot be ` +
      'allocated here; split the rows into smaller calls', { what, bytes });
  }
}

/** Throws a plain Error when an internal invariant is broken (a bug, not a user error). */
export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`internal error: ${message}`);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) {
    return String(value);
  }
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? text.slice(0, 77) + '...' : text;
  } catch {
    return String(value);
  }
}
