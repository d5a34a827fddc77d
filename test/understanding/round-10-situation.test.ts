import { gradeCheck, productionParser, type GradeCheck } from './support';

// Issue 10, round 10 (danger decided by the situation). Every message below was written for this file: it is in no
// training file and no evaluation set. Each case names the grades it may get and, for a danger, the services that may come first.
describe('understanding/round 10: set apart from real life now, harm to oneself, people held', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a wish to end everything, without a plan, is sure with the ambulance first; ending a contract is not', () => {
    expect('muốn kết thúc mọi thứ', ['sure'], ['medical']);
    expect('tôi chẳng thiết gì nữa, muốn kết thúc mọi thứ ngay đêm nay', ['sure'], ['medical']);
    expect('công ty muốn chấm dứt hợp đồng với tôi trước hạn, giờ tôi phải làm gì với giấy tạm trú', ['none']);
  });

  it('a long letter that says goodbye is sure', () => {
    const letter = 'Gửi mọi người. Em năm nay 19 tuổi, đang học năm nhất ở thành phố. Mấy tháng nay em mất ngủ, học không vào, '
      + 'nợ tiền bạn bè mà không dám nói với bố mẹ. Em thấy mình là gánh nặng của cả nhà. Em không muốn sống nữa, '
      + 'tối nay em sẽ đi, em chỉ muốn có ai đó biết.';
    expect(letter, ['sure'], ['medical', 'police']);
  });

  it('a film watched now, a smoky grill, a drill: set apart, no card and no line', () => {
    expect('đang xem phim kinh dị, cảnh tên sát nhân cầm dao rượt cô gái ghê quá', ['none']);
    expect('chiều nay nướng cá trên bếp than, khói bay mù cả sân, thơm điếc mũi', ['none']);
    expect('sáng mai trường cho học sinh diễn tập thoát hiểm khi có cháy, phụ huynh có cần đón sớm không', ['none']);
  });

  it('a danger now beside a film or in a long letter still counts: a plea, a hand rule or a clause going on now', () => {
    expect('đang xem phim thì nghe nhà bên nổ một tiếng, giờ lửa đang cháy lan sang mái nhà tôi', ['sure'], ['fire']);
    const letter = 'Tôi tên Hoa, năm nay 32 tuổi, ở thôn Bình, xã Hòa Bình. Chồng tôi nghiện rượu nhiều năm nay, say là chửi bới, '
      + 'đánh đập vợ con, tôi đã nhiều lần nhờ trưởng thôn can thiệp. Tối nay anh ta lại say, lúc này anh ta đang cầm dao '
      + 'đứng ngoài cửa buồng, hai mẹ con tôi đang trốn trong buồng.';
    expect(letter, ['sure'], ['police']);
  });

  it('a dated letter about a burglary that is over is no emergency', () => {
    const letter = 'Kính gửi Công an tỉnh. Tôi là chủ một tiệm điện thoại ở phường Tân Thịnh. Rạng sáng 17/10/2025, tiệm của tôi bị '
      + 'kẻ gian phá khóa cửa cuốn, lấy đi 12 chiếc điện thoại. Sáng hôm đó tôi đã trình báo công an phường và nộp hình ảnh '
      + 'camera. Đến nay đã hơn một tháng, tôi muốn hỏi vụ việc đã được xử lý tới đâu và tôi có thể hỏi ở đâu?';
    expect(letter, ['none']);
  });

  it('someone held without a weapon word, a snatched phone: the police, at least the line', () => {
    expect('anh ấy nhốt tôi trong phòng trọ, cầm hết giấy tờ với điện thoại, không cho tôi ra ngoài', ['sure', 'possible'], ['police']);
    expect('bị giật điện thoại ngay ngã tư, tên đó đang phóng xe về phía chợ', ['sure'], ['police']);
  });
});
