/** `maddness info`: a model's shapes and hyperparameters as JSON. */
import { loadModel } from '../../src/methods/maddness/model-file.js';
import { parseFlags, required } from '../usage.js';

export const infoUsage = 'maddness info --model MODEL';

export function infoCommand(args: string[], print: (line: string) => void): void {
  const flags = parseFlags(args, { model: { type: 'string' }, verbose: { type: 'boolean' } });
  const model = loadModel(required(flags, 'model'));
  print(JSON.stringify(model.info(), null, 2));
}
