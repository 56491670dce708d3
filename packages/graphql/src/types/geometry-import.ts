import { type GeometryImportResult, type GeometryLayer, type IntakeIssue, importGeometries } from '@mujun/intake';
import type { ObjectRef } from '@pothos/core';
import { actorOf } from '../auth';
import type { MujunBuilder, MujunTypes, UploadedFile } from '../builder';
import { NotAuthorisedError, ValidationError } from '../errors';
import { authorizeUpload, readUploads } from '../uploads';

/*
 * 图斑导入 through the gateway (`importGeometries`): GeoJSON documents and
 * Shapefiles (.shp with its .dbf, .prj and .cpg) sent as one multipart
 * request, read and matched by @mujun/intake's `importGeometries` exactly as
 * `mujun import` does, written all or nothing. Shapes come from the 自然资源
 * department for the whole city: a city-wide write (city admins only).
 */

/** The GraphQL types of geometry import; `Issue` is the intake report's `ImportIssue`. */
export function addGeometryImportTypes(builder: MujunBuilder, Issue: ObjectRef<MujunTypes, IntakeIssue>): void {
  const Layer = builder.enumType('GeometryLayer', {
    description: '图层: which records the features of a geometry file are the shapes of.',
    values: {
      PARCELS: {
        value: 'parcels' as const,
        description: 'Parcels (地块), matched by 地块编号 or 不动产单元号.',
      },
      TOWNS: {
        value: 'towns' as const,
        description: 'Town boundaries (镇街界线), matched by the 12-digit town code (统计用区划代码).',
      },
    },
  });

  const FileReport = builder.objectRef<GeometryImportResult['files'][number]>('GeometryFileReport').implement({
    description: 'One geometry file as read (图形文件): its coordinate system, attribute encoding and features.',
    fields: (t) => ({
      file: t.exposeString('file', { description: 'The file name (a Shapefile by its .shp).' }),
      crs: t.exposeString('crs', {
        description: 'Coordinate reference system read from the file (坐标系), e.g. EPSG:4549 (CGCS2000 3° GK 120°E).',
      }),
      encoding: t.exposeString('encoding', { description: 'Attribute text encoding (属性编码): utf-8 or gbk.' }),
      features: t.exposeInt('features', { description: 'Features (要素) in the file.' }),
      ok: t.exposeBoolean('ok', { description: 'Whether every feature of the file passed.' }),
    }),
  });

  const Report = builder.objectRef<GeometryImportResult>('GeometryImportReport').implement({
    description:
      '图斑导入报告: what a geometry import read, matched and wrote. Nothing is written when any feature of any file fails (all or nothing).',
    fields: (t) => ({
      city: t.exposeID('regionCode', { description: '6-digit code of the city written (县市代码).' }),
      layer: t.field({ type: Layer, description: 'The layer imported (图层).', resolve: (r) => r.layer }),
      ok: t.exposeBoolean('ok', { description: 'Whether every feature of every file passed.' }),
      matched: t.exposeInt('matched', {
        description: 'Shapes matched to a parcel or town (已匹配): what is written when ok and not a dry run.',
      }),
      written: t.exposeInt('written', { description: 'Shapes written (已写入); 0 when refused or on a dry run.' }),
      files: t.field({
        type: [FileReport],
        description: 'The files read, one per GeoJSON document or Shapefile.',
        resolve: (r) => [...r.files],
      }),
      issues: t.field({
        type: [Issue],
        description: 'Every problem found, by file and feature number (row 0: the file as a whole).',
        resolve: (r) => [...r.issues],
      }),
    }),
  });

  const Input = builder.inputType('ImportGeometriesInput', {
    description: 'A geometry import (图斑导入): the files and the layer they shape.',
    fields: (t) => ({
      city: t.id({
        required: false,
        description: '6-digit city code (县市代码); default: the city of the token.',
      }),
      layer: t.field({
        type: Layer,
        required: false,
        description: 'The layer (图层) the files shape; default PARCELS.',
      }),
      files: t.field({
        type: ['Upload'],
        required: true,
        description:
          'The files (图形文件): .geojson/.json documents, and each Shapefile as its .shp, .dbf and .prj (with .cpg when the attributes are not GBK), named alike.',
      }),
      dryRun: t.boolean({
        required: false,
        description: 'Check only (试导入): report what would be written, write nothing.',
      }),
    }),
  });

  builder.mutationField('importGeometries', (t) =>
    t.field({
      type: Report,
      description:
        'Imports parcel shapes or town boundaries (图斑导入) from GeoJSON or Shapefiles (multipart upload) and returns the report. City admins only.',
      args: { input: t.arg({ type: Input, required: true, description: 'The files and the layer.' }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'ImportGeometriesResult' },
        result: { name: 'ImportGeometriesSuccess' },
        dataField: { name: 'report', description: 'The geometry import report (图斑导入报告).' },
      },
      resolve: async (_root, { input }, ctx) => {
        const region = await authorizeUpload(ctx, 'importGeometries', input.city);
        const files = await readUploads(ctx, input.files as unknown as UploadedFile[], (i) => `input.files.${i}`);
        return importGeometries(ctx.repository, {
          regionCode: region.code,
          layer: (input.layer ?? 'parcels') as GeometryLayer,
          files,
          ...(input.dryRun ? { dryRun: true } : {}),
          context: { actor: actorOf(ctx.principal), requestId: ctx.requestId },
        });
      },
    }),
  );
}
