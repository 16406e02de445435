// Issue 12, images: the built CLI in a real pty against the private engine and its loopback
// registry. `:images` is compared with `docker images`; tag, push, pull and remove go through the
// dialogs and are checked with the docker CLI; the daemon's own words reach the screen; read-only
// refuses and changes nothing; hostile labels reach the terminal as plain text. Every reference
// names the loopback registry or a local porthole-e2e-imkind/ name; all are removed in afterAll.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {TEST_IMAGE, docker, removeTestContainers, runContainer, uniqueName} from '../helpers/docker.js';
import {DEAD_REGISTRY, imageId, registryHost, removeImages} from '../helpers/registry.js';
import {disposeAllTerms, startTerm, type Term} from '../helpers/term.js';

const ESC = '\x1b';
const BEL = '\x07';
const unique = uniqueName('e2e').slice(4);
const REPO = `porthole-e2e-imkind/${unique}`;
const V1 = `${REPO}:v1`;
const made: string[] = [];
let danglingId = '';
let usedId = '';
let hostileId = '';

/** `docker commit` of a fresh container that ran `script`, labelled; returns the image id. */
async function commit(name: string, script: string, labels: string[] = []): Promise<string> {
	await runContainer(name, [TEST_IMAGE, 'sh', '-c', script], {detach: false});
	await docker(['start', '-a', name]);
	const id = await docker(['commit', '--change', 'LABEL porthole.test=1', ...labels.flatMap((label) => ['--change', `LABEL ${label}`]), name]);
	await docker(['rm', name]);
	made.push(id);
	return id;
}

beforeAll(async () => {
	await removeTestContainers();
	await docker(['tag', TEST_IMAGE, V1]);
	made.push(V1);
	// A dangling image (no tag): `docker images` lists it as <none> <none>.
	danglingId = await commit(uniqueName('e2e-imkind-d'), `echo ${unique} > /dangling`);
	usedId = await commit(uniqueName('e2e-imkind-u'), `echo ${unique} > /used`);
	await docker(['tag', usedId, `${REPO}:used`]);
	hostileId = await commit(uniqueName('e2e-imkind-h'), 'true', [`porthole.e2e.hostile=${unique}`, `clip="${ESC}]52;c;cHduZWQ=${BEL}"`, `title="${ESC}]0;pwned${BEL}${ESC}[2J"`]);
	// The daemon kept the bytes as they were: the hostile test is only worth something if it did.
	const labels = JSON.parse(await docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', hostileId])) as Record<string, string>;
	expect(labels['clip']).toBe(`${ESC}]52;c;cHduZWQ=${BEL}`);
	await docker(['tag', hostileId, `${REPO}:hostile`]);
}, 60_000);

afterEach(disposeAllTerms);
afterAll(async () => {
	await removeTestContainers();
	await removeImages([`${REPO}:pushed`, `${registryHost()}/${REPO}:pushed`, `${REPO}:used`, `${REPO}:hostile`, ...made]);
});

/** The table on screen, cut into cells at the title positions. */
function tableRows(screen: string): Array<Record<string, string>> {
	const lines = screen.split('\n');
	const headerIndex = lines.findIndex((line) => /^ {2}REPOSITORY\s+TAG\s+IMAGE ID/.test(line));
	if (headerIndex < 0) return [];
	const titles = [...lines[headerIndex]!.matchAll(/\S+(?: \S+)*/g)].map((match) => ({title: match[0], start: match.index}));
	const rows: Array<Record<string, string>> = [];
	for (const line of lines.slice(headerIndex + 1)) {
		if (!/^(?:› | {2}|\* |›\*)\S/.test(line) && !/^. \S/.test(line)) break;
		const cells: Record<string, string> = {};
		// Columns are two spaces apart and no cell here holds two spaces in a row, so the cells are the
		// runs between such gaps; a right-aligned cell (SIZE) may start before its title, so cutting at
		// the titles' positions would split it (it did, once CREATED gave way at 80 columns).
		const parts = line.slice(2).trim().split(/ {2,}/);
		titles.forEach(({title, start}, index) => {
			cells[title] = parts.length === titles.length ? parts[index]! : line.slice(index === 0 ? 2 : start, titles[index + 1]?.start ?? line.length).trim();
		});
		rows.push(cells);
	}
	return rows;
}

async function openImages(term: Term): Promise<void> {
	await term.waitForText('NAMES', {timeout: 10_000}).catch(() => term.waitForText('No containers', {timeout: 5000}));
	await term.press(':');
	await term.type('im');
	await term.press('enter');
	await term.waitForText(/REPOSITORY\s+TAG\s+IMAGE ID/, {timeout: 5000});
}

async function filterTo(term: Term, text: string): Promise<void> {
	await term.press('/');
	await term.type(text);
	await term.press('enter');
}

/** Type into the open input dialog after clearing what it holds. */
async function typeInput(term: Term, text: string): Promise<void> {
	await term.press('\u0015');
	await term.type(text);
}

/** The help opens and closes: the app still answers keys after a flow. */
async function stillAnswers(term: Term): Promise<void> {
	await term.press('?');
	await term.waitForText(/Help|keys/i, {timeout: 3000});
	await term.press('escape');
	await term.waitForText(/REPOSITORY\s+TAG\s+IMAGE ID/, {timeout: 3000});
}

const plain = (buffer: Buffer) => buffer.toString('utf8').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ' ');

