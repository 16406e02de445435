/**
 * The live view of a pull or push: fed the daemon's progress lines (engine.images.pull/push), it
 * keeps the latest state of each layer, an overall fraction, the final status lines and the time
 * taken, and draws bounded display lines with text bars, as `docker pull` does on a terminal.
 * Pure and synchronous: the caller feeds it and decides when to redraw.
 */
import type {ProgressMessage} from '../engine/images-api.js';
import {sanitizeLine} from './sanitize.js';
import {goG} from './stats.js';
import {humanDuration} from './containers.js';
import {truncateToWidth} from './text.js';

/** The latest state of one layer. */
export interface LayerProgress {
	/** Short layer id as the daemon names it. */
	id: string;
	/** The daemon's latest status for it ("Downloading", "Pull complete", "Mounted from library/x"). */
	status: string;
	/** Bytes of the current step, when it reports them. */
	current?: number;
	total?: number;
	/** Layer size in bytes, once a Downloading/Pushing line told it. */
	size?: number;
	/** Nothing more will happen to this layer. */
	done: boolean;
	/** The layer was not transferred (already there, mounted from another repository). */
	skipped: boolean;
}

/** Layer statuses after which a layer needs nothing more. */
const FINAL = /^(Pull complete|Already exists|Pushed|Layer already exists|Mounted from )/;
/** …of which these moved no bytes. */
const SKIPPED = /^(Already exists|Layer already exists|Mounted from )/;
/** Download finished (the extract step may follow). */
const DOWNLOADED = /^(Verifying Checksum|Download complete|Extracting|Pull complete)/;

/** go-units HumanSize (4 significant digits), the unit docker's own progress bar uses. */
function progressSize(bytes: number): string {
	const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
	let size = bytes;
	let index = 0;
	while (size >= 1000 && index < units.length - 1) {
		size /= 1000;
		index += 1;
	}
	return goG(size, 4) + units[index];
}

/** A text bar like docker's: `[=====>     ]`, `width` characters between the brackets. */
export function progressBar(fraction: number, width: number): string {
	const inner = Math.max(1, width);
	const clamped = Math.min(1, Math.max(0, fraction));
	const filled = Math.floor(clamped * inner);
	if (filled >= inner) return `[${'='.repeat(inner - 1)}>]`;
	return `[${'='.repeat(filled)}>${' '.repeat(inner - filled - 1)}]`;
}

/** Options of PullProgress.lines. */
export interface ProgressLinesOptions {
	/** At most this many lines (default 16); finished layers fold into one line first. */
	maxLines?: number;
	nowMs?: number;
}

/** One pull or push in progress: feed it lines, read its state, draw it. */
export class PullProgress {
	private readonly byId = new Map<string, LayerProgress>();
	/** Per-layer extract progress (pull only), to weigh the overall fraction. */
	private readonly extracted = new Map<string, number>();
	/** Lines without a layer id, in order ("Pulling from …", "Digest: …", "Status: …"). */
	readonly messages: string[] = [];
	/** The daemon's error text, when the transfer failed. */
	error?: string;
	/** The digest pushed or pulled, once the daemon said it. */
	digest?: string;
	private endedMs?: number;

	constructor(
		/** Pull or push: push has no extract step. */
		readonly kind: 'pull' | 'push' = 'pull',
		/** When the transfer started (for elapsed time). */
		readonly startedMs: number = Date.now(),
	) {}

	/** Take one progress line. */
	push(message: ProgressMessage): void {
		if (message.error !== undefined) {
			this.error = message.error;
			return;
		}
		const aux = message.aux;
		if (aux && typeof aux.Digest === 'string') this.digest = aux.Digest;
		if (message.id === undefined || /^(Pulling from|The push refers to)/.test(message.status)) {
			if (message.status === '') return;
			// "Pulling from x" carries the tag as its id; it is a header, not a layer.
			this.messages.push(message.status);
			const digest = /(?:^Digest: |digest: )(sha256:[a-f0-9]{64})/.exec(message.status)?.[1];
			if (digest) this.digest = digest;
			return;
		}
		const layer = this.byId.get(message.id) ?? {id: message.id, status: '', done: false, skipped: false};
		layer.status = message.status;
		layer.current = message.current;
		layer.total = message.total;
		if ((message.status === 'Downloading' || message.status === 'Pushing') && message.total !== undefined) layer.size = message.total;
		if (message.status === 'Extracting' && message.current !== undefined) this.extracted.set(message.id, message.current);
		if (message.status === 'Pull complete' && layer.size !== undefined) this.extracted.set(message.id, layer.size);
		layer.skipped = SKIPPED.test(message.status);
		layer.done = FINAL.test(message.status);
		this.byId.set(message.id, layer);
	}

