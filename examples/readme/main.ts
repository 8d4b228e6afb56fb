// main.ts, the "app" in cdktf.json: the one entry point.
import { synthWithLookups } from '../../src';
import { GoldenImages } from './golden-images';
import { MediaCovers } from './media-covers';

void synthWithLookups((app) => {
  new GoldenImages(app, 'golden-images', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9', 'img-6pb6lrmy'] });
  new MediaCovers(app, 'media-covers', {
    region: 'cn-shanghai',
    imageIds: ['7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c', 'a3f9c8e27b6d4c1e9f0a5b3d7e2c4f60'],
  });
});
