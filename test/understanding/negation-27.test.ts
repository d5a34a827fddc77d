import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { productionParser } from './support';

// Issue 10, round 36 second wave: "not X, only Y" (styles-dev-27 and blind round 27's negation misses). A clause that
// declines what it names ("không cần gặp cán bộ đâu", "đừng gọi cán bộ") is no request when another follows: the request
// after it decides the intent. Every message below was written for this file: it is in no training file and no evaluation set.
describe('understanding/negation 27: a request waved away before the one asked', () => {
  let parser: Parser;
  before(() => {
    parser = productionParser();
  });
  const intentOf = (text: string) => parser.parse(text).intent.name;

  it('declining a person, then asking a procedure, asks the procedure', () => {
    assert.notEqual(intentOf('Không cần nói chuyện với cán bộ đâu, bot trả lời là được: làm hộ chiếu cho con cần gì?'), 'human_agent');
    assert.notEqual(intentOf('chẳng cần người thật đâu, máy trả lời cũng được: đăng ký tạm trú online thế nào'), 'human_agent');
  });

  it('declining a person, then asking an address, asks the address', () => {
    assert.equal(intentOf('Không cần gặp cán bộ đâu, chỉ cho tôi địa chỉ công an phường Phan Đình Phùng là được.'), 'office_location');
  });

  it('asking for a person after declining the bot still asks for a person', () => {
    assert.equal(intentOf('Thôi, tôi không cần bot nữa, cho tôi gặp người thật'), 'human_agent');
  });

  it('a decline with nothing after it is the message itself', () => {
    assert.equal(intentOf('Tôi không muốn nhận thông báo nữa, hủy giúp tôi'), 'unsubscribe');
  });
});
