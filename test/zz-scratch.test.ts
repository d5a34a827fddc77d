import nock from 'nock';
import http from 'node:http';
describe('passthrough', () => {
  it('POST to local', async () => {
    void nock;
    const srv = http.createServer((q, s) => { let b=''; q.on('data', c => b+=c); q.on('end', () => s.end('echo:' + b)); }).listen(0, '127.0.0.1');
    await new Promise(r => srv.once('listening', r));
    const port = (srv.address() as any).port;
    for (const body of ['hello', Buffer.from('buf')]) {
      try { console.log(await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body })).text()); } catch (e) { console.log('fail', typeof body, (e as Error).message); }
    }
    srv.close();
  });
});
