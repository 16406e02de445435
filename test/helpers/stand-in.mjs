// Stand-in for porthole in the harness's own tests (test/e2e/harness.test.ts): enters the
// alternate screen, shows its size and whether CI is set, echoes each key it reads as JSON
// on its own row, redraws on resize, and leaves the alternate screen and exits 0 on `q`.
import process from 'node:process';

const out = process.stdout;
const keys = [];
const draw = () => {
	const lines = [
		`stand-in ${out.columns}x${out.rows}`,
		`CI=${process.env.CI === undefined ? '<unset>' : process.env.CI} TERM=${process.env.TERM} GITHUB_ACTIONS=${process.env.GITHUB_ACTIONS ?? '<unset>'}`,
		`keys: ${keys.length}`,
		...keys.slice(-(out.rows - 4)).map(key => `key ${JSON.stringify(key)}`),
	];
	out.write('\x1b[H\x1b[2J\x1b[1;32m' + lines[0] + '\x1b[0m\r\n' + lines.slice(1).join('\r\n'));
};

out.write('\x1b[?1049h');
process.stdin.setRawMode(true);
process.stdin.setEncoding('utf8');
process.stdin.on('data', data => {
	if (data === 'q') {
		out.write('\x1b[?1049l');
		out.write('stand-in done\r\n');
		process.exit(0);
	}
	keys.push(data);
	draw();
});
out.on('resize', draw);
draw();
