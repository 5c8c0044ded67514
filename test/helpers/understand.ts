// route(text, ctx) for tests: the shared understanding's offline reading (no LLM), without its ranking.
import { sharedUnderstanding, type RouteResult, type UnderstandContext } from '../../src/understanding';

export function route(text: string, ctx: UnderstandContext): RouteResult {
  const { ranked: _ranked, ...result } = sharedUnderstanding().offline(text, ctx);
  return result;
}
