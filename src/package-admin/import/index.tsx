/**
 * 导入花名册: pick a spreadsheet (weapp: from a chat; H5: a file input), upload it, dry-run it
 * (roster.previewImport) and show the report, then 确认导入 loops roster.commitImport until done
 * with a progress bar. An interrupted import resumes: ?jobId= (or the last job of this org,
 * remembered on the device) shows its progress and 继续导入.
 * Query: ?orgId= (required), ?jobId= (optional).
 * Stable ids/classes for e2e:
 *   #import-page
 *   #import-org-name                       the org being imported into
 *   #import-template / .import-template    下载模板
 *   #import-pick / .import-pick            选择文件 (H5: #import-file-input, an <input type=file> inside it)
 *   #import-file-name                      chosen file's name
 *   #import-busy                           uploading / checking…
 *   #import-pick-error                     upload / preview error
 *   #import-report / .import-report
 *     #import-total, #import-to-create, #import-to-update, #import-unchanged, #import-error-count
 *     #import-errors / .import-error-row (id import-error-row-<row>): .import-error-line (第 N 行),
 *       .import-error-student-no, .import-error-reason
 *     #import-errors-more                  "另有 N 行问题未列出"
 *     #import-commit (确认导入), #import-repick (重新选择)
 *   #import-progress / .import-progress: .import-progress-bar, #import-progress-text ("processed / total")
 *   #import-loop-error, #import-resume (继续导入)
 *   #import-done / .import-done, #import-done-summary, #import-view-members, #import-again
 */
import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { SAMPLE_MARK, type ImportProgress, type ImportReport } from '@contract/roster';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import NotAllowed, { NotBound, TO_MINE } from '@/components/NotAllowed';
import PrivacySheet from '@/components/PrivacySheet';
import FileInput from '../components/FileInput';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { useAccess } from '@/hooks/useAccess';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { CloudError, call, toCloudError } from '@/services/cloud';
import { chooseSpreadsheetFromChat, openFileLink, uploadFile, uploadPath, type PickedFile } from '@/services/storage';
import { toastError } from '@/utils/feedback';
import { percent, runCommitLoop } from './commit-loop';
import '../admin.scss';
import './index.scss';

const jobKey = (orgId: string) => `roster-import-job:${orgId}`;

function rememberJob(orgId: string, jobId: string | null): void {
  try {
    if (jobId) Taro.setStorageSync(jobKey(orgId), jobId);
    else Taro.removeStorageSync(jobKey(orgId));
  } catch {
    // storage is a convenience only
  }
}

function rememberedJob(orgId: string): string {
  try {
    const v: unknown = Taro.getStorageSync(jobKey(orgId));
    return typeof v === 'string' ? v : '';
  } catch {
    return '';
  }
}

/** The totals and every bad row of a dry run. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const more = report.errorCount - report.errors.length;
  const totals = [
    { id: 'import-to-create', value: report.toCreate, label: '将新增', className: ' import-total-create' },
    { id: 'import-to-update', value: report.toUpdate, label: '将更新', className: ' import-total-update' },
    { id: 'import-unchanged', value: report.unchanged, label: '无变化', className: '' },
    {
      id: 'import-error-count',
      value: report.errorCount,
      label: '有问题的行',
      className: report.errorCount > 0 ? ' import-total-bad' : '',
    },
  ];
  return (
    <View className="import-report-body">
      <Text className="import-file">
        {report.fileName} · 共 <Text id="import-total">{report.total}</Text> 行
      </Text>
      {report.samples.length > 0 ? (
        <Text id="import-samples" className="form-note">
          第 {report.samples.join('、')} 行是模板的填写示例（姓名标有“{SAMPLE_MARK}”），已跳过，不会导入。
        </Text>
      ) : null}
      <View className="import-totals">
        {totals.map((t) => (
          <View key={t.id} className={`import-total${t.className}`}>
            <Text id={t.id} className="import-total-value">
              {t.value}
            </Text>
            <Text className="import-total-label">{t.label}</Text>
          </View>
        ))}
      </View>
      {report.errorCount > 0 ? (
        <View id="import-errors" className="import-errors">
          <Text className="import-errors-title">以下行有问题，不会导入；请在表格中修改后重新导入：</Text>
          <View className="import-error-head">
            <Text className="import-error-line">行号</Text>
            <Text className="import-error-student-no">学号</Text>
            <Text className="import-error-reason">原因</Text>
          </View>
          {report.errors.map((e) => (
            <View key={`${e.row}-${e.reason}`} id={`import-error-row-${e.row}`} className="import-error-row">
              <Text className="import-error-line">第 {e.row} 行</Text>
              <Text className="import-error-student-no">{e.studentNo || '—'}</Text>
              <Text className="import-error-reason">{e.reason}</Text>
            </View>
          ))}
          {more > 0 ? (
            <Text id="import-errors-more" className="import-errors-more">
              另有 {more} 行问题未列出（仅显示前 {report.errors.length} 行）
            </Text>
          ) : null}
        </View>
      ) : (
        <Text className="import-all-good">所有行均检查通过。</Text>
      )}
    </View>
  );
}

/** The rows an import left out, as the done card says them; empty when none. */
export function skippedText(p: Pick<ImportProgress, 'errorCount' | 'samples'>): string {
  const parts = [p.errorCount > 0 ? `${p.errorCount} 行有问题（见导入前的检查结果）` : '', p.samples > 0 ? `${p.samples} 行模板示例` : ''];
  const said = parts.filter(Boolean);
  return said.length > 0 ? `未导入 ${p.errorCount + p.samples} 行：${said.join('，')}。` : '';
}

