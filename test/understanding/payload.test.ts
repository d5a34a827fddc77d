import assert from 'node:assert/strict';
import { parsePayload } from '../../src/understanding/payload';

describe('understanding/payload', () => {
  it('parses a Rasa-style payload to its intent and entities with confidence 1', () => {
    const text = '/procedure_fee{"procedure":"tam-tru"}';
    const r = parsePayload(text);
    assert.deepEqual(r?.intent, { name: 'procedure_fee', confidence: 1 });
    assert.deepEqual(r?.entities.map((e) => [e.entity, e.value]), [['procedure', 'tam-tru']]);
    assert.ok(r && r.entities[0].start >= 0 && r.entities[0].end <= text.length);
  });

  it('passes internal entity names through and stringifies non-string values', () => {
    const r = parsePayload('/procedure_list{"field":"cu-tru","page":2}');
    assert.deepEqual(r?.entities.map((e) => [e.entity, e.value]), [['field', 'cu-tru'], ['page', '2']]);
    assert.equal(parsePayload('/greeting')?.intent.name, 'greeting');
  });

  it('maps unknown intents to out_of_scope and leaves ordinary text alone', () => {
    assert.equal(parsePayload('/hack_the_bot{"x":"y"}')?.intent.name, 'out_of_scope');
    assert.equal(parsePayload('/procedure_fee{not json'), undefined);
    assert.equal(parsePayload('làm tạm trú / thường trú'), undefined);
  });
});
