// Two projects: `unit` (pure units and in-process components, files in parallel) and `e2e`
// (the built CLI in a real pty against the private engine: one file at a time, long timeouts,
// since files share one dockerd and each spawns terminals). `npm run test:unit` / `test:e2e`
// pick one with --project; a bare `vitest run` runs both.
import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['test/unit/**/*.test.{ts,tsx}', 'test/components/**/*.test.{ts,tsx}'],
					environment: 'node',
				},
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['test/e2e/**/*.test.{ts,tsx}'],
					environment: 'node',
					fileParallelism: false,
					maxWorkers: 1,
					testTimeout: 60_000,
					hookTimeout: 60_000,
					// A flaky terminal test hides real bugs: no retries.
					retry: 0,
				},
			},
		],
	},
});