export function ProgressBar({ progress }: { progress: ImportProgress }) {
  const pct = percent(progress);
  return (
    <View id="import-progress" className="import-progress">
      <View className="import-progress-track">
        <View className="import-progress-bar" style={{ width: `${pct}%` }} />
      </View>
      <Text id="import-progress-text" className="import-progress-text">
        {progress.processed} / {progress.total}
      </Text>
    </View>
  );
}

type Phase = 'pick' | 'working' | 'report' | 'committing' | 'done';

function ImportScreen({ orgId, orgName, initialJobId }: { orgId: string; orgName: string; initialJobId: string }) {
  const [phase, setPhase] = useState<Phase>(initialJobId ? 'committing' : 'pick');
  const [busyText, setBusyText] = useState('');
  const [fileName, setFileName] = useState('');
  const [pickError, setPickError] = useState<CloudError | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [jobId, setJobId] = useState(initialJobId);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  // The commit loop; its error is also where a failed status check of a reopened job shows.
  const { busy: running, error: loopError, setError: setLoopError, run } = useAction();
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // Reopened with a job: show where it stands.
  useEffect(() => {
    if (!initialJobId) return;
    call('roster', 'importStatus', { jobId: initialJobId })
      .then((p) => {
        if (!alive.current) return;
        setProgress(p);
        if (p.status === 'done') {
          setPhase('done');
          rememberJob(orgId, null);
        }
      })
      .catch((err: unknown) => {
        if (!alive.current) return;
        const e = toCloudError(err);
        if (e.code === 'NOT_FOUND') {
          rememberJob(orgId, null);
          setPhase('pick');
          setJobId('');
        } else {
          setLoopError(e);
        }
      });
  }, [initialJobId, orgId, setLoopError]);

  const handleFile = async (file: PickedFile) => {
    const ext = file.name.split('.').pop()?.toLowerCase();
    if (ext !== 'xlsx' && ext !== 'csv') {
      setPickError(new CloudError('INVALID_ARGUMENT', '请选择 .xlsx 或 .csv 格式的表格文件'));
      return;
    }
    setFileName(file.name);
    setPickError(null);
    setReport(null);
    setPhase('working');
    try {
      setBusyText('正在上传…');
      const fileID = await uploadFile(uploadPath(`roster-imports/${orgId}`, file.name), file);
      setBusyText('正在逐行检查…');
      const r = await call('roster', 'previewImport', { orgId, fileID, fileName: file.name });
      if (!alive.current) return;
      setReport(r);
      setJobId(r.jobId);
      setPhase('report');
    } catch (err) {
      if (!alive.current) return;
      setPickError(toCloudError(err));
      setPhase('pick');
    }
  };

  const pickWeapp = async () => {
    const f = await chooseSpreadsheetFromChat();
    if (f) await handleFile(f);
  };

  const commit = () => {
    if (!jobId || running) return;
    setPhase('committing');
    rememberJob(orgId, jobId);
    void run(async () => {
      const final = await runCommitLoop(
        jobId,
        (p) => alive.current && setProgress(p),
        () => !alive.current,
      );
      if (!alive.current) return;
      setProgress(final);
      setPhase('done');
      rememberJob(orgId, null);
    });
  };

  const downloadTemplate = async () => {
    try {
      const link = await call('roster', 'template', {});
      await openFileLink(link);
    } catch (err) {
      toastError(err);
    }
  };

  const restart = () => {
    setPhase('pick');
    setReport(null);
    setProgress(null);
    setJobId('');
    setFileName('');
    setLoopError(null);
  };

  return (
    <View>
      <View className="card import-intro">
        <Text className="card-title">导入到</Text>
        <Text id="import-org-name" className="import-org-name">
          {orgName}
        </Text>
        <Text className="form-note">
          表格第一行为表头：学号、姓名、学院、班级（必填），团小组、是否团员、职务（选填）。支持 .xlsx 和
          .csv。同一学号重复导入只会更新，不会重复新增；模板中姓名标有“{SAMPLE_MARK}”的示例行会自动跳过。
        </Text>
        <Text id="import-template" className="link import-template" onClick={() => void downloadTemplate()}>
          下载导入模板
        </Text>
      </View>

      {phase === 'pick' || phase === 'working' ? (
        <View className="card">
          {phase === 'working' ? (
            <View id="import-busy" className="import-busy">
              <View className="page-frame-spinner" />
              <Text className="import-busy-text">
                {fileName} · {busyText}
              </Text>
            </View>
          ) : (
            <View id="import-pick" className="import-pick" onClick={() => (IS_H5 ? undefined : void pickWeapp())}>
              <Text className="import-pick-title">{IS_H5 ? '选择表格文件' : '从微信聊天中选择表格'}</Text>
              <Text className="import-pick-hint">{IS_H5 ? '点击选择 .xlsx / .csv 文件' : '先把花名册表格发到任意聊天，再从这里选择'}</Text>
              {IS_H5 ? (
                <FileInput id="import-file-input" accept=".xlsx,.csv" classPrefix="import" onFiles={([f]) => void handleFile(f)} />
              ) : null}
            </View>
          )}
          {fileName && phase === 'pick' ? (
            <Text id="import-file-name" className="form-note">
              上次选择：{fileName}
            </Text>
          ) : null}
          {pickError ? (
            <Text id="import-pick-error" className="form-error">
              {pickError.message}
            </Text>
          ) : null}
        </View>
      ) : null}

      {phase === 'report' && report ? (
        <View id="import-report" className="card import-report">
          <Text className="card-title">检查结果（尚未导入）</Text>
          <ImportReportView report={report} />
          <View className="sheet-buttons">
            <Button id="import-repick" className="import-repick" type="default" onClick={restart}>
              重新选择
            </Button>
            <Button id="import-commit" className="import-commit" type="primary" disabled={report.valid === 0} onClick={commit}>
              {report.valid === 0 ? '没有可导入的行' : `确认导入 ${report.valid} 行`}
            </Button>
          </View>
        </View>
      ) : null}

      {phase === 'committing' ? (
        <View className="card import-committing">
          <Text className="card-title">{running ? '正在导入…' : '导入未完成'}</Text>
          {progress ? (
            <ProgressBar progress={progress} />
          ) : (
            <ProgressBar
              progress={{
                jobId,
                status: 'committing',
                total: report?.valid ?? 0,
                processed: 0,
                created: 0,
                updated: 0,
                unchanged: 0,
                errorCount: report?.errorCount ?? 0,
                samples: report?.samples.length ?? 0,
              }}
            />
          )}
          {running ? <Text className="form-note">请不要关闭页面；如果中断，可以随时回来继续导入，已导入的行不会重复。</Text> : null}
          {loopError ? (
            <Text id="import-loop-error" className="form-error">
              导入中断：{loopError.message}
            </Text>
          ) : null}
          {!running ? (
            <View className="form-actions">
              <Button id="import-resume" className="import-resume" block type="primary" onClick={commit}>
                继续导入
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}

      {phase === 'done' && progress ? (
        <View id="import-done" className="card import-done">
          <View className="import-done-badge">✓</View>
          <Text className="import-done-title">导入完成</Text>
          <Text id="import-done-summary" className="import-done-summary">
            新增 {progress.created} 人，更新 {progress.updated} 人，无变化 {progress.unchanged} 人
          </Text>
          {skippedText(progress) ? (
            <Text id="import-done-skipped" className="import-done-summary">
              {skippedText(progress)}
            </Text>
          ) : null}
          <View className="sheet-buttons">
            <Button id="import-again" type="default" onClick={restart}>
              再导入一份
            </Button>
            <Button id="import-view-members" type="primary" onClick={() => void Taro.redirectTo({ url: routes.members(orgId) })}>
              查看花名册
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

function ImportPage() {
  const orgId = useParam('orgId');
  const jobParam = useParam('jobId');
  const access = useAccess(orgId);
  const detail = access.detail;
  const initialJobId = jobParam || (orgId ? rememberedJob(orgId) : '');
  const body = () => {
    if (!detail) return null;
    if (!access.can('roster.previewImport')) {
      // Leaders read a contact point's roster; members ask their secretary.
      const onward = access.can('roster.listMembers') ? { text: '查看花名册', url: routes.members(orgId) } : TO_MINE;
      return (
        <NotAllowed
          title="导入花名册由书记办理"
          hint="花名册由团支部书记、团总支书记或校团委管理员从表格导入。你的信息有误时，请联系所在团支部书记更正。"
          onward={onward}
        />
      );
    }
    return (
      <ImportScreen
        orgId={orgId}
        orgName={[...detail.ancestors.slice(1), detail.org].map((o) => o.name).join(' / ')}
        initialJobId={initialJobId}
      />
    );
  };
  return (
    <View id="import-page" className="admin-page">
      {!orgId ? (
        <PageFrame error={new CloudError('INVALID_ARGUMENT', '缺少组织参数')} />
      ) : access.unbound ? (
        <NotBound hint="绑定后，书记和管理员可以在这里导入本组织的花名册。" />
      ) : (
        <PageFrame loading={access.loading} error={access.error} onRetry={() => void access.reload()}>
          {body()}
        </PageFrame>
      )}
    </View>
  );
}

export default function RosterImportPage() {
  return (
    <ErrorBoundary>
      <ImportPage />
      <PrivacySheet />
    </ErrorBoundary>
  );
}
