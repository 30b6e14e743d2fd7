/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): self time by function and
 * by package/file, so "where the time goes" can be written down.
 *
 *   npx tsx scripts/bench/profile-summary.ts /tmp/bench-xxx/cpu-profiles/CPU.*.cpuprofile [top]
 */
import fs from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const file = process.argv[2];
const top = Number(process.argv[3] ?? 25);
if (!file) {
  process.stderr.write('usage: profile-summary.ts <file.cpuprofile> [top]\n');
  process.exit(2);
}
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** node_modules/<pkg>, backend/src/<folder>, or the V8/Node category. */
function area(n: Node): string {
  const url = n.callFrame.url;
  if (!url) return `(${n.callFrame.functionName || 'program'})`;
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) return nm[1];
  const own = url.match(/\/(backend\/src\/[^/]+|shared\/src|scripts\/[^/]+|migrations)/);
  if (own) return own[1];
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/').slice(0, 2).join('/');
  return url;
}

const fnTotals = new Map<string, number>();
const areaTotals = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const fn = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${n.callFrame.lineNumber + 1}`;
  fnTotals.set(fn, (fnTotals.get(fn) ?? 0) + us);
  areaTotals.set(area(n), (areaTotals.get(area(n)) ?? 0) + us);
}
// Inclusive time of our own functions (backend/, shared/): each sample counts once per function on its stack.
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map<string, number>();
prof.samples.forEach((id, i) => {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!;
    if (!/\/(backend|shared)\/src\//.test(n.callFrame.url)) continue;
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(backend|shared)\/src\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
});

const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
const print = (title: string, m: Map<string, number>) => {
  process.stdout.write(`\n${title}\n`);
  [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, us]) => process.stdout.write(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}\n`));
};
process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled over ${((prof.endTime - prof.startTime) / 1000).toFixed(0)} ms\n`);
print('self time by area', areaTotals);
print('self time by function', fnTotals);
print('inclusive time of own functions (synchronous part only)', inclusive);
