/** The part of unzipper (a dependency of exceljs's reader) that intake calls: a zip's central directory. */
declare module 'unzipper' {
  interface CentralDirectory {
    readonly files: readonly { readonly path: string; readonly type: string; readonly uncompressedSize: number }[];
  }
  const unzipper: { readonly Open: { buffer(data: Buffer): Promise<CentralDirectory> } };
  export default unzipper;
}
