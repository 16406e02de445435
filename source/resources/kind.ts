/**
 * A kind of Docker object (images, volumes, networks, …) as a declaration: how to list it, how to
 * tell its rows apart, which events change it, its columns, sorts, filter keys and actions. One
 * generic list store (store/resource-list.ts), one generic table (ui/ResourceTable.tsx) and the key
 * table (keymap/) serve every kind from these fields; adding a kind is a file here plus its engine
 * calls (docs/architecture.md). Nothing here imports React or Ink.
 */
import type {ContainerSummary, Engine, EngineEvent} from '../engine/types.js';
import type {ActionContext} from '../actions/context.js';
import type {DocumentSource} from '../present/document.js';

/** The kinds a list view can show. */
export type KindId = 'containers' | 'images' | 'volumes' | 'networks';

/** A command of a kind: `<kind>.<action>`, the stable name docs/keys.md lists. */
export type KindCommandName = `${KindId}.${string}`;

/** What a cell may use besides its row: the clock, and the host's containers (for "used by"). */
export interface CellContext {
	now: number;
	containers: readonly ContainerSummary[];
}

/** One column of a kind's table. Cells return text already sanitised (present/ does that). */
export interface KindColumn<Row> {
	id: string;
	title: string;
	/** Narrowest useful width, and the widest the column grows to for its content. */
	min: number;
	max: number;
	/** Lower is kept longer as the terminal narrows; 1 is never dropped. */
	keep: number;
	/** Where a long text is cut: ids and paths read best cut in the middle. */
	cut?: 'end' | 'middle';
	/** Numbers read best aligned right. */
	align?: 'right';
	/** Whether the column is there for this query (DIGEST only with the digests toggle); always when absent. */
	shown?(query: ListQuery): boolean;
	cell(row: Row, context: CellContext): string;
}

/** An order the list can be sorted in (s cycles through them, S reverses). */
export interface KindSort<Row> {
	id: string;
	title: string;
	compare(a: Row, b: Row): number;
}

/** A switch of the list query, like `docker images -a` or `--digests`, bound to a key. */
export interface KindToggle {
	id: string;
	command: KindCommandName;
	keys: readonly string[];
	title: string;
	/** On when the view opens. */
	initial?: boolean;
	/**
	 * What it adds is slow to measure (volume sizes walk the disk): read when turned on, then kept
	 * on the rows of later reads through the kind's `carry`, never re-measured by events or polls.
	 */
	slow?: boolean;
}

/** What a list is asked for: daemon filters (`key=value` tokens of the filter bar) and toggles. */
export interface ListQuery {
	filters: Readonly<Record<string, string[]>>;
	toggles: ReadonlySet<string>;
}

/** An action of a kind, bound to keys in that kind's list. */
export interface KindAction<Row> {
	command: KindCommandName;
	keys: readonly string[];
	title: string;
	/** Short label for the footer. */
	hint?: string;
	/** Changes the daemon: hidden and refused in read-only mode (the engine refuses it too). */
	dangerous?: boolean;
	/**
	 * What it works on: nothing (create, pull), the selected row, or the marked rows (else the
	 * selected one).
	 */
	target: 'none' | 'one' | 'many';
	/** Why it cannot apply to a row (e.g. "bridge is predefined"); undefined when it can. */
	refuses?(row: Row, context: CellContext): string | undefined;
	/** The steps: dialogs, engine calls and messages, through the action context. */
	run(context: ActionContext<Row>): Promise<void>;
}

/** A document view of a row (inspect, history), opened with a key. */
export interface KindDocument<Row> {
	command: KindCommandName;
	keys: readonly string[];
	title: string;
	hint?: string;
	load(engine: Engine, row: Row, options: {secretKeys?: readonly string[]}): Promise<DocumentSource>;
}

/** What every kind declares, the containers too: enough for `:`, the header, the help and Tab. */
export interface KindIdentity {
	id: KindId;
	/** For the header and the help: "Images". */
	title: string;
	/** "image", for messages ("No image selected."). */
	singular: string;
	/** Names the `:` command line takes, the first the canonical one (`:images`, `:im`). */
	aliases: readonly string[];
}

/**
 * A kind of object shown by the generic list (store/resource-list.ts, ui/ResourceTable.tsx). The
 * containers are declared by identity only for now: their list has live stats, panes and a tuned
 * column layout (store/containers.ts, present/columns.ts) that predate this design.
 */
export interface ResourceKind<Row> extends KindIdentity {
	list(engine: Engine, query: ListQuery, signal: AbortSignal): Promise<Row[]>;
	/** A row's identity, stable across refreshes (selection and marks follow it). */
	key(row: Row): string;
	/** How messages name a row. */
	name(row: Row): string;
	/** Whether an engine event may change this list (the list is then re-read, coalesced). */
	refreshOn(event: EngineEvent): boolean;
	columns: ReadonlyArray<KindColumn<Row>>;
	/** The first is the initial order. */
	sorts: ReadonlyArray<KindSort<Row>>;
	/** `key=value` filter keys sent to the daemon (its `--filter` semantics); anything else is refused. */
	filterKeys: readonly string[];
	/** A `key=value` token checked as the daemon checks it, in its words; undefined when it may go. */
	checkFilter?(token: string): string | undefined;
	/** The text free words of the filter bar match (lower-cased by the caller). */
	words(row: Row): string;
	toggles?: readonly KindToggle[];
	/** A row of a cheap re-read, given what a slow toggle measured on the same row before. */
	carry?(previous: Row, next: Row): Row;
	actions: ReadonlyArray<KindAction<Row>>;
	documents?: ReadonlyArray<KindDocument<Row>>;
	/** What the list says when it is empty without a filter. */
	emptyText: string;
}

/** A kind whose row type does not matter to the caller (the registry's entries). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own row type
export type AnyKind = ResourceKind<any>;
