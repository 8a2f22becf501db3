import { describe, expect, it } from 'vitest';
import { containsPii, findPii, isValidIdCard, maskPii, passesLuhn, STAFF_MASKED_KINDS } from './pii';

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

// Made-up addresses written the ways people write them; the area stays, the numbers go.
describe('detailed street addresses', () => {
  it.each([
    ['住在安阳街道万松路88号3幢2单元501室', '住在安阳街道万松路**号*幢*单元***室'],
    ['人民路88-2号门口', '人民路**-*号门口'],
    ['万松路 88号附近', '万松路 **号附近'],
    ['文化路108弄3号', '文化路***弄*号'],
    ['塘下镇罗凤村12号', '塘下镇罗凤村**号'],
    ['阳光小区3-2-501', '阳光小区*-*-***'],
    ['阳光小区3-501室漏水', '阳光小区*-***室漏水'],
    ['金鑫花园5幢1单元', '金鑫花园*幢*单元'],
    ['东门小区12栋302', '东门小区**栋***'],
    ['新华小区3号楼', '新华小区*号楼'],
    ['锦湖街道5号楼1单元402室', '锦湖街道*号楼*单元***室'],
    ['我家住1201室', '我家住****室'],
  ])('masks the house number of %s', (text, masked) => {
    expect(findPii(text).map((m) => m.kind)).toEqual(['address']);
    expect(maskPii(text)).toBe(masked);
  });

  it.each([
    ['3路公交车改线'],
    ['小区有3栋楼没有电梯'],
    ['小区3栋楼没有电梯'],
    ['房子是3室1厅'],
    ['2号线地铁'],
    ['4月2号下午'],
    ['国务院2号文件'],
    ['街道12号文件'],
    ['小区2-3年没有维修'],
    ['小区3号开会'],
    ['万松路与人民路交叉口'],
    ['约200户居民'],
  ])('does not take counts, layouts or dates for an address: %s', (text) => {
    expect(findPii(text)).toEqual([]);
  });

  it('finds every kind in one text, address included', () => {
    const text = '我叫张某，手机13812345678，身份证330381199003071237，卡号6222021234567890128，住万松路88号3幢2单元501室。';
    expect(findPii(text).map((m) => m.kind)).toEqual(['mobile', 'idCard', 'bankCard', 'address']);
    expect(maskPii(text)).toBe('我叫张某，手机138****5678，身份证3303**********1237，卡号6222 **** **** 0128，住万松路**号*幢*单元***室。');
  });
});

describe('ID card numbers written in groups', () => {
  it.each([['330381 19900307 1237'], ['330381-19900307-1237']])('finds and masks %s', (text) => {
    expect(findPii(text).map((m) => m.kind)).toEqual(['idCard']);
    expect(maskPii(text)).toBe('3303**********1237');
  });
});

describe('what staff see before the reveal', () => {
  it('masks phone and ID card numbers only', () => {
    const text = '电话0577-65812345，手机13812345678，身份证330381199003071237，卡号6222021234567890128，邮箱a@b.cn，万松路88号';
    expect(maskPii(text, STAFF_MASKED_KINDS)).toBe(
      '电话0577-*****345，手机138****5678，身份证3303**********1237，卡号6222021234567890128，邮箱a@b.cn，万松路88号',
    );
  });
});
