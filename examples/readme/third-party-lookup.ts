import { Construct } from 'constructs';
import { z } from 'zod';
import {
  addLookupValidations, digestOf, LookupEngine, LookupInputError, LookupSnapshot, lookupKeysOf,
  type FetchedEntries, type LookupHandle, type LookupProvider,
} from '../../src';

// Your team's image catalog: GET $CATALOG_URL/images?ids=a,b answers {"a": {"approved": true}}.
interface CatalogQuery { readonly imageId: string }
interface CatalogEntry { readonly approved: boolean }
const keys = lookupKeysOf('acme', 'catalog'); // keys: acme:catalog:imageId=…

const catalogProvider: LookupProvider<CatalogQuery, CatalogEntry> = {
  id: keys.providerId,
  validate: ({ imageId }) => {
    if (!/^[a-z0-9-]{1,64}$/.test(imageId)) throw new LookupInputError('imageId', `${JSON.stringify(imageId)} is not a catalog ID`);
  },
  keyOf: ({ imageId }) => keys.format([['imageId', imageId]]),
  batchGroupOf: () => 'catalog',
  valueSchemaOf: () => z.object({ approved: z.boolean() }),
  // The engine hands over every pending query of a group at once: one call for all of them.
  fetchGroup: (queries, context) => context.limit(async () => {
    const endpoint = process.env.CATALOG_URL ?? 'https://catalog.example.com';
    context.countApiCall();
    const response = await fetch(`${endpoint}/images?ids=${queries.map((query) => query.imageId).join(',')}`);
    if (!response.ok) throw new Error(`the catalog answered HTTP ${response.status}`);
    const answer = (await response.json()) as Partial<Record<string, CatalogEntry>>;
    const entries: FetchedEntries<CatalogEntry> = new Map();
    for (const query of queries) {
      const value = answer[query.imageId];
      entries.set(catalogProvider.keyOf(query), value ? { outcome: 'found', value, endpoint } : { outcome: 'notFound', endpoint });
    }
    return entries;
  }),
};

/** A catalog entry at synth time. Provisional answer: not found, not approved. */
export class CatalogImage extends Construct {
  private readonly handle: LookupHandle<CatalogEntry>;

  constructor(scope: Construct, id: string, props: CatalogQuery) {
    super(scope, id);
    this.handle = LookupEngine.of(this).request(catalogProvider, props);
    addLookupValidations(this, [this.handle]);
    if (this.handle.isResolved) {
      new LookupSnapshot(this, 'snapshot', { description: `Catalog entry of ${props.imageId}`, digest: digestOf(this.handle.value ?? null) });
    }
  }

  get found(): boolean { return this.handle.value !== undefined; }
  get approved(): boolean { return this.handle.value?.approved ?? false; }
}
