/**
 * Images as the docker CLI prints them: `docker images` rows (cli/command/formatter/image.go),
 * `docker history` rows (cli/command/image/formatter_history.go), the reference grammar of the
 * pull/push/tag dialogs (distribution/reference, with its own error wording), and what a remove
 * would do. Pure functions: no React, no engine calls.
 */
import type {ImageHistoryEntry, ImageSummary} from '../engine/images-api.js';
import type {ContainerSummary} from '../engine/types.js';
import {
	ANCHORED_NAME,
	DIGEST_HEX_LENGTH,
	IDENTIFIER,
	REFERENCE,
	createdText,
	familiarString,
	goEllipsis,
	parseNormalizedNamed,
	shortId,
} from './containers.js';
import {sanitizeLine} from './sanitize.js';
import {humanSize} from './stats.js';

/** One `docker images` row, with what the UI needs to act on it. */
export interface ImageRow {
	/** Stable across refreshes: image id + repository:tag + digest. */
	key: string;
	/** The full image id ("sha256:…"), for inspect/history and matching containers. */
	imageId: string;
	/** REPOSITORY: the familiar name, or "<none>". */
	repository: string;
	/** TAG, or "<none>". */
	tag: string;
	/** DIGEST: the digest, "<none>", or "" (digest-only rows without digests shown), as the CLI. */
	digest: string;
	/** IMAGE ID: 12 characters, without "sha256:". */
	id: string;
	/** CREATED: "2 hours ago". */
	created: string;
	/** Creation time, Unix seconds (to sort by). */
	createdAt: number;
	/** SIZE in docker's units ("1.98MB"). */
	size: string;
	/** Size in bytes (to sort by). */
	sizeBytes: number;
	/** CONTAINERS as the CLI prints it: a count, or "N/A" when the daemon did not count. */
	containers: string;
	/**
	 * What `docker rmi` / `docker tag` should be given for this row: "repo:tag", "repo@digest" for
	 * digest-only rows, else the short id. Raw (unsanitised): it goes to the daemon, not the screen.
	 */
	reference: string;
	/** No tag and no digest: `<none>:<none>`. */
	dangling: boolean;
}

/** Options of imageRows, as the `docker images` flags. */
export interface ImageRowOptions {
	/** `-a`: keep untagged parents of other images (the daemon drops them itself without all=1). */
	all?: boolean;
	/** `--digests`: a row per digest, DIGEST column filled. */
	digests?: boolean;
	/** The clock CREATED is measured on (default: now). */
	nowMs?: number;
}

/** The CLI's isDangling: no references, or the `<none>` placeholders old daemons send. */
export function isDangling(image: ImageSummary): boolean {
	if (image.repoTags.length === 0 && image.repoDigests.length === 0) return true;
	return image.repoTags.length === 1 && image.repoTags[0] === '<none>:<none>' && image.repoDigests.length === 1 && image.repoDigests[0] === '<none>@<none>';
}

/** FamiliarName and the tag of a "repo:tag" reference; undefined when it does not parse. */
function familiarTagged(reference: string): {name: string; tag: string} | undefined {
	const parsed = parseNormalizedNamed(reference);
	if (!parsed || parsed.tag === '') return undefined;
	return {name: familiarString({...parsed, tag: ''}), tag: parsed.tag};
}

/** FamiliarName and the digest of a "repo@sha256:…" reference; undefined when it does not parse. */
function familiarDigested(reference: string): {name: string; digest: string} | undefined {
	const at = reference.lastIndexOf('@');
	if (at === -1) return undefined;
	const parsed = parseNormalizedNamed(reference);
	if (!parsed) return undefined;
	return {name: familiarString({...parsed, tag: ''}), digest: reference.slice(at + 1)};
}

/**
 * `docker images` rows: one per repository:tag (per digest too with `digests`), `<none>` rows for
 * dangling images, in the daemon's order (newest first). The CLI walks Go maps here, so its order
 * of rows within one image is random; ours is the order of the image's references.
 */
