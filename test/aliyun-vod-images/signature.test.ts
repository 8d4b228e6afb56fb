import { canonicalizedQuery, percentEncode, signRpc, stringToSignRpc } from '../../src/aliyun-vod-images/signature';

describe('signRpc (Alibaba Cloud RPC signature, HMAC-SHA1, SignatureVersion 1.0)', () => {
  test('official vector: ECS DescribeRegions', () => {
    const params = {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    };
    expect(stringToSignRpc('GET', params)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
      '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
      '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26');
    expect(signRpc('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  test('official vector: SMS SendSms, with Chinese text and JSON in the values', () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    const text = stringToSignRpc('GET', params);
    // UTF-8 bytes, encoded twice: 阿 is E9 98 BF.
    expect(text).toContain('%26SignName%3D%25E9%2598%25BF%25E9%2587%258C');
    expect(text).toContain('%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26');
    expect(signRpc('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  test('regression vector (self-computed, agreed by two implementations): VOD GetImageInfo', () => {
    // Given out of order, as a client's object may be: the order of the keys must not matter.
    const params = {
      Version: '2017-03-21',
      Timestamp: '2016-02-23T12:46:24Z',
      SignatureVersion: '1.0',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureMethod: 'HMAC-SHA1',
      OutputType: 'cdn',
      ImageId: '3e34733b40b9a96ccf5c1ff6f69****',
      Format: 'JSON',
      AuthTimeout: '3600',
      Action: 'GetImageInfo',
      AccessKeyId: 'testid',
    };
    expect(stringToSignRpc('GET', params)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DGetImageInfo%26AuthTimeout%3D3600%26Format%3DJSON' +
      '%26ImageId%3D3e34733b40b9a96ccf5c1ff6f69%252A%252A%252A%252A%26OutputType%3Dcdn%26SignatureMethod%3DHMAC-SHA1' +
      '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
      '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2017-03-21');
    expect(signRpc('GET', params, 'testsecret')).toBe('ceCTs3+lyBbLYK5SDwaSOuzf91c=');
  });

  test('the HTTP method is signed: POST and GET give different signatures', () => {
    const params = { Action: 'GetImageInfo', ImageId: 'a' };
    expect(stringToSignRpc('POST', params)).toBe('POST&%2F&Action%3DGetImageInfo%26ImageId%3Da');
    expect(signRpc('POST', params, 'k')).not.toBe(signRpc('GET', params, 'k'));
  });

  test('the key is the secret followed by "&": another secret gives another signature', () => {
    const params = { Action: 'GetImageInfo' };
    expect(signRpc('GET', params, 'secret')).not.toBe(signRpc('GET', params, 'secret&'));
    expect(Buffer.from(signRpc('GET', params, 'secret'), 'base64')).toHaveLength(20);
  });
});

describe('canonicalizedQuery', () => {
  test('sorts raw names by code: upper-case before lower-case, Key.12 before Key.2', () => {
    expect(canonicalizedQuery({ 'Key.2': 'b', b: '4', 'Key.12': 'a', B: '3' })).toBe('B=3&Key.12=a&Key.2=b&b=4');
  });

  test('leaves out Signature and encodes names as well as values', () => {
    expect(canonicalizedQuery({ Signature: 'x', 'a b': 'c d', 'Tag*': '1/2' })).toBe('Tag%2A=1%2F2&a%20b=c%20d');
  });

  test('keeps empty values as "name="', () => {
    expect(canonicalizedQuery({ SecurityToken: '', Action: 'X' })).toBe('Action=X&SecurityToken=');
  });
});

describe('percentEncode (RFC 3986)', () => {
  test.each([
    ['a space as %20, never +', 'a b', 'a%20b'],
    ['+ itself', 'a+b', 'a%2Bb'],
    ['the unreserved - _ . ~ left alone', 'A-z_0.9~', 'A-z_0.9~'],
    ['* as %2A', '3e34****', '3e34%2A%2A%2A%2A'],
    ["! ' ( ) encoded too (encodeURIComponent leaves them)", "!'()", '%21%27%28%29'],
    ['/ : = & and %', '/:=&%', '%2F%3A%3D%26%25'],
    ['UTF-8 bytes in upper-case hex', '阿里云', '%E9%98%BF%E9%87%8C%E4%BA%91'],
    ['a character outside the BMP as its 4 UTF-8 bytes', '🎬', '%F0%9F%8E%AC'],
  ])('%s', (_name, value, encoded) => {
    expect(percentEncode(value)).toBe(encoded);
  });
});
