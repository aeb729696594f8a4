// Flags Taro's runtime reads at build time (DefinePlugin in a real build).
const flags: Record<string, boolean> = {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
};
Object.assign(globalThis, flags, { CLOUD_ENV: 'strive-test', IS_H5: true });

// The component tests run the H5 code paths (local mode, HTTP transport).
process.env.TARO_ENV = 'h5';