export function imageRows(images: readonly ImageSummary[], options: ImageRowOptions = {}): ImageRow[] {
	const nowMs = options.nowMs ?? Date.now();
	const parents = new Set(images.map((image) => image.parentId).filter((id) => id !== ''));
	const rows: ImageRow[] = [];
	for (const image of images) {
		const dangling = isDangling(image);
		// Intermediate layers of local builds: the daemon lists them only with all=1.
		if (!options.all && dangling && parents.has(image.id)) continue;
		const base = {
			imageId: image.id,
			id: shortId(image.id),
			created: createdText(image.created, nowMs),
			createdAt: image.created,
			size: humanSize(image.size),
			sizeBytes: image.size,
			containers: image.containers === -1 ? 'N/A' : String(image.containers),
		};
		const add = (repository: string, tag: string, digest: string, reference: string, isDanglingRow = false) =>
			rows.push({
				...base,
				key: `${image.id}|${repository}:${tag}|${digest}`,
				repository: sanitizeLine(repository),
				tag: sanitizeLine(tag),
				digest: sanitizeLine(digest),
				reference,
				dangling: isDanglingRow,
			});
		if (dangling) {
			add('<none>', '<none>', '<none>', shortId(image.id), true);
			continue;
		}
		const repoTags = new Map<string, string[]>();
		const repoDigests = new Map<string, string[]>();
		for (const reference of image.repoTags) {
			const ref = familiarTagged(reference);
			if (ref) repoTags.set(ref.name, [...(repoTags.get(ref.name) ?? []), ref.tag]);
		}
		for (const reference of image.repoDigests) {
			const ref = familiarDigested(reference);
			if (ref) repoDigests.set(ref.name, [...(repoDigests.get(ref.name) ?? []), ref.digest]);
		}
		for (const [repository, tags] of repoTags) {
			const digests = options.digests ? (repoDigests.get(repository) ?? []) : [];
			repoDigests.delete(repository);
			for (const tag of tags) {
				if (digests.length === 0) add(repository, tag, '<none>', `${repository}:${tag}`);
				else for (const digest of digests) add(repository, tag, digest, `${repository}:${tag}`);
			}
		}
		for (const [repository, digests] of repoDigests) {
			if (options.digests) for (const digest of digests) add(repository, '<none>', digest, `${repository}@${digest}`);
			else add(repository, '<none>', '', `${repository}@${digests[0]}`);
		}
	}
	return rows;
}

/** Who uses an image: for the CONTAINERS column and "in use by" texts. */
export interface ImageUsers {
	count: number;
	/** Primary names (sanitised), in list order. */
	names: string[];
	/** How many of them are running (the daemon refuses even a forced delete for those). */
	running: number;
}

/** The containers (from `/containers/json?all=1`) created from an image, by image id. */
export function containersUsing(imageId: string, containers: readonly ContainerSummary[]): ImageUsers {
	const users = containers.filter((container) => container.imageId === imageId);
	return {
		count: users.length,
		names: users.map((container) => sanitizeLine(container.names[0] ?? shortId(container.id))),
		running: users.filter((container) => container.state === 'running' || container.state === 'paused' || container.state === 'restarting').length,
	};
}

/** One `docker history` row. */
export interface HistoryRow {
	/** IMAGE: 12 characters, or "<missing>". */
	id: string;
	/** CREATED: "2 hours ago" (human), RFC 3339 otherwise. */
	created: string;
	/** CREATED BY, tabs as spaces, cut to 45 columns with "…" unless noTrunc. */
	createdBy: string;
	/** SIZE: "1.98MB" (human) or bytes. */
	size: string;
	comment: string;
	/** Tags pointing at this layer (sanitised). */
	tags: string[];
}

/** Options of historyRows, as the `docker history` flags. */
export interface HistoryRowOptions {
	/** `-H` (the CLI's default): human sizes and times. */
	human?: boolean;
	/** `--no-trunc`. */
	noTrunc?: boolean;
	nowMs?: number;
}

/** Times at or before 2000-01-01 are shown as N/A (layers with no real date). */
const HISTORY_EPOCH_S = Date.UTC(2000, 0, 1) / 1000;

