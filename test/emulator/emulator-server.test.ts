import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_ERROR_FAULT_KINDS, DATA_FAULT_KINDS, Emulator, EMULATOR_FAULT_KINDS, loadEmulatorData, TRANSIENT_FAULT_KINDS, TRANSPORT_FAULT_KINDS, type EmulatorDataInput,
} from '../../src/emulator';
import { OFFICIAL_EXAMPLE_IMAGE_ID, OFFICIAL_EXAMPLE_ONE_SHARE } from '../tencent-image-shares/fixtures';
import { callTencent } from '../tencent-image-shares/signed-request';

const EXAMPLE_DATA_FILE = join(__dirname, '../../examples/golden-image-audit/emulator-data.json');

const DATA: EmulatorDataInput = {
  credentials: { tencent: [{ secretId: 'AKIDemulatorExample01', secretKey: 'emulatorSecretKey01' }] },
  tencent: { regions: { 'ap-guangzhou': { [OFFICIAL_EXAMPLE_IMAGE_ID]: OFFICIAL_EXAMPLE_ONE_SHARE } } },
};

describe('Emulator server', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await Emulator.start({ data: EXAMPLE_DATA_FILE });
  });
  afterAll(async () => {
    await emulator.stop();
  });
  beforeEach(() => emulator.resetStats());

  test('listens on a free loopback port and serves the data file it was given', async () => {
    expect(emulator.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { body } = await callTencent(emulator.origin, { region: 'ap-shanghai', imageIds: ['img-m9s0fe6v', 'img-31tjrtph'] });
    expect(body.data.imageList.map((image: { imageId: string }) => image.imageId)).toEqual(['img-m9s0fe6v', 'img-31tjrtph']);
  });

  test('answers 404 for paths no route serves, counting the request but consuming no fault', async () => {
    emulator.injectFaults('serverError');
    const response = await fetch(`${emulator.origin}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('/nothing-here');
    expect((await callTencent(emulator.origin)).status).toBe(503);
    expect(emulator.stats).toEqual({ requests: 2, byAction: { GetImageShareUinInfo: 1 } });
  });

  test('counts every request, rejected ones included, until resetStats', async () => {
    await callTencent(emulator.origin);
    await callTencent(emulator.origin, { secretKey: 'wrong' });
    await fetch(`${emulator.origin}/v2/index.php`);
    expect(emulator.stats).toEqual({ requests: 3, byAction: { GetImageShareUinInfo: 2 } });
    emulator.resetStats();
    expect(emulator.stats).toEqual({ requests: 0, byAction: {} });
  });

  describe('injected faults', () => {
    test('serverError: HTTP 503 with an HTML body', async () => {
      emulator.injectFaults('serverError');
      const { status, body } = await callTencent(emulator.origin);
      expect(status).toBe(503);
      expect(body).toContain('<html>');
    });

    test('networkDrop: the connection closes without an answer', async () => {
      emulator.injectFaults('networkDrop');
      await expect(callTencent(emulator.origin)).rejects.toThrow();
      expect((await callTencent(emulator.origin)).body.code).toBe('0');
      expect(emulator.stats.byAction.GetImageShareUinInfo).toBe(2);
    });

    test('apply to the next requests in the order injected, then stop', async () => {
      emulator.injectFaults('throttle', 2);
      emulator.injectFaults('serverError');
      emulator.injectFaults('internalError');
      const answers = [];
      for (let i = 0; i < 5; i++) {
        const { status, body } = await callTencent(emulator.origin);
        answers.push(status === 200 ? body.code : status);
      }
      expect(answers).toEqual([4400, 4400, 503, 6000, '0']);
    });

    test('refuse unknown faults (listing the kinds) and bad counts', () => {
      expect(() => emulator.injectFaults('meteor' as never)).toThrow(/Unknown emulator fault "meteor"; expected one of throttle, .*, redirect308$/);
      expect(() => emulator.injectFaults('throttle', -1)).toThrow(RangeError);
    });

    test('are counted: pending until a request takes one, then answered per kind, until resetStats', async () => {
      emulator.injectFaults('throttle', 2);
      emulator.injectFaults('http502');
      expect(emulator.faultsPending).toBe(3);
      await callTencent(emulator.origin);
      await callTencent(emulator.origin);
      await callTencent(emulator.origin);
      await callTencent(emulator.origin);
      expect(emulator.faultsPending).toBe(0);
      expect(emulator.faultsAnswered).toEqual({ throttle: 2, http502: 1 });
      emulator.resetStats();
      expect(emulator.faultsAnswered).toEqual({});
    });

    test('every kind is typed, listed once, and either the route\'s or the server\'s', () => {
      expect(new Set(EMULATOR_FAULT_KINDS).size).toBe(EMULATOR_FAULT_KINDS.length);
      expect(EMULATOR_FAULT_KINDS).toHaveLength(API_ERROR_FAULT_KINDS.length + DATA_FAULT_KINDS.length + TRANSPORT_FAULT_KINDS.length);
      expect(TRANSIENT_FAULT_KINDS).not.toContain('wrongTypes');
      expect(TRANSIENT_FAULT_KINDS).not.toContain('redirect302');
      expect(TRANSIENT_FAULT_KINDS).toContain('connectionReset');
    });
  });

  describe('data', () => {
    test('replaceData serves new facts from the next request on', async () => {
      const changed = await Emulator.start({ data: DATA });
      try {
        changed.replaceData({ ...DATA, tencent: { regions: { 'ap-guangzhou': { 'img-jgggrva9': [] } } } });
        expect((await callTencent(changed.origin)).body.data.imageList).toEqual([{ imageId: 'img-jgggrva9', shareUinInfo: [] }]);
        expect(() => changed.replaceData({ credentials: { tencent: 'nope' } } as never)).toThrow(/inline emulator data/);
        // A refused replacement changes nothing.
        expect((await callTencent(changed.origin)).body.data.imageList).toEqual([{ imageId: 'img-jgggrva9', shareUinInfo: [] }]);
      } finally {
        await changed.stop();
      }
    });
  });

  describe('latency', () => {
    test('can be changed while running, and requests are still answered', async () => {
      emulator.setLatency(20);
      expect(emulator.latencyMs).toBe(20);
      expect((await callTencent(emulator.origin)).body.code).toBe('0');
      emulator.setLatency(0);
      expect(() => emulator.setLatency(-1)).toThrow(RangeError);
    });

    test('stop() does not wait for answers still waiting out their latency', async () => {
      const slow = await Emulator.start({ data: DATA, latencyMs: 3_600_000 });
      const pending = callTencent(slow.origin);
      while (slow.stats.requests === 0) await new Promise((resolve) => setImmediate(resolve));
      await slow.stop();
      await expect(pending).rejects.toThrow();
    });
  });
});

describe('Emulator rates', () => {
  test('serverErrorRate 1 answers every request with HTTP 503', async () => {
    const emulator = await Emulator.start({ data: DATA, serverErrorRate: 1 });
    try {
      expect((await callTencent(emulator.origin)).status).toBe(503);
    } finally {
      await emulator.stop();
    }
  });

  test('throttleRate 1 answers every request with the API throttling error', async () => {
    const emulator = await Emulator.start({ data: DATA, throttleRate: 1 });
    try {
      expect((await callTencent(emulator.origin)).body.code).toBe(4400);
    } finally {
      await emulator.stop();
    }
  });

  test('rates outside 0..1 are refused', async () => {
    await expect(Emulator.start({ data: DATA, throttleRate: 1.5 })).rejects.toThrow(/throttleRate 1.5/);
    await expect(Emulator.start({ data: DATA, serverErrorRate: -0.1 })).rejects.toThrow(/serverErrorRate/);
    await expect(Emulator.start({ data: DATA, faultRates: { connectionReset: 2 } })).rejects.toThrow(/faultRates.connectionReset 2/);
  });

  test('faultRates: a rate of 1 answers every request with that fault', async () => {
    const emulator = await Emulator.start({ data: DATA, faultRates: { http429: 1 } });
    try {
      expect((await callTencent(emulator.origin)).status).toBe(429);
      expect((await callTencent(emulator.origin)).status).toBe(429);
      expect(emulator.faultsAnswered).toEqual({ http429: 2 });
    } finally {
      await emulator.stop();
    }
  });

  test('faultRates: drawn after serverErrorRate and throttleRate, and injected faults come first', async () => {
    const emulator = await Emulator.start({ data: DATA, throttleRate: 1, faultRates: { http500: 1 } });
    try {
      emulator.injectFaults('http502');
      expect((await callTencent(emulator.origin)).status).toBe(502);
      expect((await callTencent(emulator.origin)).body.code).toBe(4400);
    } finally {
      await emulator.stop();
    }
  });

  test('faultRates take transient faults only, and each rate one way only', async () => {
    await expect(Emulator.start({ data: DATA, faultRates: { wrongTypes: 0.1 } as never })).rejects.toThrow(/faultRates.wrongTypes is not a transient fault/);
    await expect(Emulator.start({ data: DATA, faultRates: { redirect302: 0.1 } as never })).rejects.toThrow(/not a transient fault/);
    await expect(Emulator.start({ data: DATA, throttleRate: 0.1, faultRates: { throttle: 0.2 } })).rejects.toThrow(/throttleRate or faultRates.throttle/);
    await expect(Emulator.start({ data: DATA, serverErrorRate: 0.1, faultRates: { serverError: 0.2 } })).rejects.toThrow(/serverErrorRate or faultRates.serverError/);
  });
});

describe('Emulator request journal', () => {
  test('off by default: nothing is kept', async () => {
    const emulator = await Emulator.start({ data: DATA });
    try {
      await callTencent(emulator.origin);
      expect(emulator.recordedRequests).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });

  test('recordRequests keeps every request as received, faulted and unknown-path ones too, until resetStats', async () => {
    const emulator = await Emulator.start({ data: DATA, recordRequests: true });
    try {
      emulator.injectFaults('connectionReset');
      await expect(callTencent(emulator.origin, { nonce: '4242' })).rejects.toThrow();
      await callTencent(emulator.origin, { method: 'GET', nonce: '4343' });
      await fetch(`${emulator.origin}/elsewhere`);
      const [reset, get, elsewhere] = emulator.recordedRequests;
      expect(emulator.recordedRequests).toHaveLength(3);
      expect(new URLSearchParams(reset.body).get('Nonce')).toBe('4242');
      expect(get).toMatchObject({ method: 'GET', body: '' });
      expect(get.url.searchParams.get('Nonce')).toBe('4343');
      expect(elsewhere.url.pathname).toBe('/elsewhere');
      emulator.resetStats();
      expect(emulator.recordedRequests).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });
});

describe('Emulator host', () => {
  test.each(['0.0.0.0', '192.168.1.10', '::', 'example.com'])('refuses the non-loopback host %s', async (host) => {
    await expect(Emulator.start({ data: DATA, host })).rejects.toThrow(/loopback/);
  });

  test('accepts localhost and stop() may be called twice', async () => {
    const emulator = await Emulator.start({ data: DATA, host: 'localhost' });
    expect(emulator.origin).toMatch(/^http:\/\/(127\.0\.0\.1|\[::1\]):\d+$/);
    expect((await callTencent(emulator.origin)).body.code).toBe('0');
    await emulator.stop();
    await emulator.stop();
  });
});

describe('emulator data', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-data-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function writeData(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  test('the example file is valid', () => {
    const data = loadEmulatorData(EXAMPLE_DATA_FILE);
    expect(Object.keys(data.tencent.regions)).toEqual(['ap-guangzhou', 'ap-shanghai']);
    expect(data.credentials.tencent[0].secretId).toBe('AKIDemulatorExample01');
  });

  test('applies defaults and keeps sections of other clouds', () => {
    const file = writeData('other-clouds.json', JSON.stringify({
      credentials: { aliyun: [{ accessKeyId: 'id', accessKeySecret: 'secret' }] },
      aliyun: { images: {} },
    }));
    const data = loadEmulatorData(file);
    expect(data.tencent).toEqual({ maxImgShareNum: 50, regions: {} });
    expect(data.credentials.tencent).toEqual([]);
    expect(data.aliyun).toEqual({ images: {} });
  });

  test('errors name the file: missing, not JSON, invalid', () => {
    const missing = join(dir, 'missing.json');
    expect(() => loadEmulatorData(missing)).toThrow(`Cannot read emulator data file ${missing}`);
    const notJson = writeData('not-json.json', '{ "credentials": ');
    expect(() => loadEmulatorData(notJson)).toThrow(`Emulator data file ${notJson} is not valid JSON`);
    const invalid = writeData('invalid.json', JSON.stringify({
      credentials: { tencent: [{ secretId: 'AKIDx' }] },
      tencent: { regions: { 'ap-guangzhou': { 'img-TOOLONG123': [] } } },
    }));
    expect(() => loadEmulatorData(invalid)).toThrow(invalid);
    expect(() => loadEmulatorData(invalid)).toThrow(/credentials\.tencent\.0\.secretKey/);
    expect(() => loadEmulatorData(invalid)).toThrow(/tencent\.regions\.ap-guangzhou\.img-TOOLONG123/);
  });

  test('Emulator.start reports invalid inline data', async () => {
    await expect(Emulator.start({ data: { credentials: { tencent: 'nope' } } as never })).rejects.toThrow(/inline emulator data/);
  });
});
