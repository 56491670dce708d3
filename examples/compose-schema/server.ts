import { createServer } from 'node:http';
import { MemoryRepository, TONGXIANG_2018_INPUT } from '@mujun/core';
import { createGateway } from '@mujun/graphql';
import { composedSchema } from './schema';

// Serves the composed schema over an in-memory registry holding 桐乡市.
const repository = new MemoryRepository();
await repository.saveRegion(TONGXIANG_2018_INPUT, { actor: 'example:compose-schema' });

const yoga = createGateway({ repository, schema: composedSchema });
const port = Number(process.env.PORT ?? 4001);
createServer(yoga).listen(port, () => {
  console.log(`composed gateway on http://localhost:${port}/graphql`);
  console.log(`try: { hello region(city: "330483") { name } }`);
});
