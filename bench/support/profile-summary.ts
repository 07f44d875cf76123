/**
 * Summarises a V8 CPU profile (.cpuprofile from `node --cpu-prof`, or BENCH_PROFILE of profile.ts): the functions
 * with the most self time and the most inclusive time, in ms, optionally only over the samples whose stack holds a
 * frame matching FOCUS (a regular expression over "function file:line", e.g. FOCUS=runItems to see one node's run).
 * Usage: ts-node --transpile-only bench/support/profile-summary.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const focus = process.env.FOCUS ? new RegExp(process.env.FOCUS) : undefined;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const label = (node: ProfileNode) => {
	const url = node.callFrame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '');
	return `${node.callFrame.functionName || '(anonymous)'} ${url}:${node.callFrame.lineNumber + 1}`;
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
	const ms = (profile.timeDeltas[i] ?? 0) / 1000;
	const stack: string[] = [];
	for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) stack.push(label(byId.get(id) as ProfileNode));
	if (focus && !stack.some((frame) => focus.test(frame))) continue;
	if (/^\(idle\)/.test(stack[0])) continue;
	total += ms;
	self.set(stack[0], (self.get(stack[0]) ?? 0) + ms);
	for (const frame of new Set(stack)) inclusive.set(frame, (inclusive.get(frame) ?? 0) + ms);
}

const print = (title: string, map: Map<string, number>) => {
	console.log(`\n${title}`);
	for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
};
console.log(`${total.toFixed(0)} ms of non-idle samples${focus ? ` with a frame matching ${String(focus)}` : ''}`);
print('self time', self);
print('inclusive time', inclusive);
