import { gradeCheck, productionParser, type GradeCheck } from './support';

// Issue 10, review of round 26: "còn" (still) typed without diacritics folds as "con" (a child, the `at_risk` frame).
// Inside a phrase where it can only be "còn" (situations.yaml `still`) no one is named at risk. Every message below was
// written for this file.
describe('understanding: "con" typed plain as "còn" names no child at risk', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('"con song khong" (còn sống không) is no child in danger', () => {
    expect('con song khong', ['none']); // (main: sure)
  });

  it('a child named typed plain is still at risk', () => {
    expect('con toi bi ngat khong tho', ['sure']);
    expect('con be roi xuong ao', ['sure']);
    expect('con be nuot phai dong xu, khong tho duoc', ['sure']);
    expect('con toi o nha mot minh, nha dang chay', ['sure']);
    expect('con o nha mot minh ma bep gas bi ro', ['sure']);
  });
});
