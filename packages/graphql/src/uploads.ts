import { invalid, type Region } from '@mujun/core';
import type { UploadedFile } from './builder';
import type { MujunContext } from './context';
import { authorizeWrite, parseWriteInput, type WriteOperation } from './policy';

/*
 * What every upload mutation (部门数据上传, 图斑导入) does before its import
 * step: decide the city written and authorise it, then take the files within
 * the gateway's upload limit. One place, so the two uploads cannot drift.
 */

/**
 * The region an upload writes, authorised for `operation`: `input.city`, or
 * when it is omitted the token's city (a town operator's or city admin's).
 * @throws ValidationError / NotAuthorisedError as `authorizeWrite` does
 */
export async function authorizeUpload(
  ctx: MujunContext,
  operation: WriteOperation,
  inputCity: string | number | null | undefined,
): Promise<Region> {
  const p = ctx.principal;
  const tokenCity = p.role === 'cityAdmin' || p.role === 'townOperator' ? p.cityCode : undefined;
  const city = inputCity === null || inputCity === undefined ? tokenCity : String(inputCity);
  return authorizeWrite(ctx, operation, parseWriteInput(operation, city === undefined ? {} : { city }));
}

/**
 * The uploaded files' names and bytes, each checked against the gateway's
 * upload limit (`intake.limits.fileBytes`) before it is read into memory.
 * `field(i)` names the input field of file i in the error.
 * @throws ValidationError `upload.size` naming the first file over the limit
 */
export async function readUploads(
  ctx: MujunContext,
  files: readonly UploadedFile[],
  field: (i: number) => string,
): Promise<{ name: string; bytes: Uint8Array }[]> {
  const max = ctx.intake.limits.fileBytes;
  const over = files.findIndex((f) => f.size > max);
  if (over >= 0) {
    throw invalid(field(over), 'upload.size', `the file has ${files[over]?.size} bytes; at most ${max} are accepted`);
  }
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}
