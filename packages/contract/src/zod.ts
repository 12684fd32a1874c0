import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// One place extends zod with `.openapi()`, so every schema of the contract can name itself in
// the OpenAPI document the server generates from them.
extendZodWithOpenApi(z);

export { z };
