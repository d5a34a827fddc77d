import { gradeCheck, productionParser, type GradeCheck } from './support';

// Round 32 (emergency dev set 16): the causes behind its misses, false cards and wrong first numbers, tested with
// sentences of our own (not from any dev or blind set); each assertion marked "(main: …)" failed on main 29b65bf.
describe('understanding/round 32: held on a power pole, a body that does not move, floating in a pond, a silent house beside an animal, an animal alone, a meeting set with "nó", smoked meat, a reassurance, laughter told in words', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('someone held on a power pole after a shock, not moving, is a danger now; held there, the rescue\'s first', () => {
    // "thợ sửa điện" is a repair's words; the man held on the pole and not moving is what the message tells.
    expect('bác thợ sửa điện bị dính trên cột ở đầu xóm, gọi không cử động gì', ['sure']); // (main: possible)
    expect('anh công nhân leo sửa đường dây bị điện giật, đang treo trên cột điện ngoài đê', ['sure'], ['fire']); // (main: medical)
  });

  it('someone floating in a pond or a lake is the rescue\'s first, typed plain too', () => {
    expect('thay co nguoi noi giua ho sau truong, khong thay cu dong', ['sure'], ['fire']);
  });

  it('a house whose people do not answer, beside an animal crying, may hide someone at risk: at least the line', () => {
    expect('con mèo nhà bên kêu cả đêm, cửa mở mà gọi không ai thưa', ['possible', 'sure']); // (main: none)
    // An animal alone is still the animal's.
    expect('con mèo nhà tôi kêu cả đêm đòi ra ngoài', ['none']);
  });

  it('a hazard that befalls an animal alone is neither the card nor the line, however sure the model reads it', () => {
    expect('con mèo nhà tôi chui vào gầm tủ lạnh bị kẹt, kéo mãi không ra', ['none']);
    expect('con chó nhà em rơi xuống giếng cạn sau vườn, sâu lắm', ['none']);
    // Someone named at risk beside it keeps the danger.
    expect('con chó nhà em rơi xuống giếng, thằng cu nhà em trèo xuống cứu nó giờ cũng không lên được', ['sure', 'possible']);
  });

  it('a stranger met in a game who invites the child ("rủ nó") to meet tonight is a harm still to come', () => {
    expect('con tôi chơi game quen một người lạ, hôm nay người đó rủ nó tối nay ra bờ sông gặp', ['possible', 'sure'], ['police']); // (main: none)
  });

  it('smoke from smoking meat over the hearth is a dish\'s: no card', () => {
    expect('khói um cả ngõ là do nhà tôi đang hun thịt trâu gác bếp, mọi người yên tâm', ['none', 'possible']); // (main: sure)
  });

  it('a writer who reassures others who took fright tells no danger: no card; a fire told going on keeps it', () => {
    expect('khói bay sang cả xóm là do nhà tôi đang đốt rơm ngoài ruộng thôi, mọi người đừng lo', ['none', 'possible']);
    expect('mẹ đừng lo, nhưng bếp nhà con đang cháy to lắm, con chạy ra ngoài rồi', ['sure'], ['fire']);
  });

  it('a cry followed by laughter told in words is play: no card; a child who "still laughs" after a danger keeps it', () => {
    expect("con bé hét toáng 'cháy nhà rồi' xong cười khanh khách chạy quanh sân", ['none', 'possible']); // (main: sure)
    expect('em trai tôi ngã xe, máu chảy nhiều, nó vẫn cười nhưng mặt tái dần', ['sure'], ['medical']);
  });
});
