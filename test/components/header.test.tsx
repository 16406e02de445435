import {afterEach, describe, expect, it} from 'vitest';
import type {EndpointInfo} from '../../source/engine/types.js';
import {displayWidth} from '../../source/present/text.js';
import {Header} from '../../source/ui/Header.js';
import {renderApp} from '../helpers/render.js';
import {info, stats, TOTALS} from '../helpers/header-fixture.js';

const endpoints: Record<string, EndpointInfo> = {
	socket: {url: 'unix:///tmp/porthole-engine/docker.sock', source: 'env'},
	context: {url: 'unix:///tmp/porthole-engine/docker.sock', context: 'porthole-private-engine', source: 'context'},
};

const unmounts: Array<() => void> = [];
afterEach(() => {
	for (const unmount of unmounts.splice(0)) unmount();
});

async function header(width: number, endpoint: EndpointInfo, readOnly = false) {
	const app = renderApp(
		<Header endpoint={endpoint} info={info} stats={stats} readOnly={readOnly} shown={45} total={103} all sortTitle="name" reverse={false} width={width} />,
		{columns: width, rows: 10},
	);
	unmounts.push(() => app.unmount());
	await app.waitForFrame((frame) => frame.includes('porthole'));
	return app.lastFrame().split('\n');
}

const SOCKET = 'unix:///tmp/porthole-engine/docker.sock';
/** Line 1 at each width: the version goes first, then the hint (then dropped), then the endpoint is shortened. */
const expected: Record<string, Record<number, string>> = {
	socket: {
		160: `porthole  ${SOCKET}  Docker 20.10.24 (API 1.41) linux/amd64   ${TOTALS} (45/100 running measured)`,
		120: `porthole  ${SOCKET}   ${TOTALS} (45/100 running measured)`,
		80: `porthole  unix:///tm…gine/docker.sock   ${TOTALS}`,
	},
	context: {
		160: `porthole  porthole-private-engine (${SOCKET})   ${TOTALS} (45/100 running measured)`,
		120: `porthole  porthole-private-engine (${SOCKET})   ${TOTALS}`,
		80: `porthole  porthole-private-engine   ${TOTALS}`,
	},
};

describe.each(Object.entries(endpoints))('Header with a long endpoint (%s) and the measured hint', (name, endpoint) => {
	it.each([160, 120, 80])('fits %i columns by construction, keeping the CPU/MEM totals', async (width) => {
		const lines = await header(width, endpoint);
		expect(lines).toHaveLength(2);
		for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
		expect(lines[0]).toBe(expected[name]![width]);
		expect(lines[0]).toContain(TOTALS);
		if (!(name === 'socket' && width === 160)) expect(lines[0]).not.toContain('Docker 20.10.24');
		// Line 2 keeps the counts whole; "showing … · sort: …" is shortened at 80.
		expect(lines[1]).toBe(
			`100 running · 0 paused · 3 stopped · 12 images   ${width === 80 ? '45/103 (all)' : 'showing 45 of 103 (all)'} · sort: name ↓`,
		);
	});
});

it('shows the full header at 200 columns, and [read-only] in read-only mode', async () => {
	const [line] = await header(200, endpoints['socket']!, true);
	expect(line).toBe(`porthole [read-only]  unix:///tmp/porthole-engine/docker.sock  Docker 20.10.24 (API 1.41) linux/amd64   ${TOTALS} (45/100 running measured)`);
});
