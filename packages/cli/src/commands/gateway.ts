import { runGateway } from '@mujun/graphql';
import { type CliIo, EXIT, UsageError } from '../io';

/** `mujun serve`: the GraphQL gateway, exactly as `mujun-gateway` starts it. */
export async function serveCommand(io: CliIo, flags: { port?: string; subgraph?: boolean }): Promise<number> {
  if (flags.port !== undefined && !/^\d{1,5}$/.test(flags.port))
    throw new UsageError(`--port must be a number, got ${flags.port}`);
  const stop = await runGateway({
    argv: flags.subgraph === true ? ['--subgraph'] : [],
    env: flags.port === undefined ? io.env : { ...io.env, PORT: flags.port },
    print: io.out,
  });
  if (!stop) return EXIT.ok;
  await (io.untilStopped ??
    new Promise<void>((ok) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => ok());
    }));
  await stop();
  return EXIT.ok;
}

/** `mujun token <role>`: a development token, minted by the gateway's own code. */
export async function tokenCommand(io: CliIo, role: string): Promise<number> {
  try {
    await runGateway({ argv: ['--mint-token', role], env: io.env, print: io.out });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  return EXIT.ok;
}
