import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { productionParser } from './support';

// Issue 10, round 33 (the causes behind the misses of styles-dev-24 and blind round 23). Every message below was written
// for this file: it is in no training file and no evaluation set.
describe('understanding/styles 24', () => {
  let parser: Parser;
  before(() => {
    parser = productionParser();
  });
  const read = (text: string) => {
    const r = parser.parse(text);
    return `${r.intent.name} ${r.emergency?.grade}`;
  };

  describe('a sign told and nothing else asked', () => {
    it('is an emergency of grade possible, whatever the words suggested', () => {
      assert.equal(read('thằng cháu tôi 10 tuổi đi đá bóng từ chiều, giờ 9 giờ tối chưa về'), 'emergency possible');
      assert.equal(read('mùi gas thoang thoảng ở cầu thang mà không biết từ nhà nào'), 'emergency possible');
    });
    it('a socket hot with a burning smell gets the card or the line (round 35 reads "nóng ran" as no frying: a fire starting)', () => {
      assert.match(read('ổ cắm phòng khách nóng ran, có mùi khét'), /^emergency (possible|sure)$/);
    });
    it('a sign of fire or rescue read as a crime report is no crime report', () => {
      assert.equal(read('mấy đứa trẻ con ra ao làng bơi từ trưa, giờ tối rồi chưa thấy về'), 'emergency possible');
    });
    it('keeps its intent when something else is asked, or a crime is surely reported', () => {
      assert.equal(read('bà tôi hay quên, sáng nay đi chợ đến giờ chưa thấy về, công an phường Tân Thịnh ở đâu'), 'office_location possible');
      assert.equal(read('cụ nhà tôi lú lẫn, đi ra ngoài từ trưa chưa về, mai làm căn cước cho cụ được không'), 'procedure_info possible');
      assert.equal(read('có người lạ cứ đứng nhìn vào nhà tôi mấy tối nay, có nên báo không'), 'crime_report possible');
      assert.equal(read('đêm qua có người thử mở cửa nhà tôi, sáng ra thấy ổ khóa bị cào'), 'crime_report possible');
    });
    it('leaves harmless look-alikes as they were', () => {
      assert.equal(read('anh ấy hát hay chết đi được'), 'out_of_scope none');
      assert.equal(read('phim hôm qua có cảnh cháy nhà ghê quá'), 'out_of_scope none');
    });
  });

  describe('a short complaint whose only questions are judgements', () => {
    const intent = (text: string) => parser.parse(text).intent.name;
    it('is feedback: a phone nobody answers, trips that wear one out', () => {
      assert.equal(intent('gọi lên công an phường cả buổi sáng không ai nhấc máy, làm việc kiểu gì vậy'), 'feedback');
      assert.equal(intent('đi đăng ký tạm trú hẹn tới hẹn lui, quá mệt mỏi'), 'feedback');
    });
    it('a real question beside a lament still asks', () => {
      assert.equal(intent('không biết làm thế nào để đổi bằng lái, mệt muốn chết'), 'procedure_info');
      assert.equal(intent('thế là sao, tạm trú với lưu trú khác nhau thế nào'), 'procedure_info');
    });
  });
});
