/**
 * The analysis runner's life follows the app's: analyses stop when shutdown begins
 * (queued and running ones are marked interrupted), not after the requests in flight are
 * answered; the runner is awaited when the app closes.
 */
import fp from 'fastify-plugin';
import type { AnalysisJobs } from '../../../jobs/port.js';

export default fp<{ jobs: AnalysisJobs }>(
  async function analysisJobs(app, { jobs }) {
    let jobsClosed: Promise<void> | undefined;
    app.addHook('preClose', async () => {
      jobsClosed = jobs.close();
    });
    app.addHook('onClose', async () => {
      await (jobsClosed ?? jobs.close());
    });
  },
  { name: 'analysis-jobs', fastify: '5.x' },
);