/** Go's `time.Unix(s, 0).Format(time.RFC3339)` in UTC (the CLI prints the local zone; ours is UTC). */
function rfc3339(seconds: number): string {
	return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `docker history` rows, newest layer first as the daemon lists them. */
export function historyRows(entries: readonly ImageHistoryEntry[], options: HistoryRowOptions = {}): HistoryRow[] {
	const human = options.human ?? true;
	const nowMs = options.nowMs ?? Date.now();
	return entries.map((entry) => {
		const createdBy = entry.createdBy.replaceAll('\t', ' ');
		let created: string;
		if (!human) created = rfc3339(entry.created);
		else created = entry.created <= HISTORY_EPOCH_S ? 'N/A' : createdText(entry.created, nowMs);
		return {
			id: options.noTrunc ? sanitizeLine(entry.id) : shortId(entry.id),
			created,
			createdBy: sanitizeLine(options.noTrunc ? createdBy : goEllipsis(createdBy, 45)),
			size: human ? humanSize(entry.size) : String(entry.size),
			comment: sanitizeLine(entry.comment),
			tags: entry.tags.map((tag) => sanitizeLine(tag)),
		};
	});
}

/** A reference typed into the pull/push/tag dialogs, split as the daemon will read it. */
export interface ParsedImageReference {
	/** "docker.io" for familiar names, else the host[:port]. */
	registry: string;
	/** The path without the registry ("library/busybox", "porthole-test/pushed"). */
	repository: string;
	tag?: string;
	digest?: string;
	/** The familiar name with tag or digest, as the CLI prints it back ("busybox:latest"). */
	familiar: string;
}

/** parseReference's answer: the parts, or docker's own words for what is wrong. */
export type ReferenceParse = {ok: true; reference: ParsedImageReference} | {ok: false; error: string};

/** go-digest's Validate, with its error words. */
function digestError(digest: string): string | undefined {
	const colon = digest.indexOf(':');
	if (colon <= 0 || colon + 1 === digest.length) return 'invalid checksum digest format';
	const expected = DIGEST_HEX_LENGTH[digest.slice(0, colon)];
	if (expected === undefined) return 'unsupported digest algorithm';
	const hex = digest.slice(colon + 1);
	if (hex.length !== expected) return 'invalid checksum digest length';
	if (!/^[a-f0-9]+$/.test(hex)) return 'invalid checksum digest format';
	return undefined;
}

/**
 * reference.ParseNormalizedNamed with its error texts ("invalid reference format", "invalid
 * reference format: repository name (library/Foo) must be lowercase", …), for dialogs to show
 * before anything is sent. Leading and trailing spaces are the user's slip and are ignored.
 */
export function parseReference(text: string): ReferenceParse {
	const s = text.trim();
	if (s === '') return {ok: false, error: 'invalid reference format'};
	if (IDENTIFIER.test(s)) return {ok: false, error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`};
	let domain: string;
	let remainder: string;
	const slash = s.indexOf('/');
	if (slash === -1) [domain, remainder] = ['docker.io', `library/${s}`];
	else {
		const maybeDomain = s.slice(0, slash);
		const rest = s.slice(slash + 1);
		if (maybeDomain === 'localhost' || /[.:]/.test(maybeDomain) || maybeDomain.toLowerCase() !== maybeDomain) [domain, remainder] = [maybeDomain, rest];
		else [domain, remainder] = ['docker.io', s];
		if (domain === 'index.docker.io') domain = 'docker.io';
		if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
	}
	const tagSep = remainder.indexOf(':');
	const remote = tagSep === -1 ? remainder : remainder.slice(0, tagSep);
	if (remote.toLowerCase() !== remote) return {ok: false, error: `invalid reference format: repository name (${remote}) must be lowercase`};
	const full = `${domain}/${remainder}`;
	if (s.length > 4096) return {ok: false, error: 'invalid reference format'};
	const match = REFERENCE.exec(full);
	if (match === null) {
		if (REFERENCE.test(full.toLowerCase())) return {ok: false, error: 'invalid reference format: repository name must be lowercase'};
		return {ok: false, error: 'invalid reference format'};
	}
	const name = ANCHORED_NAME.exec(match[1]!);
	const registry = name?.[1] ?? '';
	const repository = name?.[2] ?? match[1]!;
	if (repository.length > 255) return {ok: false, error: 'repository name must not be more than 255 characters'};
	const tag = match[2];
	const digest = match[3];
	if (digest !== undefined) {
		const error = digestError(digest);
		if (error) return {ok: false, error};
	}
	let familiar = familiarString({domain: registry, path: repository, tag: tag ?? ''});
	if (digest !== undefined) familiar += `@${digest}`;
	return {ok: true, reference: {registry, repository, ...(tag !== undefined ? {tag} : {}), ...(digest !== undefined ? {digest} : {}), familiar}};
}

/** A tag as distribution/reference allows it: word characters, then up to 127 of `\w.-`. */
export function validTag(tag: string): boolean {
	return /^\w[\w.-]{0,127}$/.test(tag);
}

/** What removing a row would do, for the confirmation. */
export interface RemovalImpact {
	/** Only the reference goes; the image stays under its other tags. */
	untagOnly: boolean;
	/** Tags the image keeps (untag) or loses (delete). */
	otherTags: number;
	/** Bytes a delete frees at most (layers shared with other images stay). */
	frees: number;
	/** Whether `frees` is exact (the daemon counted shared bytes) or an upper bound. */
	exact: boolean;
	users: ImageUsers;
}

/** Work out what `docker rmi <row.reference>` would do with the images and containers listed now. */
export function removalImpact(row: ImageRow, images: readonly ImageSummary[], containers: readonly ContainerSummary[]): RemovalImpact {
	const image = images.find((entry) => entry.id === row.imageId);
	const tags = image ? image.repoTags.filter((tag) => tag !== '<none>:<none>').length : 0;
	const byTag = !row.dangling && row.tag !== '<none>';
	const untagOnly = byTag && tags > 1;
	const size = image?.size ?? row.sizeBytes;
	const shared = image && image.sharedSize >= 0 ? image.sharedSize : -1;
	return {
		untagOnly,
		otherTags: Math.max(0, tags - (byTag ? 1 : 0)),
		frees: untagOnly ? 0 : shared >= 0 ? size - shared : size,
		exact: untagOnly || shared >= 0,
		users: containersUsing(row.imageId, containers),
	};
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The remove confirmation: "untags busybox:old; the image stays (2 more tags)" or "deletes image
 * 1b62b52885cf, frees up to 2MB", naming the containers that use it (the daemon refuses then unless forced).
 */
export function removalText(row: ImageRow, images: readonly ImageSummary[], containers: readonly ContainerSummary[]): string {
	const impact = removalImpact(row, images, containers);
	const name = row.dangling ? row.id : sanitizeLine(row.reference);
	let text: string;
	if (impact.untagOnly) text = `untags ${name}; the image stays (${plural(impact.otherTags, 'more tag')})`;
	else {
		const frees = `${impact.exact ? 'frees' : 'frees up to'} ${humanSize(impact.frees)}`;
		text = `deletes image ${row.id}${impact.otherTags > 0 ? ` and its ${plural(impact.otherTags, 'other tag')}` : ''}, ${frees}`;
	}
	if (impact.users.count > 0 && !impact.untagOnly) {
		const shown = impact.users.names.slice(0, 3).join(', ') + (impact.users.count > 3 ? ` and ${impact.users.count - 3} more` : '');
		const byTag = !row.dangling && row.tag !== '<none>';
		// moby: a running user blocks deleting the image even with force; forcing a tag only untags it.
		const force = impact.users.running === 0 ? 'needs force' : byTag ? 'running: forcing only untags it' : 'running: refused even when forced';
		text += `; used by ${impact.users.count === 1 ? 'container' : 'containers'} ${shown} (${force})`;
	}
	return text;
}
