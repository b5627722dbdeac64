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
    # navigation
    "nav_group_chains": {"zh": "产业链", "en": "Chains"},
    "nav_group_profiles": {"zh": "画像", "en": "Profiles"},
    "nav_group_tools": {"zh": "工具", "en": "Tools"},
    "nav_chainmap": {"zh": "产业链图谱", "en": "Chain map"},
    "nav_parks": {"zh": "园区画像", "en": "Park profile"},
    "nav_firms": {"zh": "企业画像", "en": "Firm profile"},
    "nav_talent": {"zh": "人才", "en": "Talent"},
    "nav_projects": {"zh": "项目库", "en": "Projects"},
    "nav_data": {"zh": "数据更新", "en": "Data updates"},
    # access
    "users_file_error": {"zh": "用户配置文件有误：{msg}", "en": "Users file problem: {msg}"},
    "open_remote_refused": {
        "zh": "未配置用户时仪表盘只对本机开放。请配置 OCEANBRAIN_DASHBOARD_USERS"
        "（见 docs/dashboards.md）后再从其他电脑访问。",
        "en": "Without configured users the dashboard is open to this machine only. "
        "Configure OCEANBRAIN_DASHBOARD_USERS (docs/dashboards.md) for access from elsewhere.",
    },
    "open_mode": {
        "zh": "未配置用户：仅限本机访问，全部功能开放。",
        "en": "No users configured: open on localhost only, every feature enabled.",
    },
    "user_login": {"zh": "用户名", "en": "User name"},
    "user_password": {"zh": "密码", "en": "Password"},
    "sign_in": {"zh": "登录", "en": "Sign in"},
    "sign_in_oidc": {"zh": "使用单位账号登录", "en": "Sign in with your organisation"},
    "sign_in_failed": {"zh": "用户名或密码不正确。", "en": "Wrong user name or password."},
    "signed_in_as": {"zh": "当前用户：{name}（{role}）", "en": "Signed in: {name} ({role})"},
    "sign_out": {"zh": "退出登录", "en": "Sign out"},
    "role_required": {
        "zh": "此功能需要“{role}”及以上权限，您当前的权限是“{have}”。",
        "en": "This needs the {role} role or above; yours is {have}.",
    },
    # overview
    "freshness": {
        "zh": "数据更新于 {when}（批次 {id}，状态 {status}）",
        "en": "Data as of {when} (run {id}, status {status})",
    },
    "freshness_none": {
        "zh": "尚无导入记录：运行 `oceanbrain data load` 导入数据。",
        "en": "No ingest run yet: run `oceanbrain data load`.",
    },
    "completeness": {"zh": "产业链完整度", "en": "Chain completeness"},
    "segments_present": {"zh": "已有环节/全部环节", "en": "Segments present / all"},
    "completeness_help": {
        "zh": "完整度 = 本地有企业（非缺链）的环节占全部环节的比例。",
        "en": "Completeness = share of segments with local firms (not 缺链 missing).",
    },
    "goals": {"zh": "目标进展", "en": "Goal progress"},
    "goals_help": {
        "zh": "目标来自 data/qingdao/goals.yaml；“当前值”只统计图谱中已有的企业、项目等，"
        "算力等图谱外指标显示为未纳入。",
        "en": "Goals from data/qingdao/goals.yaml; current values count only what the graph "
        "holds (firms, projects …); metrics outside it are marked as such.",
    },
    "goals_error": {"zh": "目标文件无法读取：{msg}", "en": "Goals file could not be read: {msg}"},
    "districts": {"zh": "各区市分布", "en": "By district"},
    "districts_help": {
        "zh": "按所在区市统计（离线图表，不加载在线地图）。",
        "en": "Counted by district (an offline chart; no online map tiles).",
    },
    "no_districts": {"zh": "暂无区市信息。", "en": "No district information yet."},
    "last_run_counts": {"zh": "最近一次导入的数量", "en": "Counts of the latest run"},
    # chain map
    "chainmap_caption": {
        "zh": "按上游 → 中游 → 下游分层展示各环节，颜色表示本地实力；⚠ 表示断链风险。"
        "点击图中环节或在下方选择，查看企业、指标与证据。",
        "en": "Segments in layers upstream → midstream → downstream, coloured by local "
        "strength; ⚠ marks a break risk. Click a segment or pick it below for details.",
    },
    "chainmap_legend": {
        "zh": "红色＝缺链，橙色＝弱链，绿色＝强链；红色描边＝存在断链风险；连线＝上下游供给关系。",
        "en": "Red = missing, orange = weak, green = strong; red outline = break risk; "
        "lines = supply flow.",
    },
    "risk_count": {"zh": "断链风险环节 {n} 个", "en": "{n} segments at risk"},
    "verdict": {"zh": "判定", "en": "Verdict"},
    "segment": {"zh": "环节", "en": "Segment"},
    "stage": {"zh": "阶段", "en": "Stage"},
    "local_firms": {"zh": "本地企业", "en": "Local firms"},
    "pick_segment": {"zh": "选择环节", "en": "Pick a segment"},
    "reasons": {"zh": "判定依据", "en": "Why"},
    # projects
    "projects_caption": {
        "zh": "重点项目按状态（在谈、签约、在建、投产）、金额、园区与环节汇总。",
        "en": "Projects by status (negotiating, signed, building, operating), amount, park "
        "and segment.",
    },
    "unknown": {"zh": "未知", "en": "unknown"},
    "status": {"zh": "状态", "en": "Status"},
    "park": {"zh": "园区", "en": "Park"},
    "search": {"zh": "搜索（名称、投资方、环节）", "en": "Search (name, investor, segment)"},
    "project_count": {"zh": "项目数", "en": "Projects"},
    "amount_total_yi": {"zh": "投资额合计（亿元）", "en": "Total amount (100M CNY)"},
    "with_amount": {"zh": "有金额的项目", "en": "With an amount"},
    # console
    "console_timeout": {"zh": "超时 {s:g} 秒。", "en": "Timeout {s:g} s."},
    "as_table": {"zh": "表格", "en": "Table"},
    "as_graph": {"zh": "关系图", "en": "Graph"},
    "graph_counts": {"zh": "{n} 个节点 · {e} 条关系", "en": "{n} nodes · {e} relationships"},
    "relation": {"zh": "关系", "en": "Relationship"},
    "saved_queries": {"zh": "常用查询", "en": "Saved queries"},
    "saved_pick": {"zh": "选择查询", "en": "Pick a query"},
    "saved_cypher": {"zh": "查看 Cypher", "en": "Show the Cypher"},
    "free_cypher": {"zh": "自由查询", "en": "Free Cypher"},
    "saved_required": {
        "zh": "带 * 的参数必填；其余留空则用默认值。",
        "en": "Parameters marked * are required; leave the others empty for their defaults.",
    },
    # gaps and leads
    "thresholds": {
        "zh": "阈值：本地企业 ≤ {missing} 家为缺链；少于 {weak} 家，"
        "或无链主且区位熵 < {lq} 为弱链；供应集中度 HHI ≥ {hhi} 为断链风险。",
        "en": "Thresholds: ≤ {missing} local firms is missing; fewer than {weak}, or no leader "
        "and location quotient < {lq}, is weak; supplier HHI ≥ {hhi} is a break risk.",
    },
    "segment_leads": {"zh": "“{name}”招商线索", "en": "Leads for {name}"},
    "no_leads_segment": {
        "zh": "区外暂无该环节的企业可推荐。",
        "en": "No firm outside the scope is known in this segment.",
    },
    "filters": {"zh": "筛选", "en": "Filters"},
    "region": {"zh": "所在省份", "en": "Province"},
    "size": {"zh": "规模（按注册资本）", "en": "Size (registered capital)"},
    "only_high_tech": {"zh": "仅高新技术企业", "en": "High-tech only"},
    "leads_shown": {"zh": "显示 {n} 条（共 {total} 条）", "en": "{n} shown of {total}"},
    "no_leads_filtered": {"zh": "没有符合筛选条件的线索。", "en": "No lead matches the filters."},
    # profiles and talent
    "parks_caption": {
        "zh": "园区的基本情况、主导产业链的环节覆盖、入驻企业与机构、项目和来源。",
        "en": "A park's facts, coverage of its focus chains, member firms and institutions, "
        "projects and sources.",
    },
    "park_kind": {"zh": "类型", "en": "Kind"},
    "district": {"zh": "所在区市", "en": "District"},
    "area_km2": {"zh": "面积（平方公里）", "en": "Area (km²)"},
    "aliases": {"zh": "别名", "en": "Also known as"},
    "firms_in_park": {"zh": "入驻企业", "en": "Firms"},
    "institutions_in_park": {"zh": "科研机构", "en": "Institutions"},
    "projects_in_park": {"zh": "项目", "en": "Projects"},
    "park_coverage": {"zh": "产业链环节覆盖", "en": "Chain segment coverage"},
    "park_segments": {"zh": "各环节明细", "en": "Per segment"},
    "sources": {"zh": "来源", "en": "Sources"},
    "no_sources": {"zh": "暂无来源记录。", "en": "No sources recorded."},
    "firms_caption": {
        "zh": "企业的环节归属、上下游供应关系（关系图可缩放、点击企业可跳转）、项目、人才与来源。",
        "en": "A firm's segments, supply links (zoomable graph; click a firm to open it), "
        "projects, people and sources.",
    },
    "firm_search": {"zh": "查找企业（名称包含）", "en": "Find a firm (name contains)"},
    "firm_search_hint": {
        "zh": "留空：显示青岛链主与骨干企业",
        "en": "Empty: Qingdao's chain leaders and backbone firms",
    },
    "no_firm_match": {
        "zh": "没有名称包含“{text}”的企业。",
        "en": "No firm name contains “{text}”.",
    },
    "firm": {"zh": "企业", "en": "Firm"},
    "high_tech_tag": {"zh": "高新技术企业", "en": "High-tech"},
    "specialised_tag": {"zh": "专精特新", "en": "Specialised (专精特新)"},
    "founded": {"zh": "成立", "en": "Founded"},
    "capital": {"zh": "注册资本", "en": "Registered capital"},
    "neighbourhood": {"zh": "关系图谱", "en": "Neighbourhood"},
    "neighbourhood_help": {
        "zh": "{n} 个节点 · {e} 条关系（两跳以内）。滚轮缩放、拖动平移，点击企业查看其画像。",
        "en": "{n} nodes · {e} links (two hops). Scroll to zoom, drag to pan, click a firm "
        "to open it.",
    },
    "no_neighbours": {
        "zh": "图谱中暂无与该企业相连的节点。",
        "en": "Nothing linked to this firm yet.",
    },
    "firm_segments": {"zh": "所属环节", "en": "Segments"},
    "suppliers": {"zh": "供应商", "en": "Suppliers"},
    "customers": {"zh": "客户", "en": "Customers"},
    "firm_projects": {"zh": "投资项目", "en": "Projects"},
    "firm_people": {"zh": "人才", "en": "People"},
    "firm_products": {"zh": "模型与产品", "en": "Models and products"},
    "firm_partners": {"zh": "合作单位", "en": "Partners"},
    "talent_caption": {
        "zh": "各环节的人才与科研机构数量、补链所需人才（本地优先），以及各单位的人才数。",
        "en": "Talent and institutions per segment, people for a gap (local first), and "
        "people per organisation.",
    },
    "talent_by_segment": {
        "zh": "{scope} · {chain}：各环节人才与机构",
        "en": "{scope} · {chain}: talent by segment",
    },
    "talent_for_gap": {"zh": "补链人才", "en": "People for a gap"},
    "no_talent": {"zh": "暂无匹配的人才或机构。", "en": "No matching people or institutions."},
    "talent_by_org": {"zh": "各单位人才", "en": "People by organisation"},
    # data updates
    "data_caption": {
        "zh": "导入批次（时间、数量、被拒记录）、每周变化报告，以及待审核事项。",
        "en": "Ingest runs (when, counts, rejected rows), the weekly what-changed report, "
        "and the review queue.",
    },
    "runs": {"zh": "导入批次", "en": "Ingest runs"},
    "run_detail": {"zh": "查看批次", "en": "Run"},
    "run_counts": {"zh": "各类数量明细", "en": "Counts per label and relationship"},
    "rejects_found": {"zh": "本批次有 {n} 条被拒记录：", "en": "{n} rejected rows in this run:"},
    "download_rejects": {"zh": "下载被拒记录 CSV", "en": "Download rejected rows (CSV)"},
    "no_rejects_file": {
        "zh": "本批次没有被拒记录报告（{path}）。",
        "en": "No reject report for this run ({path}).",
    },
    "what_changed": {"zh": "变化报告", "en": "What changed"},
    "changes_since": {"zh": "自该批次以来的变化", "en": "Changes since run"},
    "no_changes": {"zh": "自 {run} 以来没有变化。", "en": "Nothing changed since {run}."},
    "review_queue": {"zh": "审核", "en": "Review queue"},
    "review_same_entity": {"zh": "疑似同一企业", "en": "Same entity?"},
    "review_segment_link": {"zh": "低置信度环节归属", "en": "Low-confidence segment links"},
    "review_candidate": {"zh": "文本识别候选", "en": "NLP candidates"},
    "review_kind": {"zh": "审核类别", "en": "Kind"},
    "review_empty": {"zh": "该类别没有待审核事项。", "en": "Nothing to review here."},
    "review_pick": {"zh": "选择事项", "en": "Pick an item"},
    "review_evidence": {"zh": "依据", "en": "Evidence"},
    "review_same": {"zh": "是同一家", "en": "Same entity"},
    "review_not_same": {"zh": "不是同一家", "en": "Not the same"},
    "review_accept": {"zh": "接受", "en": "Accept"},
    "review_reject": {"zh": "拒绝", "en": "Reject"},
    "review_done": {
        "zh": "已记录：{item} → {decision}（{by}，{at}）",
        "en": "Recorded: {item} → {decision} ({by}, {at})",
    },
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
    "status": {"zh": "状态", "en": "Status"},
    "project": {"zh": "项目", "en": "Project"},
    "amount_yi": {"zh": "金额（亿元）", "en": "Amount (100M CNY)"},
    "signed_date": {"zh": "签约/公布日期", "en": "Signed"},
    "park": {"zh": "园区", "en": "Park"},
    "segment_names": {"zh": "环节", "en": "Segments"},
    "investor_names": {"zh": "投资方", "en": "Investors"},
    "entity_name": {"zh": "名称", "en": "Name"},
    "goal_name": {"zh": "目标", "en": "Goal"},
    "goal_target": {"zh": "目标值", "en": "Target"},
    "deadline": {"zh": "期限", "en": "Deadline"},
    "current": {"zh": "图谱中当前值", "en": "Current (graph)"},
    "progress": {"zh": "进度", "en": "Progress"},
    "goal_status": {"zh": "统计状态", "en": "Status"},
    "basis_zh": {"zh": "统计口径", "en": "Basis (zh)"},
    "chain_zh": {"zh": "产业链", "en": "Chain"},
    "chain": {"zh": "产业链", "en": "Chain"},
    "focus_zh": {"zh": "定位", "en": "Focus"},
    "covered": {"zh": "已覆盖环节", "en": "Segments covered"},
    "segments": {"zh": "环节", "en": "Segments"},
    "coverage": {"zh": "覆盖率", "en": "Coverage"},
    "missing_zh": {"zh": "未覆盖环节", "en": "Segments not covered"},
    "firm_names": {"zh": "企业", "en": "Firms"},
    "title": {"zh": "标题", "en": "Title"},
    "url": {"zh": "链接", "en": "URL"},
    "retrieved": {"zh": "日期", "en": "Date"},
    "suppliers": {"zh": "供应商", "en": "Suppliers"},
    "customers": {"zh": "客户", "en": "Customers"},
    "confidence": {"zh": "置信度", "en": "Confidence"},
    "product": {"zh": "产品", "en": "Product"},
    "kind": {"zh": "类型", "en": "Kind"},
    "kind_zh": {"zh": "类别", "en": "Kind"},
    "title_or_kind": {"zh": "职称/类型", "en": "Title / kind"},
    "organisation": {"zh": "单位", "en": "Organisation"},
    "local_zh": {"zh": "本地/外地", "en": "Local?"},
    "evidence_zh": {"zh": "匹配依据", "en": "Why matched"},
    "people": {"zh": "人才数", "en": "People"},
    "examples": {"zh": "示例", "en": "Examples"},
    "run": {"zh": "批次", "en": "Run"},
    "label": {"zh": "类别", "en": "Label"},
    "started_at": {"zh": "开始时间", "en": "Started"},
    "finished_at": {"zh": "结束时间", "en": "Finished"},
    "run_status": {"zh": "状态", "en": "Status"},
    "created": {"zh": "新增", "en": "Created"},
    "updated": {"zh": "更新", "en": "Updated"},
    "unchanged": {"zh": "未变", "en": "Unchanged"},
    "expired": {"zh": "失效", "en": "Expired"},
    "rejected": {"zh": "被拒", "en": "Rejected"},
    "subject_name": {"zh": "对象", "en": "Subject"},
    "object_name": {"zh": "匹配/归属", "en": "Match / segment / type"},
    "evidence": {"zh": "依据", "en": "Evidence"},
}

