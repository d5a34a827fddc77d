/** Latency of office search and nearest-office ranking over the shipped directory. */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadKnowledge } from '../src/knowledge';
import { rankByDistance } from '../src/knowledge/geo';

function time(label: string, n: number, fn: (i: number) => unknown): void {
  const start = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const us = ((performance.now() - start) * 1000) / n;
  console.log(`${label}: ${us.toFixed(1)} µs/op (${n} ops)`);
}

/** Prints load time, findOffices and nearest latencies. */
export async function run(): Promise<void> {
  const t0 = performance.now();
  const k = loadKnowledge(resolve(__dirname, '../content'));
  console.log(`loadKnowledge: ${(performance.now() - t0).toFixed(1)} ms (${k.listOffices().length} offices)`);
  const queries = ['Trưng Vương', 'thi tran Hung Son', 'cong an huyen Dai Tu', 'tôi ở xóm 3 xã Phú Xuyên huyện Đại Từ', 'Hà Nội'];
  time('findOffices', 20000, (i) => k.findOffices(queries[i % queries.length]));
  // The shipped directory has no coordinates yet, so rank a synthetic copy with points spread over the province.
  const placed = k.listOffices().map((o, i) => ({ ...o, location: { status: 'approximate' as const, lat: 21.3 + (i % 10) * 0.12, lon: 105.6 + Math.floor(i / 10) * 0.06 } }));
  time('nearest (99 units)', 20000, (i) => rankByDistance(placed, 21.5 + (i % 7) * 0.05, 105.8).slice(0, 5));
}

if (require.main === module) void run();
