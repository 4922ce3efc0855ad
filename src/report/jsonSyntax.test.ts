import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from './jsonSyntax.js';

describe('jsonSyntaxError', () => {
  test.prop([fc.json()])('should accept everything JSON.stringify writes', (text) => {
    expect(jsonSyntaxError(text)).toBeUndefined();
  });

  test.prop([fc.string({ maxLength: 60 })])(
    'should agree with JSON.parse on whether a text is JSON',
    (text) => {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(jsonSyntaxError(text) === undefined).toBe(parses);
    },
  );

  it('should point at the offending character', () => {
    expect(jsonSyntaxError('{ "a":\n  v3 }')).toEqual({ offset: 9, message: "unexpected 'v'" });
    expect(jsonSyntaxError('[1, 2')).toEqual({
      offset: 5,
      message: "expected ',' or ']', found the end of the file",
    });
  });
});