	/** Mark the end (the stream ended, failed or was cancelled), freezing the elapsed time. */
	end(nowMs: number = Date.now()): void {
		this.endedMs ??= nowMs;
	}

	/** The layers in the order the daemon first named them. */
	get layers(): readonly LayerProgress[] {
		return [...this.byId.values()];
	}

	/** The final "Status: …" line of a pull ("Downloaded newer image for …", "Image is up to date for …"). */
	get status(): string | undefined {
		return this.messages.findLast((line) => line.startsWith('Status: '));
	}

	/** Milliseconds since the start (until end() was called). */
	elapsedMs(nowMs: number = Date.now()): number {
		return (this.endedMs ?? nowMs) - this.startedMs;
	}

	/** Bytes downloaded (pushed) and to download (push) over layers that reported a size; undefined before any did. */
	bytes(): {done: number; total: number} | undefined {
		let done = 0;
		let total = 0;
		for (const layer of this.byId.values()) {
			if (layer.size === undefined) continue;
			done += this.moved(layer);
			total += layer.size;
		}
		return total > 0 ? {done, total} : undefined;
	}

	private moved(layer: LayerProgress): number {
		const size = layer.size ?? 0;
		if (layer.done || DOWNLOADED.test(layer.status)) return size;
		return layer.status === 'Downloading' || layer.status === 'Pushing' ? Math.min(size, layer.current ?? 0) : 0;
	}

	/**
	 * The overall fraction 0…1 over layers that reported a size (for a pull, download and extract
	 * weigh half each); undefined until one did; 1 when every layer is done.
	 */
	fraction(): number | undefined {
		const layers = this.layers;
		if (layers.length > 0 && layers.every((layer) => layer.done)) return 1;
		let done = 0;
		let total = 0;
		for (const layer of layers) {
			if (layer.size === undefined) continue;
			done += this.moved(layer);
			total += layer.size;
			if (this.kind === 'pull') {
				done += Math.min(layer.size, this.extracted.get(layer.id) ?? 0);
				total += layer.size;
			}
		}
		return total > 0 ? done / total : undefined;
	}

	private layerLine(layer: LayerProgress, barWidth: number): string {
		const status = sanitizeLine(layer.status);
		let line = `${sanitizeLine(layer.id)}: ${status}`;
		if (!layer.done && layer.current !== undefined && layer.total !== undefined) {
			line += ` ${progressBar(layer.current / layer.total, barWidth)} ${progressSize(layer.current)}/${progressSize(layer.total)}`;
		}
		return line;
	}

	/** Display lines: header, layers, an overall bar with elapsed time, the final status or error; each cut to `width`. */
	lines(width: number, options: ProgressLinesOptions = {}): string[] {
		const maxLines = Math.max(3, options.maxLines ?? 16);
		// Room for "<12-char id>: Downloading " and " 123.4kB/567.8MB" beside the bar.
		const barWidth = Math.max(10, Math.min(50, width - 50));
		const header = this.messages.filter((line) => !/^(Digest: |Status: )/.test(line) && !/: digest: /.test(line));
		const footer = this.messages.filter((line) => /^(Digest: |Status: )/.test(line) || /: digest: /.test(line));
		const top = header.slice(0, 1).map(sanitizeLine);
		const bottom: string[] = [];
		const fraction = this.fraction();
		const bytes = this.bytes();
		const elapsed = humanDuration(this.elapsedMs(options.nowMs));
		if (fraction !== undefined) {
			const amount = bytes ? ` ${progressSize(bytes.done)}/${progressSize(bytes.total)}` : '';
			bottom.push(`Total ${progressBar(fraction, barWidth)} ${Math.floor(fraction * 100)}%${amount}  ${elapsed}`);
		} else bottom.push(`Elapsed ${elapsed}`);
		bottom.push(...footer.map(sanitizeLine));
		if (this.error !== undefined) bottom.push(`Error: ${sanitizeLine(this.error)}`);

		const room = Math.max(1, maxLines - top.length - bottom.length);
		const layers = this.layers;
		let shown: readonly LayerProgress[] = layers;
		let folded = '';
		if (layers.length > room) {
			// Fold finished layers first, then keep the latest active ones.
			const active = layers.filter((layer) => !layer.done);
			const finished = layers.length - active.length;
			shown = active.slice(-(room - 1));
			const hidden = layers.length - shown.length;
			folded = `… ${hidden} more layer${hidden === 1 ? '' : 's'}${finished > 0 ? ` (${finished} done)` : ''}`;
		}
		const middle = shown.map((layer) => this.layerLine(layer, barWidth));
		if (folded) middle.unshift(folded);
		return [...top, ...middle, ...bottom].slice(0, maxLines).map((line) => truncateToWidth(line, Math.max(1, width)));
	}
}
