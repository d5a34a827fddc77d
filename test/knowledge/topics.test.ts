import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge, tryLoadKnowledge } from '../../src/knowledge';
import { CONTENT_DIR, read, tempContent } from './helpers';

describe('police topics and former provinces', () => {
  const k = loadKnowledge(CONTENT_DIR);

  it('finds the police topic a message names, with or without diacritics, longest keyword first', () => {
    const cases: [string, string][] = [
      ['khai báo vũ khí thô sơ ở đâu', 'vu-khi'],
      ['khai bao vu khi tho so o dau', 'vu-khi'],
      ['mua pháo hoa có cần giấy phép không', 'phao'],
      ['tài khoản VNeID bị khóa thì làm sao', 'khoa-vneid'],
      ['khách nước ngoài ở nhà tôi thì khai báo thế nào', 'nguoi-nuoc-ngoai-tam-tru'],
      ['tìm lại được hộ chiếu đã báo mất', 'khoi-phuc-ho-chieu'],
      ['mất hộ chiếu khi đang ở nước ngoài thì báo ở đâu', 'mat-ho-chieu-o-nuoc-ngoai'],
      ['I lost my passport abroad', 'mat-ho-chieu-o-nuoc-ngoai'],
    ];
    for (const [text, id] of cases) assert.equal(k.findTopic(text)?.id, id, text);
    for (const text of ['làm tạm trú cần gì', 'tìm kiếm tài khoản', 'phao cứu sinh']) assert.equal(k.findTopic(text), undefined, text);
  });

  it('gives every topic a sourced answer in both languages and a place to check', () => {
    assert.ok(k.listTopics().length >= 6);
    for (const topic of k.listTopics()) {
      assert.ok(typeof topic.answer !== 'string' && topic.answer.en, topic.id);
      assert.match(topic.checkAt, /^https:\/\//);
      assert.ok(topic.sources.length > 0);
    }
  });

  it('knows the former Bắc Kạn province by its name, its police and its old districts, not the new ward', () => {
    for (const text of ['hồ sơ nộp ở Công an tỉnh Bắc Kạn', 'cong an tinh bac kan', 'xã Dương Quang, thành phố Bắc Kạn', 'công an huyện Ba Bể']) assert.equal(k.formerProvinceIn(text)?.id, 'bac-kan', text);
    assert.equal(k.formerProvinceIn('công an phường Bắc Kạn ở đâu'), undefined);
  });

  it('writes every former district as the office directory does', () => {
    const districts = new Set(k.listOffices().flatMap((o) => o.formerDistricts));
    for (const d of k.formerProvinceIn('tỉnh Bắc Kạn')!.districts) assert.ok(districts.has(d), d);
  });

  it('refuses a topic without its status, and a topic id used twice', () => {
    const broken = (edit: (yaml: string) => string) => {
      const dir = tempContent();
      const file = join(dir, 'police-topics.yaml');
      writeFileSync(file, edit(read(file)));
      return tryLoadKnowledge(dir).problems.map((p) => [p.file, p.field]);
    };
    assert.deepEqual(broken((y) => y.replace('    status: current\n', '')), [['police-topics.yaml', 'topics.3.status']]);
    assert.deepEqual(broken((y) => y.replace('  - id: phao\n', '  - id: vu-khi\n')), [['police-topics.yaml', 'topics.1.id']]);
  });
});
