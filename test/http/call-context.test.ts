import { describeCall, describeImageIds, isTransientStatus, MAX_IMAGE_IDS_NAMED } from '../../src/http/call-context';

const ids = (count: number) => Array.from({ length: count }, (_, index) => `img-${String(index).padStart(8, '0')}`);

describe('describeImageIds', () => {
  test('up to 10 IDs are all named', () => {
    expect(describeImageIds(ids(1))).toBe('img-00000000');
    expect(describeImageIds(ids(MAX_IMAGE_IDS_NAMED))).toBe(ids(MAX_IMAGE_IDS_NAMED).join(', '));
  });

  test('more: the count and the first five', () => {
    expect(describeImageIds(ids(20))).toBe(`20 images: ${ids(5).join(', ')}, …`);
  });

  test('none', () => {
    expect(describeImageIds([])).toBe('no images');
  });
});

test('describeCall names the cloud, action, region, endpoint, images, attempt and RequestId', () => {
  const context = { cloud: 'Tencent Cloud', action: 'GetImageShareUinInfo', region: 'ap-guangzhou', endpoint: 'https://image.api.qcloud.com/v2/index.php', imageIds: ids(2) };
  expect(describeCall(context, 3, 'req-1')).toBe(
    'Tencent Cloud GetImageShareUinInfo in ap-guangzhou at https://image.api.qcloud.com/v2/index.php for img-00000000, img-00000001; attempt 3; RequestId req-1');
  expect(describeCall(context, 1)).not.toContain('RequestId');
});

test.each([[429, true], [500, true], [503, true], [599, true], [200, false], [400, false], [404, false], [408, false]])('isTransientStatus(%i) is %p', (status, transient) => {
  expect(isTransientStatus(status)).toBe(transient);
});