RISK_NAMES = {
    "upstream_missing": {"zh": "上游缺失", "en": "Upstream missing locally"},
    "outside_only": {"zh": "供应全在区外", "en": "All suppliers outside"},
    "single_supplier": {"zh": "单一供应商", "en": "Single supplier"},
    "concentrated": {"zh": "供应高度集中", "en": "Concentrated supply"},
    "articulation": {"zh": "关键节点", "en": "Articulation point"},
}

REL_NAMES = {
    "IN_SEGMENT": {"zh": "所属环节", "en": "in segment"},
    "LOCATED_IN": {"zh": "位于", "en": "located in"},
    "IN_PARK": {"zh": "入驻园区", "en": "in park"},
    "SUPPLIES": {"zh": "供货", "en": "supplies"},
    "COOPERATES_WITH": {"zh": "合作", "en": "cooperates with"},
    "INVESTED_BY": {"zh": "投资", "en": "invested by"},
    "DEVELOPED_BY": {"zh": "研发", "en": "developed by"},
    "AFFILIATED_WITH": {"zh": "任职", "en": "affiliated with"},
    "EXPERT_IN": {"zh": "专长", "en": "expert in"},
    "SUBSIDIARY_OF": {"zh": "子公司", "en": "subsidiary of"},
    "FEEDS": {"zh": "上游供给", "en": "feeds"},
    "PART_OF": {"zh": "属于", "en": "part of"},
    "FOCUSES_ON": {"zh": "主导产业", "en": "focuses on"},
    "CLASSIFIED_AS": {"zh": "海洋产业分类", "en": "classified as"},
    "MAPS_TO": {"zh": "对应环节", "en": "maps to"},
    "MENTIONS": {"zh": "提及", "en": "mentions"},
}

