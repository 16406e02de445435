/**
 * The order `docker volume ls` and `docker network ls` print rows in: fvbommel/sortorder's
 * NaturalLess ("net2" before "net10"), compared on UTF-8 bytes as Go compares strings.
 */

const isDigit = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x30 && byte <= 0x39;

/** sortorder.NaturalLess: digit runs compare as numbers (leading zeros break ties), other bytes bytewise, digits first. */
export function naturalLess(a: string, b: string): boolean {
	const s1 = Buffer.from(a, 'utf8');
	const s2 = Buffer.from(b, 'utf8');
	let i1 = 0;
	let i2 = 0;
	while (i1 < s1.length && i2 < s2.length) {
		const c1 = s1[i1]!;
		const c2 = s2[i2]!;
		const d1 = isDigit(c1);
		const d2 = isDigit(c2);
		if (d1 !== d2) return d1;
		if (!d1) {
			if (c1 !== c2) return c1 < c2;
			i1 += 1;
			i2 += 1;
			continue;
		}
		while (i1 < s1.length && s1[i1] === 0x30) i1 += 1;
		while (i2 < s2.length && s2[i2] === 0x30) i2 += 1;
		const start1 = i1;
		const start2 = i2;
		while (isDigit(s1[i1])) i1 += 1;
		while (isDigit(s2[i2])) i2 += 1;
		const len1 = i1 - start1;
		const len2 = i2 - start2;
		if (len1 !== len2) return len1 < len2;
		const n1 = s1.subarray(start1, i1).toString('latin1');
		const n2 = s2.subarray(start2, i2).toString('latin1');
		if (n1 !== n2) return n1 < n2;
		if (start1 !== start2) return start1 < start2;
	}
	return s1.length < s2.length;
}

/** A comparator for Array.prototype.sort from naturalLess. */
export function naturalCompare(a: string, b: string): number {
	if (naturalLess(a, b)) return -1;
	if (naturalLess(b, a)) return 1;
	return 0;
}
