import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError } from '../../src/core/errors.js';
import { parseParamText, resolveParams, type ParamSpec } from '../../src/methods/params.js';

const SPECS: ParamSpec[] = [
  { name: 'codebooks', kind: 'int', doc: 'C', default: 16, min: 1, max: 256 },
  { name: 'lutWork', kind: 'int', doc: 'L', default: -1, min: -1, max: 256, exclude: [0] },
  { name: 'lambda', kind: 'number', doc: 'λ', default: 1, min: 0, max: 1e12 },
  { name: 'objective', kind: 'enum', doc: 'o', default: 'output',
    values: ['output', 'reconstruct'] },
  { name: 'exactSum', kind: 'bool', doc: 'e', default: false },
];

function refusal(fn: () => unknown, argument: string, rule: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof InvalidArgumentError &&
    e.details.argument === argument && rule.test(e.message), `expected ${argument} ${rule}`);
}

test('resolveParams fills defaults and keeps given values', () => {
  assert.deepEqual(resolveParams('m', SPECS, {}), { codebooks: 16, lutWork: -1, lambda: 1,
    objective: 'output', exactSum: false });
  assert.deepEqual(resolveParams('m', SPECS, { codebooks: 4, lambda: 0.5, exactSum: true }),
    { codebooks: 4, lutWork: -1, lambda: 0.5, objective: 'output', exactSum: true });
  assert.deepEqual(resolveParams('m', [], undefined), {});
});

test('resolveParams names the parameter, the rule and the value', () => {
  refusal(() => resolveParams('m', SPECS, { codebooks: 0 }), 'codebooks', /from 1 to 256/);
  refusal(() => resolveParams('m', SPECS, { codebooks: 2.5 }), 'codebooks', /integer/);
  refusal(() => resolveParams('m', SPECS, { codebooks: '4' }), 'codebooks', /"4"/);
  refusal(() => resolveParams('m', SPECS, { lutWork: 0 }), 'lutWork', /other than 0/);
  refusal(() => resolveParams('m', SPECS, { lambda: NaN }), 'lambda', /finite/);
  refusal(() => resolveParams('m', SPECS, { lambda: -1 }), 'lambda', /from 0/);
  refusal(() => resolveParams('m', SPECS, { objective: 'both' }), 'objective', /output/);
  refusal(() => resolveParams('m', SPECS, { exactSum: 1 }), 'exactSum', /true or false/);
  refusal(() => resolveParams('m', SPECS, { d: 4 }), 'd', /not a parameter of m.*codebooks/);
  refusal(() => resolveParams('m', SPECS, null as never), 'params', /object/);
});

test('parseParamText reads each kind from text', () => {
  assert.equal(parseParamText(SPECS[0], '32'), 32);
  assert.equal(parseParamText(SPECS[2], '1e-3'), 0.001);
  assert.equal(parseParamText(SPECS[3], 'reconstruct'), 'reconstruct');
  assert.equal(parseParamText(SPECS[4], 'true'), true);
  refusal(() => parseParamText(SPECS[0], ''), 'codebooks', /integer/);
  refusal(() => parseParamText(SPECS[4], 'yes'), 'exactSum', /true or false/);
  refusal(() => parseParamText(SPECS[0], '0x10'), 'codebooks', /integer/);
  refusal(() => parseParamText(SPECS[0], '4.0'), 'codebooks', /integer/);
  refusal(() => parseParamText(SPECS[3], 'both'), 'objective', /output, reconstruct/);
  // The kind only: a well-formed value out of range is resolveParams's to refuse.
  assert.equal(parseParamText(SPECS[0], '999'), 999);
  refusal(() => resolveParams('m', SPECS, { codebooks: 999 }), 'codebooks', /from 1 to 256/);
});
