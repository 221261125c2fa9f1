// The guideline compliance report: pure renderers (report data in, HTML or Markdown out) and the guideline model.
export { renderReportHtml, type HtmlReportOptions } from './html';
export { renderReportMarkdown } from './markdown';
export {
  GUIDELINE_SECTIONS, GUIDELINE_CLAUSES, GUIDELINE_PARTS, GUIDELINE_DOCUMENT_TITLE,
  clauseIdsForRule, clauseIdsForFinding, resolveGuidelineCitation, unresolvedCitations,
  type GuidelineSection, type GuidelineClause, type GuidelinePart, type ClauseCoverage,
} from './guideline-sections';
export { buildReportModel, type ReportModel, type ComplianceStatus } from './model';
export type { ReportInput, ReportFile, ReportFinding, ReportSuppression } from './types';
