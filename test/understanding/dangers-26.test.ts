import { gradeCheck, productionParser, type GradeCheck } from './support';

// Round 35 (emergency dev set 19, blind round 25's misses and false alarms, published): a harm foretold by the one who
// threatens or in the writer's fear, signs told calmly (a lock pried, a ceiling shedding plaster, a job abroad offered),
// and figures, livestock and recoveries that raised alarms. Sentences of our own; those marked "(main: …)" failed on main
// 119e9b4.
describe('understanding/round 35: harms foretold, calm signs, figures and look-alikes', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a harm the one who threatens foretells is still to come: at least the line, whenever it was said', () => {
    expect('hôm kia bị giật túi ở công viên, bọn nó bảo còn quay lại tìm', ['possible', 'sure'], ['police']); // (main: none)
    expect('thằng anh rể nghiện đòi tiền bố, bảo nếu không đưa thì đốt nhà, hôm qua nó nói thế', ['possible', 'sure'], ['police']); // (main: none)
    expect('người lạ cứ nhắn tin đe dọa, bảo biết nhà em rồi và tối nay sẽ tới nhà', ['possible', 'sure'], ['police']);
    expect('anh ta nói nếu em bỏ về quê thì anh ta sẽ làm hại con', ['possible', 'sure'], ['police']); // (main: none)
    expect('thuốc lá sẽ làm hại sức khỏe của con, nói thế nào cho nó nghe', ['none']);
  });

  it('a burglar the writer fears is back, after a lock was pried in the night: at least the line', () => {
    expect('đêm qua chó nhà sủa mãi, sáng dậy thấy cửa sau bị cậy, chưa mất gì nhưng tôi sợ chúng quay lại', ['possible', 'sure'], ['police']); // (main: none)
  });

  it('a vow of harm with no harm but the telling itself, or a vow of years ago, is none', () => {
    expect('giám đốc dọa cắt lương nếu không nộp sổ hộ khẩu trước thứ hai, làm lại mất bao lâu', ['none']);
    expect('chủ trọ bảo nếu không đóng tiền thì tuần sau phải chuyển đi, có đúng luật không', ['none']);
    expect('năm ngoái thằng đó bảo sẽ quay lại đánh tôi, giờ tôi muốn làm lại căn cước thì làm ở đâu', ['none']);
    expect('tôi bị mất trộm xe máy tuần trước, công an bảo sẽ báo lại, giờ muốn hỏi tiến độ', ['none']);
  });

  it('a ceiling shedding plaster over a classroom is a collapse coming, no lesson', () => {
    expect('trần lớp học của cháu bị nứt một vệt dài, vữa rơi lả tả mấy hôm nay', ['possible', 'sure'], ['fire']); // (main: none)
  });

  it('a young person lured abroad by a job offer, not yet gone, gets the line', () => {
    expect('Cháu là Lan, 18 tuổi, ở xã Phú Lương. Cháu quen một anh qua Facebook được hai tháng, anh ấy hứa giới thiệu việc làm lương cao ở Campuchia, lo cả vé xe, chỉ cần cháu gửi ảnh hộ chiếu. Mẹ cháu bảo có khi là lừa bán người. Cháu chưa đi. Cháu muốn hỏi công an nên làm gì.', ['possible', 'sure'], ['police']); // (main: none)
  });

  it('a knock on the head told now gets the line, however calm; a figure or a memory of one does not', () => {
    expect('Cô chủ nhiệm nhắn con tôi bị té ở sân trường, trán sưng một cục, cô bảo cháu vẫn ngoan chơi bình thường', ['possible', 'sure'], ['medical']); // (main: none)
    expect('Cô giáo báo con bé bị ngã ở sân chơi, trán sưng một cục, cô bảo cháu vẫn chơi bình thường', ['possible', 'sure'], ['medical']); // (main: none)
    expect('làm hồ sơ mãi không xong, muốn đập đầu vào tường', ['none']);
    expect('hồi nhỏ tôi ngã đập đầu, giờ làm căn cước có cần khai không', ['none']);
  });

  it('warning signs told calmly: a pregnancy\'s contractions, hives after a snack', () => {
    expect('vợ em bầu 37 tuần, chiều nay bụng căng cứng từng cơn, chưa biết có phải đi viện không', ['possible', 'sure'], ['medical']); // (main: none)
    expect('bé nhà tôi ăn bánh ở trường xong nổi mề đay khắp tay, chưa khó thở, có sao không', ['possible', 'sure'], ['medical']); // (main: none)
  });

  it('"chưa đi" of paperwork or a life told is no lure not yet taken; a phone "off" is no sale', () => {
    expect('người Dao chúng tôi ở bản xa, vợ tôi chưa đi làm hộ chiếu bao giờ, cần giấy tờ gì', ['none']);
    expect("my brother went hiking near Tam Dao yesterday and hasn't come back, his phone is off", ['possible', 'sure']);
  });

  it('a heart that stops with joy and a faint of happiness are figures, no card', () => {
    expect('nó làm tôi đứng tim khi quỳ xuống tặng hoa giữa quảng trường, tôi suýt ngất vì hạnh phúc', ['none', 'possible']); // (main: sure)
  });

  it('a lost cow is an animal alone; one on a highway is a danger to the traffic', () => {
    expect('con bò nhà tôi lạc vào rừng hai hôm rồi, giá bò thịt bây giờ bao nhiêu', ['none']); // (main: sure)
    expect('con bò nhà ai sổng ra giữa quốc lộ, xe cộ phanh gấp loạn cả lên', ['possible', 'sure']);
  });

  it('a pet feared drowned that came back is resolved: no card', () => {
    expect('bà tôi sợ con chó chết đuối dưới mương, nhưng nó đã về rồi, ướt sũng', ['none', 'possible']); // (main: sure)
  });

  it('a recovery the writer is in and a hand cut while cooking tell no danger now', () => {
    expect('tôi bị ngã xe đang chống nạng, chiều thứ bảy có làm căn cước không ạ', ['none']); // (main: sure)
    expect('em lỡ cắt tay lúc thái rau thôi, dán băng rồi, cho hỏi đổi bằng lái ở đâu', ['none']); // (main: possible)
  });
});