STAGE_NAMES = {
    "upstream": {"zh": "上游", "en": "Upstream"},
    "midstream": {"zh": "中游", "en": "Midstream"},
    "downstream": {"zh": "下游", "en": "Downstream"},
}

VERDICT_NAMES = {
    "missing": {"zh": "缺链", "en": "Missing"},
    "weak": {"zh": "弱链", "en": "Weak"},
    "strong": {"zh": "强链", "en": "Strong"},
}
SIZE_NAMES = {
    "large": {"zh": "大型（≥1亿元）", "en": "Large (≥ 100M CNY)"},
    "medium": {"zh": "中型（1000万–1亿元）", "en": "Medium (10M–100M CNY)"},
    "small": {"zh": "小型（<1000万元）", "en": "Small (< 10M CNY)"},
    "unknown": {"zh": "未知", "en": "Unknown"},
}

VERDICT_COLOURS = {"missing": "#d62728", "weak": "#f2a541", "strong": "#2ca02c"}

ROLE_NAMES = {
    "viewer": {"zh": "查看", "en": "viewer"},
    "analyst": {"zh": "分析", "en": "analyst"},
    "editor": {"zh": "编辑", "en": "editor"},
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


def verdict_name(verdict: str) -> str:
    names = VERDICT_NAMES.get(verdict)
    return names[language()] if names else verdict


def role_name(role: str) -> str:
    names = ROLE_NAMES.get(role)
    return names[language()] if names else role


def size_name(bucket: str) -> str:
    names = SIZE_NAMES.get(bucket)
    return names[language()] if names else bucket


def rel_name(rel_type: str) -> str:
    names = REL_NAMES.get(rel_type)
    return names[language()] if names else rel_type
