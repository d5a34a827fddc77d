import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { loadKnowledge } from '../../src/knowledge';
import { chat, useAssistant } from '../support/server';
import { vi } from '../support/locale';

const knowledge = loadKnowledge(path.join(projectRoot, 'content'));

// Round 34 (issue 10): what a letter asks is answered, not its closing thanks nor its story. Every letter is our own.
describe('letters of round 34 end to end', () => {
  const assistant = useAssistant();

  it('a letter asking the online way, closed by "e cảm ơn nhiều", gets the online way, not the thanks reply', async () => {
    const letter = 'ad ơi e 24t, làm ca ở khu công nghiệp Điềm Thụy, công ty bảo nộp giấy xác nhận cư trú. '
      + 'E đi làm từ sáng đến tối ko lên công an xã được. Nghe bảo giờ làm trên VNeID cũng dc, ad chỉ e cách làm online vs, xong '
      + 'thì in ra hay gửi file ạ, e cảm ơn nhiều';
    const replies = await chat(assistant().url, 'letters-25-thanks', letter);
    const title = knowledge.getProcedure('xac-nhan-cu-tru')!.title.vi;
    assert.ok(replies[0].text.startsWith(vi('procedure:headers.online', { title })), replies[0].text.slice(0, 80));
  });

  it('a letter asking the notifications to stop is unsubscribed', async () => {
    const user = 'letters-25-stop';
    await chat(assistant().url, user, 'đăng ký nhận thông báo');
    const letter = 'Chào ad, hồi tháng 9 em có bấm đăng ký nhận tin của trang để theo dõi lịch làm căn cước cho học sinh. Giờ em làm xong '
      + 'rồi mà ngày nào cũng có ba bốn tin, đang học trên lớp cũng rung. Em muốn ngừng nhận thông báo từ trang, ad chỉ em bấm vào '
      + 'đâu để tắt với, khi nào cần em tự vào xem.';
    const replies = await chat(assistant().url, user, letter);
    assert.equal(replies[0].text, vi('announcement:unsubscribed'));
  });
});
