// Cleanup rules (issue 20): a rule's preview (which tags stay or go, and why; the bytes that become
// collectable), the prune job that deletes exactly what the preview showed, and the saved rules.
export { decideTags, type DatedTag } from './decide.js';
export { previewPrune, type PreviewOptions } from './preview.js';
export { outcomeSentence, runPrune, type PruneInput } from './run.js';
