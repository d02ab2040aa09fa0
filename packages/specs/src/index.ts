// The bundled OpenAPI documents (external $refs resolved into components) and their metadata.
export * from "./meta.js";
export * from "./generated/document-index.js";
