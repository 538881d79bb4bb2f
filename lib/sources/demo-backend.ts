import type { Backend, BackendResult } from './backend';
import type { QueryRequest } from '../catalog/types';
import { answerDemoQuery, DemoUnsupportedQueryError } from '../demo/answers';
import { getDemoFleet } from '../demo/fleet';
import { SourceError } from './errors';

/** The embedded synthetic fleet, answering every catalog query in its real wire shape. */
export function createDemoBackend(options: { seed: string; clusters: number }): Backend {
  return {
    label: `demo fleet (seed ${options.seed}, ${options.clusters} clusters)`,
    kinds: ['arg', 'logs', 'prom', 'arm'],
    async run(request: QueryRequest): Promise<BackendResult> {
      const fleet = getDemoFleet(options.seed, options.clusters);
      try {
        return { wire: answerDemoQuery(fleet, request), notices: [], executedText: request.text };
      } catch (error) {
        if (error instanceof DemoUnsupportedQueryError) {
          throw new SourceError(error.message, { source: 'demo', failure: 'unsupported', cause: error });
        }
        throw error;
      }
    },
  };
}
