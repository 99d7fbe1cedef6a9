/** `maddness info`: a model's method, shapes and hyperparameters as JSON. */
import { FORMAT_VERSION } from '../../src/methods/maddness/format.js';
import { MaddnessMethod } from '../../src/methods/maddness/method.js';
import { loadMethod } from '../../src/methods/method-file.js';
import { parseFlags, required } from '../usage.js';

export const infoUsage = 'maddness info --model MODEL';

export function infoCommand(args: string[], print: (line: string) => void): void {
  const flags = parseFlags(args, { model: { type: 'string' }, verbose: { type: 'boolean' } });
  const method = loadMethod(required(flags, 'model'));
  if (method instanceof MaddnessMethod && method.model !== null) {
    print(JSON.stringify(method.model.info(), null, 2));
    return;
  }
  print(JSON.stringify({ method: method.name, params: method.params, N_train: method.nTrain,
    D: method.D, M: method.M, cost: method.M === null ? null : method.cost(),
    formatVersion: FORMAT_VERSION }, null, 2));
}
