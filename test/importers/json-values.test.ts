/** Numbers keep their text: JSON.parse is used only for lines whose numbers a double prints back as written. */
import { describe, expect, it } from 'vitest';
import { numberText, parseJson } from '../../importers/format/json-values.ts';

describe('parseJson', () => {
  const texts = [
    '0', '7', '-3', '185', '14.35', '69.99', '-4.99', '0.5', '1602611311', '1753638148123', '123456789012345',
    '1234567890123456', '238546957592005481', '-238546957592005481', '1.50', '100.0', '1e3', '1E-7', '2.5e+10',
    '0.0000001', '0.000001', '-0', '1602611311.1239', '0.12345678901234567', '9007199254740993',
  ];
  for (const text of texts) {
    it(`keeps ${text} as written`, () => {
      const value = (parseJson(`{"a": [${text}], "b": ${text}}`) as { a: unknown[]; b: unknown }).b;
      expect(numberText(value as number)).toBe(text);
    });
  }

  it('throws on text that is not JSON', () => {
    expect(() => parseJson('{"a": 1')).toThrow(SyntaxError);
    expect(() => parseJson('{"a": 123456789012345678')).toThrow(SyntaxError);
  });
});
