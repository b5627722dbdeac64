"""User-facing dashboard text: Chinese first (zh-CN), English on request."""

from __future__ import annotations

import streamlit as st

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"

TEXT: dict[str, dict[str, str]] = {
    "app_title": {"zh": "海洋产业大脑", "en": "OceanBrain"},
    "language": {"zh": "语言 / Language", "en": "Language / 语言"},
    "nav_overview": {"zh": "总览", "en": "Overview"},
    "nav_console": {"zh": "Cypher 查询台", "en": "Cypher console"},
    "overview_caption": {
        "zh": "青岛海洋产业知识图谱：企业、园区、机构、人才与项目的当前数量。",
        "en": "Qingdao ocean-industry knowledge graph: what it holds right now.",
    },
    "engine": {"zh": "图数据库", "en": "Graph engine"},
    "schema_state": {"zh": "模式（约束与索引）", "en": "Schema (constraints and indexes)"},
    "schema_ok": {"zh": "完整", "en": "complete"},
    "schema_missing": {
        "zh": "缺少 {n} 项，请运行 `oceanbrain db init`",
        "en": "{n} missing; run `oceanbrain db init`",
    },
    "counts_by_label": {"zh": "各类节点数量", "en": "Nodes by label"},
    "label": {"zh": "类别", "en": "Label"},
    "count": {"zh": "数量", "en": "Count"},
    "relationships": {"zh": "关系总数", "en": "Relationships"},
    "empty_graph": {
        "zh": "图谱为空：运行 `make demo` 或 `oceanbrain data load` 导入 data/ 中的数据。",
        "en": "The graph is empty: run `make demo` or `oceanbrain data load` to load data/.",
    },
    "console_caption": {
        "zh": "只读查询：写操作会被数据库引擎拒绝。结果最多显示 {n} 行。",
        "en": "Read-only: the engine refuses writes. At most {n} rows are shown.",
    },
    "query": {"zh": "Cypher 查询", "en": "Cypher query"},
    "params": {"zh": "参数（每行一个 name=value）", "en": "Parameters (one name=value per line)"},
    "max_rows": {"zh": "最多行数", "en": "Row limit"},
    "run": {"zh": "运行", "en": "Run"},
    "rows_shown": {"zh": "共 {n} 行", "en": "{n} rows"},
    "truncated": {
        "zh": "结果超过 {n} 行，仅显示前 {n} 行。",
        "en": "More than {n} rows; showing the first {n}.",
    },
    "no_rows": {"zh": "查询没有返回结果。", "en": "The query returned no rows."},
    "refused": {
        "zh": "已拒绝：查询台只允许读取，数据库引擎拒绝了这条写操作。",
        "en": "Refused: the console is read-only and the engine refused this write.",
    },
    "query_error": {"zh": "查询出错：{msg}", "en": "Query error: {msg}"},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "connection_error": {
        "zh": "无法连接图数据库：{msg}",
        "en": "Cannot connect to the graph: {msg}",
    },
    "nav_gaps": {"zh": "缺链补链", "en": "Chain gaps"},
    "nav_targets": {"zh": "招商线索", "en": "Investment leads"},
    "scope": {"zh": "范围（全市 / 区市 / 园区）", "en": "Scope (city / district / park)"},
    "chain": {"zh": "产业链", "en": "Chain"},
    "gaps_caption": {
        "zh": "按环节判定缺链、弱链、强链；阈值见 docs/gap-analysis.md，可在设置中调整。",
        "en": "Each segment judged missing / weak / strong; thresholds in docs/gap-analysis.md.",
    },
    "verdict_counts": {
        "zh": "缺链 {m} 个 · 弱链 {w} 个 · 强链 {s} 个",
        "en": "{m} missing · {w} weak · {s} strong",
    },
    "risks": {"zh": "断链风险", "en": "Break risks"},
    "no_risks": {"zh": "未发现断链风险。", "en": "No break risks found."},
    "drill": {"zh": "查看环节证据", "en": "Evidence for a segment"},
    "evidence_firms": {"zh": "本地企业及来源", "en": "Local firms and sources"},
    "no_local_firms": {"zh": "本地暂无该环节企业。", "en": "No local firms in this segment."},
    "top_n": {"zh": "线索数量", "en": "Number of leads"},
    "targets_caption": {
        "zh": "为所选范围的缺链、弱链环节推荐区外企业；"
        "得分由匹配度、实力、本地关联、近期项目加权。",
        "en": "Firms outside the scope for its missing and weak segments, "
        "scored by fit, strength, ties and recency.",
    },
    "no_leads": {
        "zh": "该范围内此产业链没有缺链或弱链环节。",
        "en": "No missing or weak segments here.",
    },
    "download_xlsx": {"zh": "下载 Excel", "en": "Download Excel"},
}

