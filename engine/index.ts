// The engine's public entry: what the app and the CLI use (see docs/internal-apis.md). Deep imports
// from app/ and cli/ into engine/ are refused by the lint (biome.json).
export {
  LAYERS,
  layerOf,
  isLayerType,
  createLayer,
  paramShapes,
  paramCount,
  cardLine,
  PER_STEP_TYPES,
  type AnyLayerDescriptor,
  type LayerDescriptor,
  type ParamShape,
} from './layers/registry.ts';
