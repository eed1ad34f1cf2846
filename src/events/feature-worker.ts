// A worker thread of the feature pool (feature-pool.ts): computes the event features of the
// inputs it is sent and posts them back under the request's id.
import { parentPort } from 'node:worker_threads';
import type { EventInput } from './event-input.js';
import { eventFeatures } from './features.js';

interface Request {
  id: number;
  inputs: EventInput[];
}

const port = parentPort;
if (port) {
  port.on('message', (req: Request) => {
    try {
      // the input stays behind: the caller has it already and puts it back (not copied twice)
      const features = req.inputs.map((input) => {
        const { input: _input, ...rest } = eventFeatures(input);
        return rest;
      });
      port.postMessage({ id: req.id, features });
    } catch (err) {
      port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
    }
  });
}
