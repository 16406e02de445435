/**
 * Running a kind's action: the checks every action shares (something selected, the action applies
 * to the rows, a refusal said in words), then its own steps (resources/<kind>.ts).
 */
import type {ActionContext} from './context.js';
import type {KindAction, ResourceKind} from '../resources/kind.js';

/** Run `action` of `kind` on the context's targets, saying plainly when it cannot. */
export async function runKindAction<Row>(kind: ResourceKind<Row>, action: KindAction<Row>, context: ActionContext<Row>): Promise<void> {
	if (action.target !== 'none') {
		const targets = action.target === 'one' ? (context.row === undefined ? [] : [context.row]) : context.targets;
		if (targets.length === 0) return context.status.flash(`No ${kind.singular} selected.`, true);
		const refusals = action.refuses ? targets.map((row) => action.refuses!(row, context.cell)).filter((reason): reason is string => reason !== undefined) : [];
		if (refusals.length === targets.length) return context.status.flash(refusals[0]!, true);
		const allowed = action.refuses ? targets.filter((row) => action.refuses!(row, context.cell) === undefined) : targets;
		context = {...context, targets: allowed, row: action.target === 'one' ? allowed[0] : context.row};
	}
	try {
		await action.run(context);
	} catch (error) {
		// The steps report the daemon's words themselves; anything else still reaches the user.
		context.status.flash(`${action.title}: ${error instanceof Error ? error.message : String(error)}`, true);
	}
}
