// The generated files' exact contents, shared by the generator (tools/contracts/generate-docs.ts) and
// the test that fails when the committed ones are stale (asyncapi-docs.spec.ts).
import { ASYNCAPI_FILES, buildAsyncApiDocument, type AsyncApiDocument } from './asyncapi-document';
import { renderAsyncApiMarkdown } from './asyncapi-markdown';

export const serializeAsyncApiDocument = (document: AsyncApiDocument): string =>
  `${JSON.stringify(document, null, 2)}\n`;

/** Every generated file, by its path relative to the repository root. */
export function generatedAsyncApiFiles(): Record<string, string> {
  const document = buildAsyncApiDocument();
  return {
    [ASYNCAPI_FILES.json]: serializeAsyncApiDocument(document),
    [ASYNCAPI_FILES.markdown]: renderAsyncApiMarkdown(document),
  };
}
