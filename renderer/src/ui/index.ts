export { CopyButton } from './copy-button';
export { DataGrid } from './data-grid';
export type { Column, DataGridProps } from './data-grid';
export { Dialog } from './dialog';
export { Digest } from './digest';
export { Badge, EmptyState, ErrorView, Loading } from './status';
export {
  formatBytes,
  formatDate,
  joinOrDash,
  layerKind,
  mediaKind,
  mediaKindLabel,
  shortDigest,
} from './format';
export type { MediaKind } from './format';
export { Icon } from './icons';
export { formatPlatformText } from './platform-text';
