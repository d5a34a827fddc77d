import { gradeCheck, productionParser, type GradeCheck } from './support';

// Blind round 17's calm messages that got the card or the line, tested with sentences of our own (not from any dev or
// blind set); each assertion marked "(main: …)" failed on main before this change.
describe('understanding/blind round 17: calm letters, a stew, a party idiom', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a hand rule sharing its word with a figure of speech states nothing; a fire told outright still does', () => {
    expect('cả nhà đang cháy hết mình ở tiệc sinh nhật bé, anh có qua không', ['none']); // (main: sure)
    expect('cả nhà đang cháy hết mình với tiệc tất niên của công ty, vui thật sự', ['none']);
    expect('nhà đang cháy, khói đen kịt, bà tôi còn trong phòng', ['sure'], ['fire']);
  });

  it('a pressure cooker stewing is a kitchen, not a hazard; one that bursts or a gas leak beside the pot is', () => {
    expect('đang hầm gà bằng nồi áp suất mà van kêu to quá, bình thường không', ['none']); // (main: possible)
    expect('nồi áp suất đang ninh xương xì hơi đều đều, vậy là được chưa mọi người', ['none']); // (main: possible)
    expect('nồi áp suất đang hầm xương thì nổ tung, mẹ tôi bị bỏng khắp mặt, đang kêu đau lắm', ['sure'], ['medical']);
    expect('đang luộc rau thì bình gas xì mạnh, mùi nồng nặc cả nhà', ['sure'], ['fire']);
    expect('tầng hầm chung cư đang bốc khói đen, nhiều xe máy bên trong', ['sure'], ['fire']);
  });

  it('a calm letter about a rule or old papers, with elders and lodgers named, is no danger', () => {
    expect('Kính gửi các đồng chí, tôi thấy yêu cầu chủ cho thuê nhà phải báo tạm trú cho từng người thuê là quá nhiều việc. Dãy nhà tôi có hơn 30 phòng, người chuyển đến người chuyển đi suốt. Tôi nghĩ nên để người thuê tự báo.', ['none']);
    expect('Thưa các đồng chí, ông bà tôi ở thôn Na Mao đều đã hơn 80 tuổi. Căn cước của hai cụ ghi địa chỉ xã cũ trước sáp nhập. Nghe nói thẻ ghi xã cũ sẽ không dùng được nữa vì xã không còn. Ông bà lo lắm.', ['none']);
    expect('Mẹ tôi ở xóm Bờ Đậu, đã gần 80 tuổi. Thẻ căn cước của bà ghi huyện cũ. Hàng xóm bảo thẻ đó sắp hết hạn dùng vì huyện đã bỏ. Bà lo không ngủ được.', ['none']);
  });
});
