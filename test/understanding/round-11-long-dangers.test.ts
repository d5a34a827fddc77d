import { gradeCheck, productionParser, type GradeCheck } from './support';

// Issue 10, round 11 (long and calm dangers): a message is no longer set apart from real life by its length; a story's
// time (the last one it tells) and the closing part where it tells the situation now decide. Every message below was
// written for this file: it is in no training file and no evaluation set (they were also used as probes while tuning,
// so they are not blind). Each case names the grades it may get and, for a danger, the services that may come first.
describe('understanding/round 11: long dangers told calmly, and their look-alikes', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a long story that ends with the house next door smoking now: the fire service', () => {
    expect('Chào anh chị, tôi là Hạnh ở tổ 12 phường Quang Trung. Tôi mới đi chợ về, đang cất đồ thì thấy mùi khét rất nặng, '
      + 'lúc đầu tưởng nhà mình quên tắt bếp nhưng kiểm tra thì không phải. Bây giờ tôi ra ngoài sân mới thấy khói đen đang '
      + 'cuồn cuộn bốc ra từ mái nhà bà Thu bên cạnh, bà ấy sống một mình và gọi mãi không thấy trả lời.', ['sure', 'possible'], ['fire']);
  });

  it('a relative who has taken pills, told at length: the ambulance', () => {
    expect('Em xin lỗi vì nhắn dài. Anh trai em mấy tháng nay thất nghiệp, nợ nần, hay uống rượu rồi nói những câu như sống '
      + 'chẳng để làm gì. Tối nay em sang nhà thì thấy anh nằm trên sàn, bên cạnh là mấy vỉ thuốc an thần đã bóc hết và chai '
      + 'rượu, em gọi thì anh chỉ ú ớ, người mềm oặt, thở rất nông.', ['sure', 'possible'], ['medical']);
  });

  it('a child missing since this morning, told calmly with a kitchen in the background: the police', () => {
    expect('Kính gửi công an phường. Con trai tôi tên Bảo, 6 tuổi, sáng nay khoảng 9 giờ cháu chơi ở sân trước nhà, tôi vào '
      + 'trong nấu cơm chừng mười phút quay ra thì không thấy cháu đâu nữa. Cả nhà và hàng xóm đã đi tìm khắp ngõ, ra cả bờ '
      + 'mương, hỏi các cửa hàng nhưng không ai thấy. Đến giờ đã gần trưa mà vẫn không thấy cháu, cháu mặc áo xanh quần đùi đỏ.',
    ['sure', 'possible'], ['police']);
    // A year of birth is no date the story is told from: its time is "chiều nay … đến giờ".
    expect('Con gái tôi tên Vy, sinh năm 2016, học lớp 4 trường Đội Cấn. Chiều nay 5 giờ cháu đạp xe sang nhà bạn cách hai '
      + 'cây số để học nhóm, bình thường 7 giờ đã về. Tôi gọi cho nhà bạn thì họ bảo cháu về từ 6 giờ. Cả nhà đi tìm dọc '
      + 'đường mà đến giờ đã 9 giờ tối vẫn chưa thấy cháu đâu.', ['sure', 'possible'], ['police']);
  });

  it('a man with a knife at the market, described in detail: the police', () => {
    expect('Tôi đang bán hàng ở chợ Túc Duyên. Có một thanh niên tóc nhuộm vàng, mặc áo ba lỗ, tay cầm con dao nhọn dài '
      + 'khoảng ba mươi phân, vừa đi vừa chửi, lúc nãy hắn đâm thủng mấy bao gạo và đá đổ xe hàng của một ông cụ. Bây giờ hắn '
      + 'đang đứng giữa lối đi chính, chĩa dao về phía mấy người đi chợ, không ai dám lại gần, bảo vệ chợ cũng không có.',
    ['sure', 'possible'], ['police']);
  });

  it('long stories in the same words where nothing goes on now: no card and no line', () => {
    expect('Năm ngoái nhà tôi ở tổ 12 phường Quang Trung bị cháy mái do chập điện, khói đen cuồn cuộn, may hàng xóm và lính '
      + 'cứu hỏa dập kịp, không ai bị thương. Trong vụ cháy, giấy đăng ký xe máy và sổ hộ khẩu cũ của tôi bị cháy mất. Giờ '
      + 'tôi muốn làm lại giấy đăng ký xe thì cần mang theo giấy tờ gì và làm ở đâu ạ?', ['none']);
    expect('Tối qua cả nhà tôi xem một bộ phim hình sự, có cảnh một gã cầm dao nhọn đi giữa chợ chửi bới, đâm thủng bao gạo, '
      + 'mọi người bỏ chạy tán loạn, cuối cùng cảnh sát cơ động đến khống chế được. Phim quay chân thật lắm, con tôi xem xong '
      + 'sợ không dám đi chợ. Xin hỏi ngoài đời có những khóa học kỹ năng tự vệ nào cho trẻ em không?', ['none']);
    expect('Tôi xin kể lại: tuần trước đi xe buýt tôi bị móc túi mất ví, trong ví có căn cước và bằng lái xe máy, tôi đã trình '
      + 'báo ở công an phường ngay hôm đó. Bây giờ tôi muốn làm lại căn cước thì có phải về quê không hay làm ở nơi tạm trú '
      + 'được, mất bao lâu ạ?', ['none']);
  });

  it('harmless one-liners with danger words raise no card: a tyre, a mild fever, a game', () => {
    expect('xe bị nổ lốp giữa đường, chỗ nào vá gần đây không', ['none']);
    expect('bé nhà mình hơi sốt 37,5 độ, vẫn ăn uống chơi bình thường, có cần đưa đi khám không mọi người', ['none']);
    expect('chơi game bắn nhau cả đêm, bị giết hoài mà vẫn ham', ['none']);
  });
});
