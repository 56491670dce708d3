import { type DragEvent, useState } from 'react';
import { upload } from '../api';
import { graphql } from '../gql';
import type { ImportAnnualDataMutation } from '../gql/graphql';
import { UI } from '../labels';
import { useSession } from '../session';
import { downloadWorkbook } from './download';
import { FieldRefusals, FormRefusals, type Refusal, refusalsOf } from './errors';

const ImportAnnualDataDocument = graphql(`
  mutation ImportAnnualData($input: ImportAnnualDataInput!) {
    importAnnualData(input: $input) {
      __typename
      ... on ImportAnnualDataSuccess {
        report {
          year
          written
          records
          errorCount
          warningCount
          acceptValid
          files {
            file
            rows
            accepted
            rejected
          }
          issues {
            severity
            file
            row
            column
            value
            rule
            message
            label
            suggestions
          }
          rejectsWorkbook
        }
      }
      ... on ValidationError {
        message
        fieldErrors {
          field
          rule
          message
        }
      }
      ... on NotAuthorised {
        message
      }
    }
  }
`);

type Report = Extract<
  ImportAnnualDataMutation['importAnnualData'],
  { __typename: 'ImportAnnualDataSuccess' }
>['report'];

/** The import report: per-file counts, then each row issue with its suggestions, next to its row and column. */
function ImportReport({ name, report }: { readonly name: string; readonly report: Report }) {
  const w = UI.workbench;
  return (
    <section className="panel" data-testid="import-report" data-written={String(report.written)}>
      <h4>{w.reportHeading(name)}</h4>
      <p data-testid="import-summary">
        {w.reportSummary(report.records, report.errorCount, report.warningCount, report.written)}
      </p>
      <ul>
        {report.files.map((f) => (
          <li key={f.file}>{w.reportFile(f.file, f.rows, f.accepted, f.rejected)}</li>
        ))}
      </ul>
      {report.issues.length > 0 ? (
        <table data-testid="import-issues">
          <thead>
            <tr>
              <th>{w.issueRow}</th>
              <th>{w.issueColumn}</th>
              <th>{w.issueValue}</th>
              <th>{w.issueMessage}</th>
              <th>{w.issueSuggestions}</th>
            </tr>
          </thead>
          <tbody>
            {report.issues.map((i) => (
              <tr
                key={`${i.file}:${i.row}:${i.column}:${i.rule}`}
                data-row={i.row}
                data-rule={i.rule}
                data-severity={i.severity}
              >
                <td className="num">{i.row}</td>
                <td>{i.column}</td>
                <td>{i.value}</td>
                <td className={i.severity === 'ERROR' ? 'error' : undefined}>
                  {/* The rule's Chinese sentence from the gateway's catalogs; the English message only for a rule without one. */}
                  {w.severity[i.severity] ?? i.severity}：{i.label ?? i.message}（{i.rule}）
                </td>
                <td>{i.suggestions.join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {report.rejectsWorkbook ? (
        <button
          type="button"
          data-testid="download-rejects"
          onClick={() => downloadWorkbook(w.rejectsFile(name), report.rejectsWorkbook ?? '')}
        >
          {w.downloadRejects}
        </button>
      ) : null}
    </section>
  );
}

/** 导入部门数据: a department's spreadsheet by drag and drop or file picker, uploaded to `importAnnualData`. */
export function Import({ year: defaultYear }: { readonly year: number }) {
  const { token } = useSession();
  const w = UI.workbench;
  const [file, setFile] = useState<File | undefined>();
  const [year, setYear] = useState(String(defaultYear));
  const [acceptValid, setAcceptValid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [report, setReport] = useState<{ name: string; report: Report } | undefined>();
  const [failure, setFailure] = useState<string | undefined>();

  const onDrop = (e: DragEvent<HTMLLabelElement>) => {
    e.preventDefault();
    const dropped = e.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  };
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const data = await upload(
        ImportAnnualDataDocument,
        // The file travels as multipart part 0; the variable is null in the operations JSON (the spec).
        { input: { year: Number(year), acceptValid, file: null as unknown as File } },
        'input.file',
        file,
        token,
      );
      const result = data.importAnnualData;
      setRefusals(refusalsOf(result));
      if (result.__typename === 'ImportAnnualDataSuccess') setReport({ name: file.name, report: result.report });
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" data-testid="import">
      <h3>{w.importHeading}</h3>
      <label className="dropzone" data-testid="dropzone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        {file ? file.name : w.importHint}
        <input
          type="file"
          data-testid="import-file"
          accept=".xlsx,.xls,.et,.ods,.csv,.tsv,.txt"
          onChange={(e) => setFile(e.target.files?.[0])}
        />
      </label>
      <label>
        {w.importYear}{' '}
        <input name="year" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} size={6} />
        <FieldRefusals refusals={refusals} field="year" />
      </label>
      <label>
        <input type="checkbox" checked={acceptValid} onChange={(e) => setAcceptValid(e.target.checked)} />{' '}
        {w.acceptValid}
      </label>
      <button type="button" disabled={!file || busy} onClick={submit} data-testid="import-submit">
        {busy ? w.importing : w.importButton}
      </button>
      <FieldRefusals refusals={refusals} field="file" />
      <FormRefusals refusals={refusals} fields={['year', 'file']} />
      {failure ? (
        <p className="error" role="alert">
          {UI.failed}
          {failure}
        </p>
      ) : null}
      {report ? <ImportReport name={report.name} report={report.report} /> : null}
    </section>
  );
}
