/**
 * IP addresses and CIDR subnets as `docker network create --subnet/--gateway` takes them, checked
 * before anything is sent: Go's net.ParseIP / net.ParseCIDR rules and the CLI's words.
 */

/** An address parsed to its family and value (IPv4 in 32 bits, IPv6 in 128). */
export interface IpAddress {
	family: 4 | 6;
	value: bigint;
}

/** A parsed subnet: the text as typed, its family, network address bits and prefix length. */
export interface Subnet {
	text: string;
	family: 4 | 6;
	/** The address as typed (not masked), for display. */
	address: IpAddress;
	prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4(text: string): bigint | undefined {
	const match = IPV4.exec(text);
	if (!match) return undefined;
	let value = 0n;
	for (const part of match.slice(1)) {
		// Go rejects leading zeros ("010") since 1.17: they read as octal elsewhere.
		if (part.length > 1 && part.startsWith('0')) return undefined;
		const n = Number(part);
		if (n > 255) return undefined;
		value = (value << 8n) | BigInt(n);
	}
	return value;
}

function parseIpv6(text: string): bigint | undefined {
	let head = text;
	let tailV4: bigint | undefined;
	const lastColon = text.lastIndexOf(':');
	if (lastColon !== -1 && text.slice(lastColon + 1).includes('.')) {
		tailV4 = parseIpv4(text.slice(lastColon + 1));
		if (tailV4 === undefined) return undefined;
		head = text.slice(0, lastColon + 1) + '0:0';
	}
	const halves = head.split('::');
	if (halves.length > 2) return undefined;
	const groups = (s: string): string[] | undefined => (s === '' ? [] : s.split(':'));
	const left = groups(halves[0]!);
	const right = halves.length === 2 ? groups(halves[1]!) : [];
	if (!left || !right) return undefined;
	const total = left.length + right.length;
	if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
	const all = [...left, ...Array.from({length: 8 - total}, () => '0'), ...right];
	let value = 0n;
	for (const group of all) {
		if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
		value = (value << 16n) | BigInt(parseInt(group, 16));
	}
	if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
	return value;
}

/** Go's net.ParseIP: an IPv4 dotted quad or an IPv6 address (no zone); undefined when it is neither. */
export function parseIp(text: string): IpAddress | undefined {
	const v4 = parseIpv4(text);
	if (v4 !== undefined) return {family: 4, value: v4};
	if (!text.includes(':')) return undefined;
	const v6 = parseIpv6(text);
	return v6 === undefined ? undefined : {family: 6, value: v6};
}

/** What parseSubnet makes of a text: the subnet, or the problem in Go's words. */
export type ParsedSubnet = {ok: true; subnet: Subnet} | {ok: false; message: string};

/** Go's net.ParseCIDR for `--subnet`: "10.1.0.0/16", "fd00:1::/64"; "invalid CIDR address: …" otherwise. */
export function parseSubnet(text: string): ParsedSubnet {
	const bad = {ok: false as const, message: `invalid CIDR address: ${text}`};
	const slash = text.indexOf('/');
	if (slash === -1) return bad;
	const address = parseIp(text.slice(0, slash));
	const bits = text.slice(slash + 1);
	// Go reads the length with dtoi: leading zeros are fine ("/08"), signs and spaces are not.
	if (!address || !/^\d{1,9}$/.test(bits)) return bad;
	const prefix = Number(bits);
	if (prefix > (address.family === 4 ? 32 : 128)) return bad;
	return {ok: true, subnet: {text, family: address.family, address, prefix}};
}

/** Whether an address lies inside a subnet (same family, same network bits). */
export function subnetContains(subnet: Subnet, address: IpAddress): boolean {
	if (subnet.family !== address.family) return false;
	const width = subnet.family === 4 ? 32n : 128n;
	const hostBits = width - BigInt(subnet.prefix);
	return subnet.address.value >> hostBits === address.value >> hostBits;
}

/**
 * The `--gateway` check of `docker network create`: undefined when fine (or no gateway), else the
 * CLI's words — a gateway needs a subnet, must be an IP, and must lie in the subnet.
 */
export function gatewayProblem(gateway: string, subnet: string): string | undefined {
	if (gateway === '') return undefined;
	const address = parseIp(gateway);
	if (!address) return `invalid string being converted to IP address: ${gateway}`;
	if (subnet === '') return 'every ip-range or gateway must have a corresponding subnet';
	const parsed = parseSubnet(subnet);
	if (!parsed.ok) return parsed.message;
	if (!subnetContains(parsed.subnet, address)) return `no matching subnet for gateway ${gateway}`;
	return undefined;
}
