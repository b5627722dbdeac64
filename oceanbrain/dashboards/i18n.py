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
