// Kept for existing imports: the runtime facts moved to @dbupgrade/meta (no dependencies), which
// this entry re-exports unchanged.
export * from "@dbupgrade/meta";
