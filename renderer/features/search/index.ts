export {
  PlacesContext,
  PlacesProvider,
  samePlace,
  usePlaces,
  usePlacesState,
  type Places,
} from './places.js';
export { SearchPalette, type PaletteCommand } from './search-palette.js';
export { StarButton } from './star-button.js';
export { SearchButton, StarredPlaces } from './starred-places.js';
