// The services dbupgrade serves, as the client's service registry names them. Written here (not read
// from the registry) so --help loads no client code; services.ts fails to compile if the two differ.
export const SERVICES = ["geminidb", "taurusdb", "dds", "gaussdb"] as const;

export type ServiceName = (typeof SERVICES)[number];
