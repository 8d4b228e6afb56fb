import { LookupInputError } from '../engine/errors/lookup-input-error';

/**
The client configuration a construct with these props gets in an environment without the library's
env vars, for a fixture builder to key its entries with the provider's own `keyOf`. Its input errors
are named after the builder (`tencentSharesFixture: region`).
*/
export function fixtureConfig<Props, Config>(builder: string, props: Props, resolve: (props: Props, env: NodeJS.ProcessEnv) => Config): Config {
  try {
    return resolve(props, {});
  } catch (error) {
    if (error instanceof LookupInputError) throw new LookupInputError(`${builder}: ${error.input}`, error.message.slice(error.input.length + 2));
    throw error;
  }
}
