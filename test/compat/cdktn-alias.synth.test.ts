// Runs only in the jest project "cdktn": proves that project really builds stacks with cdktn.
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { App } from 'cdktf';
import { TencentImageShares } from '../../src/tencent-image-shares';

test('`cdktf` resolves to CDK Terrain, for our code and for @cdktf/provider-null', () => {
  expect(require('cdktf/package.json').name).toBe('cdktn');
  expect(require.resolve('cdktf')).toContain('/node_modules/cdktn/');
  expect(App).toBe(require('cdktn').App);
  expect(NullResource.prototype).toBeInstanceOf(require('cdktn').TerraformResource);
  expect(typeof TencentImageShares).toBe('function');
});
