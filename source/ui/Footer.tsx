/** The bottom line: key hints derived from the key table. */
import {Text} from 'ink';
import {footerHints, type Binding, type Scope} from '../keymap/keymap.js';
import {theme} from './theme.js';

/** Hints for the active scopes, most specific first. */
export function Footer({scopes, bindings}: {scopes: readonly Scope[]; bindings: readonly Binding[]}) {
	const hints = footerHints(scopes, bindings);
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
