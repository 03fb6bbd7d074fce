/** `npm run docs:metrics`: writes docs/metrics.md from the metric dictionary. */
import { writeFileSync } from 'node:fs';
import { renderMetricsMarkdown } from '../packages/core/src/metrics/index';

writeFileSync(new URL('../docs/metrics.md', import.meta.url), renderMetricsMarkdown());
console.log('wrote docs/metrics.md');
