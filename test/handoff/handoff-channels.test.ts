import assert from 'node:assert/strict';
import { startAdminServer, INTEGRATION_TOKEN, type AdminServer } from '../admin/admin-server';
import { dossierBody, putDossier, uniqueCode } from '../dossiers/dossier-support';
import { vi } from '../support/locale';
import { chat } from '../support/server';
import { startStandInPlatform, type StandInPlatform } from './stand-in-platform';

/**
 * The hand-off speaks to platform channels only through the seams they implement (ChannelSender with purpose
 * 'officer', HandoffControl), keyed by channel name. Here 'zalo' is a stand-in platform over local HTTP; the real
 * Zalo and Messenger channels test their own windows, tags and handover calls.
 */
describe('hand-off through a platform channel\'s sender and control (real server, stand-in platform)', () => {
  let server: AdminServer;
  let platform: StandInPlatform;
  let desk: string;

  before(async () => {
    platform = await startStandInPlatform();
    server = await startAdminServer({}, { senders: [platform.sender('zalo')], controls: new Map([['zalo', platform.control()]]) });
    desk = await server.staff('motcua1', ['desk']);
  });
  after(async () => {
    await server?.close();
    await platform?.close();
  });
  beforeEach(() => {
    platform.received.length = 0;
    platform.refuseWith(undefined);
  });

  const openFor = async (channel: string, userId: string) =>
    (await server.running.assistant.store.handoffs.open({ channel, userId, locale: 'vi', reason: 'human_agent', transcript: [] })).record.id;

  it('tells the citizen before passing the thread on a claim, sends with purpose "officer", and takes the thread back before saying goodbye', async () => {
    const id = await openFor('zalo', 'z-1');
    await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk });
    await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Chào chị, chị cần hỗ trợ gì?' } });
    await server.call('POST', `/api/admin/handoffs/${id}/close`, { token: desk });
    assert.deepEqual(
      platform.received.map((r) => [r.path, r.body.step ?? r.body.purpose, r.body.userId, r.body.replies?.[0]?.text]),
      [
        ['/send', 'officer', 'z-1', vi('handoff:claimed', { reference: id })],
        ['/control', 'officerTakesOver', 'z-1', undefined],
        ['/send', 'officer', 'z-1', vi('handoff:officerSays', { text: 'Chào chị, chị cần hỗ trợ gì?' })],
        ['/control', 'botTakesBack', 'z-1', undefined],
        ['/send', 'officer', 'z-1', vi('handoff:closed', { reference: id })],
      ],
    );
  });

  it('reports a refused send to the officer and keeps the line in the transcript, marked undelivered', async () => {
    const id = await openFor('zalo', 'z-2');
    platform.refuseWith('window_closed');
    const reply = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Anh còn cần hỗ trợ không?' } });
    assert.equal(reply.status, 201);
    assert.deepEqual(reply.body.delivery, { sent: false, failure: 'window_closed' });
    const transcript = (await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk })).body.transcript;
    assert.deepEqual(
      transcript.map((l: { from: string; text: string; failure?: string }) => [l.from, l.failure]),
      [['bot', 'window_closed'], ['officer', 'window_closed']],
    );
    const claim = await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk });
    assert.equal(claim.body.handoff.claimedBy, 'motcua1', 'the claim stands: the officer can try again when the citizen writes');
  });

  it('says the channel is off when no sender serves it', async () => {
    const id = await openFor('messenger', 'm-1');
    const reply = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Xin chào' } });
    assert.deepEqual([reply.status, reply.body.delivery], [201, { sent: false, failure: 'channel_off' }]);
    assert.deepEqual(platform.received, []);
  });

  it('never puts the digits a citizen types to prove a dossier is theirs into what an officer reads', async () => {
    const code = uniqueCode();
    assert.equal((await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody())).status, 201);
    const sender = 'web-dossier-then-officer';
    await chat(server.url, sender, `tra cứu hồ sơ ${code}`);
    await chat(server.url, sender, '5678');
    const [answer] = await chat(server.url, sender, 'cho tôi gặp cán bộ');
    const id = /HT-\d{8}-\d{4}/.exec(answer!.text)![0];
    const transcript = (await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk })).body.transcript as { from: string; text: string }[];
    assert.ok(transcript.some((l) => l.from === 'citizen' && l.text.includes(code)), 'the question itself is kept');
    assert.ok(!transcript.some((l) => l.text.includes('5678')), JSON.stringify(transcript));
  });
});