COLUMN_NAMES: dict[str, dict[str, str]] = {
    "segment": {"zh": "环节编号", "en": "Segment id"},
    "name_zh": {"zh": "环节", "en": "Segment"},
    "stage": {"zh": "阶段", "en": "Stage"},
    "verdict_zh": {"zh": "判定", "en": "Verdict"},
    "firms": {"zh": "本地企业", "en": "Local firms"},
    "leaders": {"zh": "链主", "en": "Leaders"},
    "high_tech": {"zh": "高新企业", "en": "High-tech"},
    "institutions": {"zh": "科研机构", "en": "Institutions"},
    "talent": {"zh": "人才", "en": "Talent"},
    "projects": {"zh": "项目", "en": "Projects"},
    "national_firms": {"zh": "全国企业", "en": "Firms nationally"},
    "location_quotient": {"zh": "区位熵", "en": "Location quotient"},
    "risks": {"zh": "风险", "en": "Risks"},
    "reasons_zh": {"zh": "依据", "en": "Reasons"},
    "score": {"zh": "得分", "en": "Score"},
    "name": {"zh": "企业", "en": "Firm"},
    "location": {"zh": "所在地", "en": "Location"},
    "segment_name": {"zh": "环节", "en": "Segment"},
    "gap": {"zh": "缺口", "en": "Gap"},
    "fit": {"zh": "匹配度", "en": "Fit"},
    "strength": {"zh": "实力", "en": "Strength"},
    "ties": {"zh": "本地关联", "en": "Ties"},
    "recency": {"zh": "近期项目", "en": "Recency"},
    "reason_zh": {"zh": "推荐理由", "en": "Reason (zh)"},
    "district": {"zh": "区县", "en": "District"},
    "city": {"zh": "城市", "en": "City"},
    "role": {"zh": "角色", "en": "Role"},
    "source_urls": {"zh": "来源", "en": "Sources"},
}

RISK_NAMES = {
    "upstream_missing": {"zh": "上游缺失", "en": "Upstream missing locally"},
    "outside_only": {"zh": "供应全在区外", "en": "All suppliers outside"},
    "single_supplier": {"zh": "单一供应商", "en": "Single supplier"},
    "concentrated": {"zh": "供应高度集中", "en": "Concentrated supply"},
    "articulation": {"zh": "关键节点", "en": "Articulation point"},
}

STAGE_NAMES = {
    "upstream": {"zh": "上游", "en": "Upstream"},
    "midstream": {"zh": "中游", "en": "Midstream"},
    "downstream": {"zh": "下游", "en": "Downstream"},
}

LABEL_NAMES: dict[str, dict[str, str]] = {
    "Firm": {"zh": "企业", "en": "Firms"},
    "Park": {"zh": "园区", "en": "Parks"},
    "Institution": {"zh": "科研机构", "en": "Institutions"},
    "Person": {"zh": "人才", "en": "Talent"},
    "Project": {"zh": "项目", "en": "Projects"},
    "Product": {"zh": "模型与产品", "en": "Models and products"},
    "Chain": {"zh": "产业链", "en": "Chains"},
    "Segment": {"zh": "产业链环节", "en": "Chain segments"},
    "MarineCategory": {"zh": "海洋产业分类", "en": "Marine categories"},
    "Region": {"zh": "行政区", "en": "Regions"},
    "Document": {"zh": "文档", "en": "Documents"},
    "Source": {"zh": "数据来源", "en": "Sources"},
    "IngestRun": {"zh": "导入批次", "en": "Ingest runs"},
}


def language() -> str:
    return str(st.session_state.get("lang", DEFAULT_LANGUAGE))


def t(key: str, **values: object) -> str:
    """The text for ``key`` in the chosen language, with ``{placeholders}`` filled."""
    return TEXT[key][language()].format(**values)


def label_name(label: str) -> str:
    names = LABEL_NAMES.get(label)
    return names[language()] if names else label


def column_names(columns: list[str]) -> dict[str, str]:
    """Display names for table columns in the chosen language (unknown columns unchanged)."""
    return {c: COLUMN_NAMES[c][language()] for c in columns if c in COLUMN_NAMES}


def stage_name(stage: str) -> str:
    names = STAGE_NAMES.get(stage)
    return names[language()] if names else stage


def risk_name(kind: str) -> str:
    names = RISK_NAMES.get(kind)
    return names[language()] if names else kind