describe(':images through the pty', () => {
	it('lists what docker images lists (REPOSITORY, TAG, IMAGE ID), the dangling one too', async () => {
		const expected = (await docker(['images', '--format', '{{.Repository}}|{{.Tag}}|{{.ID}}'])).split('\n').filter(Boolean).sort();
		expect(expected).toContain(`<none>|<none>|${danglingId.replace(/^sha256:/, '').slice(0, 12)}`);
		expect(expected).toContain(`${REPO}|v1|${(await imageId(TEST_IMAGE)).replace(/^sha256:/, '').slice(0, 12)}`);
		const term = startTerm({cols: 180, rows: 40});
		await openImages(term);
		await term.waitFor((screen) => tableRows(screen).length === expected.length, 5000, `${expected.length} rows`);
		const shown = tableRows(term.screen())
			.map((row) => `${row['REPOSITORY']}|${row['TAG']}|${row['IMAGE ID']}`)
			.sort();
		expect(shown).toEqual(expected);
		await stillAnswers(term);
	});

	it('tags through the dialog, pushes to the loopback registry, pulls it back: same image id', async () => {
		const target = `${registryHost()}/${REPO}:pushed`;
		const term = startTerm({cols: 120, rows: 30});
		await openImages(term);
		await filterTo(term, `reference=${V1}`);
		await term.waitFor((screen) => tableRows(screen).length === 1 && tableRows(screen)[0]!['TAG'] === 'v1', 5000, 'only v1');
		await term.press('t');
		await term.waitForText(`Tag ${V1}`);
		await typeInput(term, target);
		await term.press('enter');
		await term.waitForText(`as ${target}.`, {timeout: 10_000});
		expect(await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', `${registryHost()}/${REPO}`])).toBe(target);

		await term.press('escape');
		await filterTo(term, `reference=${target}`);
		await term.waitFor((screen) => tableRows(screen).length === 1 && tableRows(screen)[0]!['TAG'] === 'pushed', 5000, 'only the pushed tag');
		const beforePush = term.mark();
		await term.press('u');
		await term.waitForText(`Push ${target}?`);
		await term.press('y');
		await term.waitForText(`Pushed ${target}`, {timeout: 30_000});
		// The progress dialog was drawn: its layer lines and its total line went to the terminal.
		const pushed = plain(term.rawBytesSince(beforePush));
		expect(pushed).toMatch(/Pushing \S+/);
		expect(pushed).toMatch(/[0-9a-f]{12}: (Pushed|Layer already exists|Mounted from)/);
		await stillAnswers(term);

		await docker(['rmi', target]);
		await term.waitFor((screen) => screen.includes('matches the filter') && !tableRows(screen).some((row) => row['TAG'] === 'pushed'), 10_000, 'the pushed tag gone');
		const beforePull = term.mark();
		await term.press('p');
		await term.waitForText('Pull an image');
		await typeInput(term, target);
		await term.press('enter');
		await term.waitForText(new RegExp(`Pulled ${target.replace(/[.]/g, '\\.')}: image [0-9a-f]{12}`), {timeout: 30_000});
		const pulled = plain(term.rawBytesSince(beforePull));
		expect(pulled).toMatch(/Pulling \S+/);
		expect(pulled).toMatch(/Status: (Downloaded newer image|Image is up to date) for/);
		expect(await imageId(target)).toBe(await imageId(TEST_IMAGE));
		// The list follows the pull event.
		await term.waitFor((screen) => tableRows(screen).some((row) => row['TAG'] === 'pushed'), 10_000, 'the pulled tag listed');
		await term.press('j');
		await stillAnswers(term);
	}, 90_000);

	it.each([
		['a missing tag', () => `${registryHost()}/${REPO}:missing`, /manifest unknown|not found/],
		['a dead registry port', () => `${DEAD_REGISTRY}/${REPO}:v1`, /connection refused|dial tcp/],
	])('a pull of %s shows the daemon’s words', async (_what, reference, words) => {
		const term = startTerm({cols: 200, rows: 30});
		await openImages(term);
		await term.press('p');
		await term.waitForText('Pull an image');
		await typeInput(term, reference());
		await term.press('enter');
		await term.waitFor((screen) => screen.includes(`Could not pull ${reference()}`) && words.test(screen), 30_000, 'the daemon’s error');
		await stillAnswers(term);
	}, 60_000);

	it('remove is refused while a --network none container uses the image, naming it; allowed after', async () => {
		const user = uniqueName('e2e-imkind-user');
		await runContainer(user, [`${REPO}:used`, 'true'], {detach: false});
		const term = startTerm({cols: 220, rows: 30});
		await openImages(term);
		await filterTo(term, `reference=${REPO}:used`);
		await term.waitFor((screen) => tableRows(screen).length === 1 && tableRows(screen)[0]!['CONTAINERS'] === '1', 5000, 'the used image, used by 1');
		await term.press('D');
		await term.waitForText(`used by container ${user} (needs force)`);
		await term.press('y');
		await term.waitForText(`Could not remove ${REPO}:used (used by ${user}): conflict`, {timeout: 10_000});
		expect(await imageId(`${REPO}:used`)).toBe(usedId);
		await stillAnswers(term);

		await docker(['rm', user]);
		await term.waitFor((screen) => tableRows(screen)[0]?.['CONTAINERS'] === '0', 10_000, 'no user left');
		await term.press('D');
		await term.waitForText(`Remove ${REPO}:used?`);
		await term.press('y');
		await term.waitForText(/Deleted image [0-9a-f]{12}/, {timeout: 10_000});
		await expect(imageId(usedId)).rejects.toThrow(/No such (image|object)/);
		await term.press('escape');
		await stillAnswers(term);
	}, 60_000);

	it('Enter on an image jumps to the containers created from it', async () => {
		const user = uniqueName('e2e-imkind-jump');
		await runContainer(user, [`${REPO}:hostile`, 'true'], {detach: false});
		const term = startTerm({cols: 160, rows: 30});
		await openImages(term);
		await filterTo(term, `reference=${REPO}:hostile`);
		await term.waitFor((screen) => tableRows(screen).length === 1 && tableRows(screen)[0]!['CONTAINERS'] === '1', 5000, 'the image, used by 1');
		await term.press('enter');
		await term.waitForText(`ancestor=${hostileId}`);
		await term.waitForText(user);
		expect(term.screen()).toMatch(/NAMES/);
		await term.press('j');
		await term.press('?');
		await term.waitForText(/Help|keys/i, {timeout: 3000});
		await term.press('escape');
		await docker(['rm', user]);
	}, 30_000);

	it('read-only refuses pull, tag and remove, and the daemon is unchanged', async () => {
		// Sorted: the CLI prints the tags of one image in Go map order, which changes between calls.
		const images = async () => (await docker(['images', '-a', '--no-trunc', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])).split('\n').sort();
		const before = await images();
		const term = startTerm({cols: 160, rows: 30, args: ['--read-only']});
		await openImages(term);
		for (const key of ['p', 't', 'D', 'u', 'P']) {
			await term.press(key);
			await term.waitForText(`${key} (`, {timeout: 3000});
			await term.waitForText('is refused: porthole is read-only', {timeout: 3000});
		}
		expect(term.screen()).not.toContain('Pull an image');
		await stillAnswers(term);
		expect(await images()).toEqual(before);
	}, 30_000);

	it('prune of dangling images previews what goes, then the daemon removes exactly that', async () => {
		const dangling = (await docker(['images', '-q', '--no-trunc', '--filter', 'dangling=true'])).split('\n').filter(Boolean);
		expect(dangling).toContain(danglingId);
		const term = startTerm({cols: 140, rows: 30});
		await openImages(term);
		await term.press('P');
		await term.waitForText('Prune which images?');
		await term.press('enter');
		await term.waitForText(new RegExp(`Prune ${dangling.length} dangling images?: reclaims up to`), {timeout: 10_000});
		expect(term.screen()).toContain(danglingId.replace(/^sha256:/, '').slice(0, 12));
		await term.press('y');
		await term.waitForText(new RegExp(`Pruned ${dangling.length} dangling images? \\(`), {timeout: 10_000});
		expect(await docker(['images', '-q', '--filter', 'dangling=true'])).toBe('');
		await stillAnswers(term);
	}, 30_000);

	it('hostile labels reach the terminal as plain text (inspect), and 80×24 stays whole', async () => {
		const term = startTerm({cols: 80, rows: 24});
		const titles: string[] = [];
		term.xterm.onTitleChange((title) => titles.push(title));
		const count = (await docker(['images', '-q'])).split('\n').filter(Boolean).length;
		await openImages(term);
		// One screen at 80×24: the docker images columns fit, every id whole, nothing wraps.
		await term.waitFor((screen) => tableRows(screen).length === count && tableRows(screen).every((row) => /^[0-9a-f]{12}$/.test(row['IMAGE ID'] ?? '')), 5000, `${count} rows with whole ids`);
		const screen = term.screen();
		const lines = screen.split('\n');
		expect(lines).toHaveLength(24);
		expect(screen).toMatch(/REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE/);
		expect(lines.at(-1)).toMatch(/^j\/k move/);

		await filterTo(term, `label=porthole.e2e.hostile=${unique}`);
		await term.waitFor((screen) => tableRows(screen).length === 1, 5000, 'the hostile image');
		const before = term.mark();
		await term.press('i');
		await term.waitForText('Inspect image');
		await term.press('G');
		await term.waitForText('clip', {timeout: 3000});
		await term.press('escape');
		await term.waitForText(/REPOSITORY\s+TAG/);
		const raw = term.rawBytesSince(before);
		for (const bytes of [`${ESC}]`, BEL, `${ESC}[2J`, `${ESC}P`]) expect(raw.includes(Buffer.from(bytes, 'latin1'))).toBe(false);
		expect(titles).not.toContain('pwned');
		await stillAnswers(term);
	}, 30_000);
});
