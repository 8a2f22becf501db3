import { describe, expect, it } from 'vitest';
import { containsPii, findPii, isValidIdCard, maskPii, passesLuhn } from './pii';

describe('checksums', () => {
  it.each([
    ['330381199003071237', true],
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['33030220000229456X', true], // 29 Feb of a leap year
    ['330381199003071230', false], // wrong check digit
    ['330381199013071237', false], // month 13
    ['330302200102294560', false], // 29 Feb of a common year
    ['03038119900307123X', false], // leading zero
  ])('isValidIdCard(%s) = %s', (id, valid) => {
    expect(isValidIdCard(id)).toBe(valid);
  });

  it.each([
    ['4111111111111111', true],
    ['6222021234567890128', true],
    ['6222021234567890127', false],
    ['12a4', false],
  ])('passesLuhn(%s) = %s', (digits, valid) => {
    expect(passesLuhn(digits)).toBe(valid);
  });
});

describe('findPii', () => {
  it('finds each kind with its position and value', () => {
    const text = '联系人手机138 1234 5678，座机0577-65812345，身份证330381199003071237，卡号6222 0212 3456 7890 128，邮箱zhang.san@example.com';
    const found = findPii(text);
    expect(found.map((m) => m.kind)).toEqual(['mobile', 'landline', 'idCard', 'bankCard', 'email']);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.value);
    expect(found[0].value).toBe('138 1234 5678');
    expect(found[3].value).toBe('6222 0212 3456 7890 128');
  });

  it.each(['13812345678', '138-1234-5678', '+86 13812345678', '电话：15957712345。'])('finds the mobile number in %s', (text) => {
    expect(findPii(text).map((m) => m.kind)).toEqual(['mobile']);
  });

  it.each([
    ['日期2019-04-25、20190425'],
    ['金额12000.50元，共1234567元'],
    ['案号（2019）浙0381民初1234号'],
    ['身份证330381199003071230（校验位错误）'],
    ['订单号1234567890123456'],
    ['编号12345678901'],
    ['电话0731-0000-00000000'],
    ['4月25日下午3点，约200户居民'],
  ])('does not flag ordinary numbers: %s', (text) => {
    expect(findPii(text)).toEqual([]);
    expect(containsPii(text)).toBe(false);
  });

  it('prefers the ID card over a bank card or phone inside it', () => {
    expect(findPii('330381199003071237').map((m) => m.kind)).toEqual(['idCard']);
  });
});

describe('maskPii', () => {
  it('masks and keeps a hint', () => {
    expect(maskPii('请联系13812345678或0577-65812345')).toBe('请联系138****5678或0577-*****345');
    expect(maskPii('身份证号11010519491231002x')).toBe('身份证号1101**********002X');
    expect(maskPii('卡号6222021234567890128，谢谢')).toBe('卡号6222 **** **** 0128，谢谢');
    expect(maskPii('邮箱 zhang.san@example.com 联系')).toBe('邮箱 z***@example.com 联系');
  });

  it('masks only the requested kinds', () => {
    expect(maskPii('13812345678 zhang@example.com', ['email'])).toBe('13812345678 z***@example.com');
  });

  it('leaves text without personal data unchanged', () => {
    expect(maskPii('安阳街道万松路的路灯坏了')).toBe('安阳街道万松路的路灯坏了');
  });
});
