/**
 * Fan-out of one announcement to 100,000 Zalo subscribers by the real assistant process (src/main.ts) against a
 * stand-in Zalo API over HTTP, rate limit off: engine sends per second, the process's memory as it goes, and a kill -9
 * halfway then a restart, counting at the stand-in what each recipient received.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStore } from '../src/store/sqlite';
import { spawnAssistant } from '../test/support/assistant-process';
import { startStandInZalo } from '../test/support/stand-in-zalo';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const CONCURRENCY = 32;
/** PROF=<dir>: each assistant process writes a CPU profile there (Node refuses --cpu-prof in NODE_OPTIONS). */
const NODE_ARGS = process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF}`] : [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rssMb = (pid: number) => {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
};

/** CPU time (user + system) the process has used, in ms: what a send costs whatever else the machine is running. */
const cpuMs = (pid: number) => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
};
const CLOCK_TICKS = 100;

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-announce-'));
  const zalo = await startStandInZalo();
  const store = createSqliteStore(dir);
  try {
    const at = new Date();
    const seeding = Date.now();
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const user = { channel: 'zalo', userId: `bench-${String(i).padStart(7, '0')}` };
      await store.contacts.recordInteraction(user, at);
      await store.contacts.subscribe(user, { topics: i % 2 ? ['scam_alerts'] : [], communes: [] }, at);
    }
    console.log(`announcements: ${SUBSCRIBERS.toLocaleString('en')} subscribers seeded in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
    const a = await store.announcements.create({ title: 'Cảnh báo lừa đảo', body: 'Không chuyển tiền cho người tự xưng công an.', topics: ['scam_alerts'], channels: ['zalo'], communes: [] }, 'staff:bench', at);
    await store.announcements.transition(a.id, ['draft'], 'sending', at);

    const env = {
      DATA_DIR: dir,
      ZALO_APP_ID: '3608465248940903967',
      ZALO_APP_SECRET: 'bench-app-secret',
      ZALO_OA_SECRET_KEY: 'bench-oa-secret',
      ZALO_OA_ID: '3886132808788086450',
      ZALO_ACCESS_TOKEN: 'bench-access-token',
      ZALO_REFRESH_TOKEN: 'bench-refresh-token',
      ZALO_API_BASE: zalo.url,
      ZALO_OAUTH_BASE: zalo.url,
      ANNOUNCEMENT_ZALO_PER_SECOND: '0',
      ANNOUNCEMENT_CONCURRENCY: String(CONCURRENCY),
    };
    const samples: { sent: number; mb: number }[] = [];
    /** The assistant's RSS once started, before its first send: what the fan-out adds is measured from there. */
    const idleMb: number[] = [];
    const watch = async (pid: number, until: () => Promise<boolean>) => {
      while (!(await until())) {
        const mb = rssMb(pid);
        if (mb !== undefined) samples.push({ sent: zalo.total(), mb });
        await sleep(250);
      }
    };
    const segment = async (label: string, until: () => Promise<boolean>) => {
      const child = spawnAssistant(env, NODE_ARGS);
      let exited = false;
      void child.exited.then(() => (exited = true));
      const before = zalo.total();
      // The clock starts at the first send: start-up (content, language model) is not the engine.
      let rss = 0;
      while (zalo.total() === before) {
        if (exited) throw new Error(`announcements: the assistant exited before sending (${label})`);
        rss = rssMb(child.child.pid!) ?? rss;
        await sleep(20);
      }
      idleMb.push(rss);
      const t0 = Date.now();
      const from = zalo.total();
      const cpu0 = cpuMs(child.child.pid!);
      // This process is mostly the stand-in (and a status read every 250 ms): what the far end costs per send.
      const standIn0 = process.cpuUsage();
      await watch(child.child.pid!, until);
      const cpu = (cpuMs(child.child.pid!) ?? NaN) - (cpu0 ?? NaN);
      const standIn = process.cpuUsage(standIn0);
      const sends = zalo.total() - from;
      const rate = sends / ((Date.now() - t0) / 1000);
      // The CPU per send gives what one free core would do: on a shared machine the wall-clock rate mostly measures the others.
      console.log(
        `announcements: ${label}: ${sends.toLocaleString('en')} sends at ${Math.round(rate).toLocaleString('en')} sends/s [target ≥ 2,000] at load ${os.loadavg()[0]!.toFixed(1)}; ` +
          `assistant CPU ${(cpu / sends).toFixed(2)} ms per send (${Math.round((1000 * sends) / cpu).toLocaleString('en')} sends per CPU-second) [target ≤ 0.30 ms]; ` +
          `stand-in CPU ${((standIn.user + standIn.system) / 1000 / sends).toFixed(2)} ms per send`,
      );
      return child;
    };

    const first = await segment('before the kill', async () => zalo.total() >= SUBSCRIBERS / 2);
    await first.kill9();
    const atKill = zalo.total();
    const second = await segment('after the restart', async () => (await store.announcements.get(a.id))?.status === 'done');
    await second.stop();

    const rows = await store.announcements.deliveries(a.id, SUBSCRIBERS + 1);
    const report = await store.announcements.report(a.id);
    let twice = 0;
    let mismatched = 0;
    for (const count of zalo.received.values()) if (count > 1) twice++;
    for (const row of rows) {
      const got = zalo.received.get(row.userId) ?? 0;
      if (row.outcome === 'sent' ? got !== 1 : row.reason !== 'in_doubt' || got > 1) mismatched++;
    }
    const inDoubt = report.failed.in_doubt ?? 0;
    const arrived = [...zalo.received.keys()].length - report.sent;
    console.log(
      `announcements: killed -9 after ${atKill.toLocaleString('en')} sends; recipients ${rows.length.toLocaleString('en')}, sent ${report.sent.toLocaleString('en')}, ` +
        `in doubt ${inDoubt} (${arrived} of them had reached Zalo), received twice ${twice}, rows disagreeing with the stand-in ${mismatched} [exactly-once: 0 twice, 0 disagreeing]`,
    );
    const rssAt = (fraction: number) => samples.find((s) => s.sent >= SUBSCRIBERS * fraction)?.mb.toFixed(0) ?? '?';
    console.log(
      `announcements: assistant RSS at 10% / 25% / 45% / 60% / 80% / 95% sent: ${[0.1, 0.25, 0.45, 0.6, 0.8, 0.95].map(rssAt).join(' / ')} MB ` +
        `(max ${Math.max(...samples.map((s) => s.mb)).toFixed(0)} MB; started, before the first send: ${idleMb.map((mb) => mb.toFixed(0)).join(' / ')} MB) [flat: recipients are streamed ${500} at a time]`,
    );
  } finally {
    await store.close();
    await zalo.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
