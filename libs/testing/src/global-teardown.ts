export default async function globalTeardown(): Promise<void> {
  const infrastructure = globalThis.waybillTestInfrastructure;
  globalThis.waybillTestInfrastructure = undefined;
  await infrastructure?.stop();
}
