/**
 * What an action of a kind gets to work with: the engine of the row's host, its targets, the
 * status line, the dialogs, and the few things it may ask of the views (refresh, open a document,
 * jump to another kind). Declared here so resources/ and actions/ never reach into ui/.
 */
import type {Engine} from '../engine/types.js';
import type {DocSource} from '../present/document.js';
import type {CellContext, KindId} from '../resources/kind.js';
import type {DialogStore} from './dialogs.js';
import type {StatusStore} from './status.js';

/** The world of one run of a kind's action. */
export interface ActionContext<Row> {
	engine: Engine;
	/** The selected row, if any. */
	row?: Row;
	/** The marked rows, else the selected one (empty when nothing is selected). */
	targets: readonly Row[];
	/** The clock and the host's containers (who uses what). */
	cell: CellContext;
	status: StatusStore;
	dialogs: DialogStore;
	/** Re-read this kind's list now (events do it too; this is for at once). */
	refresh(): void;
	/** Show a document (inspect, history) in the document view. */
	openDocument(source: DocSource): void;
	/** Open another kind's list with a filter ("the containers using this image"). */
	jump(kind: KindId, filterText: string): void;
}
