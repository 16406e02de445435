/** The bottom line: key hints derived from the key table. */
import {Text, useWindowSize} from 'ink';
import {fitHints, footerHints, type Binding, type Command, type Scope} from '../keymap/keymap.js';
import {theme} from './theme.js';

/** Hints for the active scopes, most specific first; `inactive` commands (no-ops in this view) are left out. */
export function Footer({scopes, bindings, inactive = []}: {scopes: readonly Scope[]; bindings: readonly Binding[]; inactive?: readonly Command[]}) {
	const {columns} = useWindowSize();
	const hints = fitHints(footerHints(scopes, inactive.length > 0 ? bindings.filter((binding) => !inactive.includes(binding.command)) : bindings), columns);
	return (
		<Text wrap="truncate">
			{hints.map((hint, index) => (
				<Text key={`${hint.key}-${hint.label}`}>
					{index > 0 ? '  ' : ''}
					<Text color={theme.key} bold>
						{hint.key}
					</Text>{' '}
					<Text color={theme.muted}>{hint.label}</Text>
				</Text>
			))}
		</Text>
	);
}
