export { LocalImagesPage } from './local-images-page.js';
