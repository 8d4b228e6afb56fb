/**
The Tencent Cloud regions this library knows, checked before any call (a region is part of every
cache key, so a typo must not be cached as an answer). Taken from Tencent Cloud's "Regions and
Availability Zones" pages and the zone list of its Region Management API, as published in 2025–2026.
Regions retired or renamed since (ap-shenzhen, ap-tianjin, na-toronto, eu-moscow, ap-jakarta) are
left out. The live list is the DescribeRegions action; a region added later needs
`allowUnknownRegion: true` (or IMAGE_LOOKUPS_ALLOW_UNKNOWN_REGION=1) until it is added here.
*/
export const TENCENT_REGIONS: readonly string[] = [
  'ap-guangzhou', 'ap-shanghai', 'ap-nanjing', 'ap-beijing', 'ap-chengdu', 'ap-chongqing', 'ap-hongkong',
  'ap-shanghai-fsi', 'ap-shenzhen-fsi',
  'ap-singapore', 'ap-seoul', 'ap-tokyo', 'ap-bangkok', 'ap-mumbai', 'na-siliconvalley', 'na-ashburn', 'eu-frankfurt',
];
