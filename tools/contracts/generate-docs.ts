// `npm run contracts:docs`: writes docs/asyncapi.json and docs/asyncapi.md, generated from
// libs/contracts (the AsyncAPI document of every topic and message). Run it after changing a contract;
// libs/contracts/src/asyncapi/asyncapi-docs.spec.ts fails until the committed files match.
import { generatedAsyncApiFiles } from '@waybill/contracts';
import { writeFormatted } from './write-formatted';

async function main(): Promise<void> {
  for (const [file, contents] of Object.entries(generatedAsyncApiFiles()))
    await writeFormatted(file, contents);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
