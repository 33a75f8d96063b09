// A module.register hook for the on-demand loading test: appends every resolved bare specifier to
// the file named by JMS_TEST_LOAD_LOG, so the test can tell which packages a program imported.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (!/^(node:|file:|data:|\.|\/)/.test(specifier)) appendFileSync(process.env.JMS_TEST_LOAD_LOG, `${specifier}\n`);
  return result;
}
