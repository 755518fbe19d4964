export { useUiStore } from './ui-store';
export type { Screen } from './ui-store';
export { useInspectStore } from './inspect-store';
export type { InspectorTab } from './inspect-store';
export { useDraftEditorStore } from './draft-editor-store';
export type { EditingCell, PlatformField } from './draft-editor-store';
