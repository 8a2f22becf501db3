import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone } from './mask';

describe('masking', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['0577-6581234', '05***34'],
    ['123', '***'],
    [null, null],
  ])('maskPhone(%s) = %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
  it('masks emails and names', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail('broken')).toBe('***');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('*');
  });
});
