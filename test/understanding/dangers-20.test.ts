import { gradeCheck, productionParser, type GradeCheck } from './support';

// Round 29 (emergency dev set 13 and the false cards left from blind round 19): the causes behind them, tested with
// sentences of our own (not from any dev or blind set); each assertion marked "(main: …)" failed on main before this change.
describe('understanding/round 29: a story over, a joke, a title in quotes, a saying, a socket, a device unplugged', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a clause going on inside a story told over was going on then, not now', () => {
    expect('Thưa công an xã, tôi là Hà Văn Tư, 58 tuổi. Tối hôm kia khoảng 11 giờ, tôi nghe tiếng động ngoài sân, ra xem thì thấy hai thanh niên đang bẻ khóa xe máy của tôi, tôi hô lên thì chúng phóng đi. Xe không mất nhưng ổ khóa hỏng. Tôi muốn trình báo để công an biết, xin hỏi làm thế nào?', ['none']); // (main: sure)
    expect('tuần trước, lúc cả nhà đang ngủ thì có người đang cạy cửa kho, sáng ra mất hai bao thóc, giờ báo ở đâu', ['none']); // (main: sure)
    // A clause that tells the present itself is still read on its own.
    expect('hôm qua nó nhắn dọa giết tôi, giờ nó đang đứng trước cổng cầm dao', ['sure'], ['police']);
  });

  it('a message its writer marks as a joke tells no danger now', () => {
    expect('hai đứa nhà tôi đánh nhau giành cái điện thoại, hài vãi', ['none']); // (main: sure)
    expect('mẹ ơi cứu con với, con lỡ làm vỡ cái bình của bố rồi 😂', ['none', 'possible']); // (main: sure)
    expect('con mèo nhà tôi bị nó cào chảy máu tay, chỉ là đùa thôi chứ chẳng sao', ['none']); // (main: possible)
    expect('nhà bên đang cháy to, khói đen mù mịt', ['sure'], ['fire']);
  });

  it('a title in quotes after its kind is a name, not an event', () => {
    expect("bọn mình tập điệu nhảy 'Bốc cháy' cho hội diễn, mượn hội trường có cần xin phép không", ['none']); // (main: possible)
  });

  it('a saying built on blood is kinship, not a wound', () => {
    expect('máu chảy về tim, anh em họ hàng lâu ngày mới gặp lại vui quá', ['none']); // (main: sure)
  });

  it('a socket melting or crackling is a fire sign', () => {
    expect('cái ổ cắm sạc xe đạp điện nóng chảy nhựa luôn rồi', ['possible', 'sure'], ['fire']); // (main: none)
    expect('cầu dao tổng nhà tôi nghe tiếng lách tách trong hộp', ['possible', 'sure'], ['fire']); // (main: police)
    expect('phích cắm bàn là chảy nhựa dính vào ổ', ['possible', 'sure'], ['fire']); // (main: medical)
  });

  it('a cry for help from the water\'s edge is the rescue', () => {
    expect('có tiếng ai kêu cứu ngoài bờ ao sau nhà, tối quá không nhìn thấy', ['sure'], ['fire']); // (main: possible, police)
  });

  it('a time over is read as written: "đêm quá" (so late) is no "đêm qua" (last night)', () => {
    expect('đêm quá rồi mà thằng bé đi chăn trâu trên núi vẫn chưa về', ['possible', 'sure'], ['fire']); // (main: police, read as a story over)
  });

  it('a device unplugged, then a repair asked for, leaves no one in danger', () => {
    expect('bếp từ nhà em tự nhiên có mùi khét, em đã rút điện ra rồi, giờ hỏi bảo hành ở đâu', ['none']); // (main: sure)
    expect('cái quạt bốc khói rồi tắt, tôi đã rút phích rồi, giờ gọi thợ nào sửa', ['none']); // (main: sure)
    // Still burning after it: the card.
    expect('ổ cắm bốc khói, tôi đã rút điện rồi mà giờ vẫn còn khói', ['sure'], ['fire']);
  });
});
