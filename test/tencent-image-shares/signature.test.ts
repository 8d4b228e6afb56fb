import { signV1, stringToSignV1 } from '../../src/tencent-image-shares/signature';

// Keys of the legacy "Signature Method" doc's worked example.
const LEGACY_SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA';
const LEGACY_SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA';

describe('signV1 (Tencent Cloud signature v1)', () => {
  describe('official vector: legacy v2 DescribeInstances', () => {
    const params = {
      Action: 'DescribeInstances',
      SecretId: LEGACY_SECRET_ID,
      Region: 'ap-guangzhou',
      Timestamp: '1465185768',
      Nonce: '11886',
      'InstanceIds.0': 'ins-09dx96dg',
    };

    test.each([
      ['HmacSHA256', '0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s='],
      ['HmacSHA1', 'nPVnY6njQmwQ8ciqbPl5Qe+Oru4='],
    ])('%s', (signatureMethod, signature) => {
      const signed = { ...params, SignatureMethod: signatureMethod };
      expect(stringToSignV1('GET', 'cvm.api.qcloud.com', '/v2/index.php', signed)).toBe(
        'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886' +
        `&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=${signatureMethod}&Timestamp=1465185768`);
      expect(signV1('GET', 'cvm.api.qcloud.com', '/v2/index.php', signed, LEGACY_SECRET_KEY)).toBe(signature);
    });
  });

  test('official vector: API 3.0 v1 (no SignatureMethod, so HmacSHA1)', () => {
    const params = {
      Action: 'DescribeInstances',
      'InstanceIds.0': 'ins-09dx96dg',
      Limit: '20',
      Nonce: '11886',
      Offset: '0',
      Region: 'ap-guangzhou',
      SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      Timestamp: '1465185768',
      Version: '2017-03-12',
    };
    expect(stringToSignV1('GET', 'cvm.tencentcloudapi.com', '/', params)).toBe(
      'GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0' +
      '&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12');
    expect(signV1('GET', 'cvm.tencentcloudapi.com', '/', params, 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE'))
      .toBe('EliP9YW3pW28FpsEdkXt/+WcGeI=');
  });

  test('regression vector (self-computed, agreed by two implementations): GetImageShareUinInfo', () => {
    const params = {
      'imageIds.1': 'img-6pb6lrmy',
      'imageIds.0': 'img-jgggrva9',
      Timestamp: '1465185768',
      SignatureMethod: 'HmacSHA256',
      SecretId: LEGACY_SECRET_ID,
      Region: 'ap-guangzhou',
      Nonce: '11886',
      Action: 'GetImageShareUinInfo',
    };
    expect(stringToSignV1('GET', 'image.api.qcloud.com', '/v2/index.php', params)).toBe(
      'GETimage.api.qcloud.com/v2/index.php?Action=GetImageShareUinInfo&Nonce=11886&Region=ap-guangzhou' +
      '&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768' +
      '&imageIds.0=img-jgggrva9&imageIds.1=img-6pb6lrmy');
    expect(signV1('GET', 'image.api.qcloud.com', '/v2/index.php', params, LEGACY_SECRET_KEY))
      .toBe('8JeybQaUWNhcItbDQ18Lg3BoD1S/mEVEqqu+hGqlqPY=');
  });

  test('sorts by byte order: InstanceIds.12 before InstanceIds.2, upper-case before lower-case', () => {
    const text = stringToSignV1('POST', 'h', '/p', { 'InstanceIds.2': 'b', b: '4', 'InstanceIds.12': 'a', B: '3' });
    expect(text).toBe('POSTh/p?B=3&InstanceIds.12=a&InstanceIds.2=b&b=4');
  });

  test('leaves out Signature, keeps raw values and the port of the host', () => {
    const text = stringToSignV1('GET', '127.0.0.1:8787', '/v2/index.php', { Signature: 'x', Token: 'a/b+c=' });
    expect(text).toBe('GET127.0.0.1:8787/v2/index.php?Token=a/b+c=');
  });

  test('any SignatureMethod other than HmacSHA256 means HmacSHA1', () => {
    const params = { Action: 'X', SignatureMethod: 'hmacsha256' };
    const sha1 = signV1('GET', 'h', '/', params, 'k');
    expect(Buffer.from(sha1, 'base64')).toHaveLength(20);
    expect(Buffer.from(signV1('GET', 'h', '/', { Action: 'X', SignatureMethod: 'HmacSHA256' }, 'k'), 'base64')).toHaveLength(32);
  });
});
