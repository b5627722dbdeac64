"""Rule-based entity candidates over raw text: gazetteer longest match, name endings, titles.

Everything works on the input string and returns character offsets into it; the spaCy
component (``pipeline.py``) turns the chosen candidates into ``doc.ents``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from oceanbrain.nlp.quantities import find_measures

if TYPE_CHECKING:
    from oceanbrain.nlp.edges import EdgeModel
    from oceanbrain.nlp.persons import PersonModel
    from oceanbrain.nlp.retype import TypeModel

CJK = r"\u4e00-\u9fff"


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    priority: int  # higher wins among equally long candidates
    linked_id: str | None = None
    value: float | None = None
    unit: str | None = None
    source: str = field(default="rule")


# -- boundaries -------------------------------------------------------------------------------
_PUNCT = r"\s,，。、;；:：!！?？“”\"《》<>（）()\[\]【】—─…·/|"
_STOP_WORDS = sorted(
    [
        "由",
        "在",
        "从",
        "意味着",
        "购买",
        "按照",
        "根据",
        "落实",
        "向",
        "对",
        "把",
        "被",
        "将",
        "为",
        "的",
        "了",
        "等",
        "已",
        "也",
        "并",
        "让",
        "给",
        "跟",
        "就",
        "还",
        "其",
        "该",
        "这",
        "那",
        "此",
        "日前",
        "正如",
        "紧邻",
        "毗邻",
        "莅临",
        "现有",
        "前往",
        "访问",
        "据介绍",
        "据统计",
        "包括",
        "其中",
        "拥有",
        "聚集",
        "集聚",
        "汇聚",
        "落户于",
        "率领",
        "带领",
        "率队",
        "率团",
        "落户在",
        "落户",
        "入驻",
        "位于",
        "设立",
        "组建",
        "重组",
        "签约",
        "签订",
        "签署",
        "出席",
        "主持",
        "担任",
        "了解",
        "参加",
        "筹建",
        "共建",
        "发布",
        "推出",
        "建造",
        "见证",
        "围绕",
        "完善",
        "来自",
        "成员",
        "分别",
        "正式",
        "标志着",
        "不乏",
        "涉及",
        "推进",
        "依托",
        "支持",
        "推动",
        "加快",
        "引进",
        "新引进",
        "吸引",
        "涵盖",
        "落地",
        "及其",
        "考察",
        "会见",
        "抓好",
        "打造",
        "举行",
        "成立",
        "作为",
        "成为",
        "面向",
        "选择",
        "批准",
        "宣布",
        "交付",
        "实现",
        "记者",
        "近日",
        "今年",
        "去年",
        "目前",
        "截至",
        "随着",
        "通过",
        "进入",
        "带动",
        "提升",
        "积极",
        "首个",
        "首批",
        "首家",
        "首座",
        "首艘",
        "全国首个",
        "率先",
        "一批",
        "以及",
        "或",
        "当选",
        "进军",
        "属于",
        "下设",
        "指导",
        "下",
        "旗下",
        "发起",
        "牵头",
        "负责",
        "承担",
        "开展",
        "听取",
        "实地",
        "详细",
        "参观",
        "调研",
        "走进",
        "主办",
        "承办",
        "协办",
        "举办",
        "依次",
        "布局",
        "沿",
        "自主",
        "中的",
        "之一",
        "领域",
        "方面",
        "以来",
        "上半年",
        "下半年",
        "已经有",
        "构建",
        "搭建",
        "着力",
        "规划建设",
        "既有",
        "一行",
        "而且",
        "并且",
        "但是",
        "任命",
        "续建",
        "开工",
        "投产",
        "建成",
        "竣工",
        "进驻",
        "开始",
        "到",
        "率队",
        "前来",
        "来到",
        "到访",
        "赴",
        "被誉为",
        "情况",
        "也有",
        "还有",
        "启用",
        "揭牌",
        "挂牌",
        "获批",
        "入选",
        "认定",
        "培育",
        "新增",
        "先后",
        "相继",
        "陆续",
        "召开",
        "位居",
        "成功",
        "承接",
        "承建",
        "研制",
        "获",
        "兼",
        "简称",
        "以下简称",
        "下称",
        "战略合作",
        "坐落于",
        "坐落在",
        # verbs and adverbs that start a clause, never part of a name
        "进一步",
        "引导",
        "承载",
        "重视",
        "竞得",
        "靠泊",
        "停靠",
        "解决",
        "制约",
        "距离",
        "缓解",
        "头部企业",
        "服务商",
        "建设成",
        "搬迁至",
        "迁至",
        "搬迁",
        "打造成",
    ],
    key=len,
    reverse=True,
)
_TITLES = sorted(
    [
        "党委书记",
        "党组书记",
        "党委委员",
        "党委常委",
        "副司长",
        "司长",
        "副处长",
        "处长",
        "副署长",
        "署长",
        "书记",
        "副校长",
        "校长",
        "副院长",
        "院长",
        "副所长",
        "所长",
        "副主任",
        "主任",
        "副局长",
        "局长",
        "副厅长",
        "厅长",
        "副董事长",
        "董事长",
        "副总经理",
        "总经理",
        "副总裁",
        "总裁",
        "副理事长",
        "理事长",
        "执行干事",
        "常委",
        "党组成员",
        "副秘书长",
        "秘书长",
        "副省长",
        "省长",
        "副市长",
        "市长",
        "副区长",
        "区长",
        "副县长",
        "县长",
        "副主席",
        "主席",
        "副部长",
        "部长助理",
        "创始人",
        "联合创始人",
        "负责人",
        "合伙人",
        "院长助理",
        "主任助理",
        "总经理助理",
        "校长助理",
        "部长",
        "教授",
        "研究员",
        "高级工程师",
        "首席科学家",
        "总工程师",
        "参赞",
        "公使",
        "外籍院士",
        "院士",
        "组长",
        "总监",
        "副总监",
        "经理",
        "副经理",
        "会长",
        "副会长",
        "首席执行官",
        "大使",
        "副站长",
        "站长",
        "市领导",
        "总会计师",
        "区领导",
        "省领导",
        "县领导",
        "副行长",
        "行长",
        "博士生导师",
        "(主持工作)",
        "一级巡视员",
        "二级巡视员",
        "副巡视员",
        "巡视员",
        "总审计师",
        "审计总监",
        "总领事",
        "副总领事",
        "执行团长",
        "副主任医师",
        "主任医师",
        "特使",
        "首席代表",
        "议长",
    ],
    key=len,
    reverse=True,
)
_CONJ = "与和及"
_BREAK_RE = re.compile(
    "["
    + _PUNCT
    + r"]|[与和及]|(?<!协)同(?!济|方)|"
    # 联合 breaks, except in a joint body's name: 联合研究中心, 联合实验室, 联合国…
    + r"联合(?!国教科文|国开发|国粮农|国儿童|国环境|研究中心|实验室|创新中心|工程研究中心|集装箱)|"
    + r"\d+年(?:底|初|末|度)?|\d+月|\d+日|"
    # 服务 is a break word, except inside a name (行政审批服务局, …服务有限公司)
    + r"服务(?!局|有限|公司|集团|业|平台|管理局)|"
    # …and 促进/应用, except in 投资促进局, 技术及应用国家工程实验室, 应用工程技术协同创新中心
    + r"促进(?!局|委员会|中心|会)|应用(?!工程|技术|示范|研究|国家|中心)|"
    # 集A、B、C于一体: the members are kinds of facility, not names
    + r"集(?![团聚成装散约中美])(?=[^。;；\n]{2,60}?于一体)|(?<!新)希望|"
    # 建设 is a break word, except in a firm's or a bureau's name (南港建设集团, 建设银行,
    # 住房和城乡建设局, 开发建设指挥部)
    + r"建设(?!集团|银行|有限|股份|公司|工程局|局|厅|委(?!员)|部|管理局|指挥部|投资|发展|开发)|"
    + r"研发(?!中心|大楼|总部)|"
    + r"[\d一二三四五六七八九十两]+[所个家项名位座艘批]|"
    + r"[\d一二三四五六七八九十两百千万]+(?:亩|平方米|平方公里|吨)?级|"
    + r"[\d一二三四五六七八九十两百千万]+(?:亩|平方米|平方公里)|"
    + r"[一二三四五六七八九十两]大(?=[\u4e00-\u9fff])|启动(?!区)|"
    # 开发 breaks, except in a name: 旅游开发有限公司, 开发建设指挥部
    + r"开发(?!区|银行|项目|有限|公司|集团|股份|建设|投资)|"
    + r"第[一二三四五六七八九十\d]+届(?=青岛|中国|山东|国家|全国)|暨|第?[一二三四1-4]季度|"
    + r"经(?=市政府|省政府|区政府|国务院|市委|省委|区委)|"
    # 西海岸新区工委区委常委: two bodies written together
    + r"(?<=工委)(?=[区市县]委)|(?<=是)继|"
    # 拟 (intends to) is a break word, except in 虚拟现实 and 模拟; 是 except in 求是;
    # 合作 except in 上海合作组织, 投资合作促进局, 经济合作区, 地方合作园
    + r"(?<![虚模])拟|(?<!求)是|合作(?!组织|促进局|区|园)|携手|"
    + "|".join(map(re.escape, _STOP_WORDS + [t for t in _TITLES if t != "院士"]))
)

# -- name endings → type ----------------------------------------------------------------------
_SUFFIXES: list[tuple[str, str]] = [
    # FIRM
    (r"(?:股份)?有限(?:责任)?公司", "FIRM"),
    (r"集团公司|控股公司|公司|报社|出版社|杂志社|电视台|银行|分行|支行|株式会社", "FIRM"),
    (r"计算中心|数港中心", "PROJECT"),
    (r"集团", "FIRM"),
    # 青岛造船厂, 东海制药厂: a works named by its trade is a firm
    (r"(?:造船|修船|船|制药|药|化工|钢|机械|电机|机车)厂", "FIRM"),
    # 中国船舶集团产业发展部, 北海造船企业管理部: a firm's unit (not its Party branch)
    (r"(?:集团|公司|造船|重工)(?:(?![党在与和的是将为])[" + CJK + r"]){2,6}部(?![长门])", "FIRM"),
    # INSTITUTE
    (
        r"大学(?!城|生|路|校园|毕业|时|期间|教育|学习|本科)|学院|分院|分所|分校|研究生院|研究院|科学院|工程院|设计院|医院|研究所|计算所|海洋所|黄海所|地质所",
        "INSTITUTE",
    ),
    (r"物理所|[一二三四五六七八九十]所(?!长|有|在|以)", "INSTITUTE"),
    # 中船重工710所, 中科院声学所: numbered or named institutes of a group or academy
    (r"(?<=[" + CJK + r"])(?<![等有近约共余和、第])\d{2,4}所(?![长有在以属])", "INSTITUTE"),
    (r"(?<=[" + CJK + r"])所(?=[,，、。;；)）和与及等]|$)", "INSTITUTE"),
    (
        r"实验室|试验场|校区|分中心|研究中心|工程中心|促进中心|质检中心|检测中心|数据中心",
        "INSTITUTE",
    ),
    (r"(?:超级计算|[" + CJK + r"])中心", "INSTITUTE"),
    (r"(?:科研|研究|预警|监测|深海|研发|创新发展)基地", "INSTITUTE"),
    # GOV
    (
        r"人民政府|政府|管委会|管委|管理委员会|委员会|委会|管理局|(?<![布格结大全当])(?<!董事)局(?!长|面|势|限|部)",
        "GOV",
    ),
    (
        r"市委|区委|县委|省委|工委|镇委|(?<![客餐大展门舞])厅(?!长)|办公室|发改委|政协|网信办|金融办|外办|侨办|台办",
        "GOV",
    ),
    (r"(?:委|政府|工委)[" + CJK + r"]{0,2}[^举主承协创开兴督查合\W]办(?!公|法|学|理|事)", "GOV"),
    # 发展改革委, 国资委, 卫健委: a commission named by its remit; 发展改革委规划司: its department
    (
        r"(?:发展改革|发展和改革|国资|卫健|卫生健康|经信|工信|住建|科|教|商务|农业农村)委(?![员会托])",
        "GOV",
    ),
    (r"(?<=[委部局署])[" + CJK + r"]{2,4}?司(?![长机法令])", "GOV"),
    # 海洋高新区管委经济发展部: a named department of a government body
    (
        r"(?:管委会?|管理委员会|人民政府|政府|管理局)[" + CJK + r"]{2,6}(?:部|处|科)(?![长门分署])",
        "GOV",
    ),
    (r"(?:委|政府)(?:研究室|办公厅|研究中心)", "GOV"),
    (r"国务院|全国人大|全国政协", "GOV"),
    # 沙子口街道办事处, 王哥庄镇党委, 青岛海关: township bodies and customs
    (r"街道办事处|街道办(?!理)|(?:镇|乡|街道)党委|海关总署|海关(?![总税监])", "GOV"),
    # 省现代海洋产业专班, 市招商领导小组: a task force of a government
    (r"(?<=[" + CJK + r"])(?:工作)?专班|领导小组", "GOV"),
    (r"(?<=[" + CJK + r"])部(?![长门分署队件位委落])", "GOV"),  # ministries; see _suffix_type
    (r"总部基地", "PROJECT"),
    # drugs named by their dosage form: …胶囊, …注射液
    (r"软?胶囊|注射液|口服液|颗粒剂|片剂", "PRODUCT"),
    # PARK
    (
        r"产业园|科技园|工业园|创新园|软件园|园区|基地|示范区|新区|核心区|试验区|开发区|高新区|"
        r"合作区|经济区|保税区|自贸区|综保区|合作园|示范园|产业城|启动区|功能区|聚集区|集聚区|产业区",
        "PARK",
    ),
    (r"港区|加速器|孵化器|小镇|科技港|科技城|院士港|人才港|信息港|科教园|渔港", "PARK"),
    # 大沽河省级生态旅游度假区, 即墨汽车产业新城
    (r"度假区|产业新城", "PARK"),
    # 蓝色药谷, 海洋硅谷: a valley named by its trade is a park
    (r"(?<=[" + CJK + r"])(?:药谷|硅谷|智谷|光谷)", "PARK"),
    # PROJECT
    (r"项目|工程(?!院|师|大学|中心|研究|技术|装备|建设|领域)|码头|总部|平台", "PROJECT"),
    (
        r"(?<=[库厂站场馆楼仓线])[一二三四五六七八九十]{1,3}期(?=[、,，。;；\s]|现场|开工|竣工|投产|$)",
        "PROJECT",
    ),
]
_SUFFIX_RES = [(re.compile(p), t) for p, t in _SUFFIXES]
_ENDS_WITH_SUFFIX = re.compile("(?:" + "|".join(p for p, _ in _SUFFIXES) + ")$")
# strong endings that override a gazetteer's type (annotation guidelines by ending)
_STRONG = [
    (re.compile(r"(?:有限公司|有限责任公司)$"), "FIRM"),
    # (not 港交所, 深交所: stock exchanges)
    (
        re.compile(r"(?:大学|学院|研究院|研究所|实验室)$|^[" + CJK + r"]{2}(?<!交)[院所]$"),
        "INSTITUTE",
    ),
    (re.compile(r"(?:计算中心|平台|项目)$"), "PROJECT"),
    # 蓝谷国际电竞产业园 in the project list is still a park by its ending
    (
        re.compile(
            r"(?:产业园|科技园|工业园|创新园|软件园|园区|示范区|新区|开发区|高新区|保税区|小镇)$"
        ),
        "PARK",
    ),
]
_GENERIC = re.compile(
    r"^(?:[\d一二三四五六七八九十两]+[个号]|多个|大型|高端|重点|重大|功能|新(?!加坡|疆|西兰|华|区|兴|希望|奥|松|东方|世纪)|该|这|其|一群|一些|多所|各大|各|相关|国家级|中国唯一|"
    r"中国首|全国|首个|首家|一批|多家|部分|国家重点实验室$|国家企业技术中心$|自动化|全自动化|年度|"
    r"国内|境内|本次|此次)"
)


def _words(text: str) -> list[str]:
    return text.split()


# domain words that, alone, make a description (港口大模型, 智慧绿色码头), not a name
_GENERIC_WORDS = frozenset(
    _words(
        """海洋 生物 医药 生物医药 人工智能 智能 智慧 绿色
        数字 数字化 数智化 信息 信息化 科技 技术 创新
    科学 研发 公共 服务 产业 产业化 工业 大数据 数据 算力 计算 高性能 自动化 全自动化 集装箱 干散货
    港口 船舶 海工 装备 制造 工程 新能源 能源 材料 新材料 孵化 孵化器 加速 成果 转化 示范 重点 重大
    综合 国际 现代 高端 先进 特色 专业 新型 大型 各类 各种 市级 省级 国家级 区级 科研 试验 实验 检测
    双创 众创 企业 运营 管理 模型 大模型 文化 旅游 文旅 物流 航运 金融 渔业 养殖 深远海 深海
    经济 基础设施 民生 景观 整治 类 和 与 及 新 大 高 一流 世界级 全球 全国 行业 领域 功能 配套 应用
    场景 融合 发展 协同 开放 共享 交流 合作 研究 智造 低碳 零碳 未来 元宇宙 软件 平台 中心 基地
    冷链 标杆 示范引领 高质量 载体 产业载体 龙头 样板 精品 政治 交往 国际交往 贸易 会展 商务
    消费 文化创意 健康 医疗 教育 人才 创业 服务业 海事 港航 重特大 产城 产城融合 保健品 药物 药品
    创新药物 制品 功能制品 食品 生产 销售 海上 渔场 养鱼 资源 风电 海上风电 化工 港产城
    世界 海水淡化 淡化 监测 观测 探测 电子 电子信息 调度 管控 运维 作业 水下
    实训 实习 培训 教学 中试
    储运 集散 交易 大宗 散杂货 交付 舾装 设计 主题 水产品 水产 支撑 国际化 远洋 多功能 科考 船队
    粮油 杂货 件杂货 设施 集群 能级 高能级 渔港 优质 结构 标准化 质量 仪器 总部 船 商贸
    冷藏 冷冻 装卸 仓储 上市 子 分拆 国有 民营 外资 合资 独资 控股"""
    )
)
_GENERIC_MAX = max(map(len, _GENERIC_WORDS))
_GENERIC_TYPES = {"PROJECT", "PARK", "PRODUCT"}
_GENERIC_INSTITUTE = {
    "学院",
    "学校",
    "本院",
    "该院",
    "我院",
    "公司",
    "企业",
    "国家",
    "国家重点",
    "重点",
    "联合",
    "功能",
    "省级",
    "市级",
    "省部共建",
}
_NATIONAL_BODY = re.compile(r"全国(?:人大|政协)")
_SHORT_GOV = {
    "国务院",
    "全国人大",
    "全国政协",
    "区委",
    "市委",
    "县委",
    "省委",
    "市政府",
    "区政府",
    "县政府",
    "省政府",
    "镇政府",
    "省政协",
    "市政协",
    "区政协",
    "县政协",
    "省人大",
    "市人大",
    "区人大",
    "县人大",
}
_COMMITTEE = re.compile(
    r"(?:第[一二三四五六七八九十\d]+届)?(?:学术|咨询|专家|主任|组织|编辑|指导|评审|顾问)委员会$"
)


_PORT_NAME = re.compile(r"^[" + CJK + r"]{2,4}港$")


def _starts_generic(text: str, pos: int) -> bool:
    """Whether a generic domain word starts at ``pos`` (海洋工程…, 海工基地)."""
    return any(text[pos : pos + n] in _GENERIC_WORDS for n in range(2, 5))


def is_generic(core: str) -> bool:
    """Whether ``core`` (a name without its ending) is made only of generic domain words."""
    if not core:
        return True
    ok = [True] + [False] * len(core)
    for i in range(len(core)):
        if not ok[i]:
            continue
        for j in range(i + 1, min(len(core), i + _GENERIC_MAX) + 1):
            if core[i:j] in _GENERIC_WORDS:
                ok[j] = True
    return ok[-1]


_PROPER_START = re.compile(
    r"青岛|中国|山东|国家|北京|上海|天津|全国|中科院|中船|联合国|[" + CJK + r"]{2}[省市区县]"
)
_TITLE_WORD = re.compile("|".join(map(re.escape, _TITLES)) + r"|长$|任$")
_MINISTRIES = set(
    [
        "科技部",
        "教育部",
        "财政部",
        "商务部",
        "工业和信息化部",
        "工信部",
        "自然资源部",
        "生态环境部",
        "交通运输部",
        "农业农村部",
        "外交部",
        "国防部",
        "公安部",
        "民政部",
        "司法部",
        "文化和旅游部",
        "国家卫生健康委",
        "应急管理部",
        "水利部",
        "人力资源和社会保障部",
    ]
)
_FIRM_BUREAUS = ("中铁", "中建", "中交", "中冶", "中水")
_PLACE_PREFIX = re.compile(r"(?:山东省?|广东省?|江苏省?)(?=青岛|烟台|济南|威海|日照|潍坊)")
# a country before a foreign firm's name stays outside it (德国[布拉克港扬米勒集团])
_COUNTRIES = (
    r"(?:德国|美国|英国|法国|日本|韩国|新加坡|挪威|荷兰|丹麦|芬兰|瑞典|意大利|西班牙|澳大利亚|"
    r"加拿大|俄罗斯|以色列|瑞士|比利时|奥地利|马来西亚|泰国|越南|印度尼西亚|印尼|新西兰)"
)
_LEADING_COUNTRY = re.compile(_COUNTRIES)
_COUNTRY_PREFIX = re.compile(_COUNTRIES + r"(?=[" + CJK + r"]{4})(?!国立|国家|大学|科学院|政府|驻)")
_PAREN_RE = re.compile(r"[(（]([" + CJK + r"]{1,4})[)）]")
_LATIN_RE = re.compile(r"(?<![A-Za-z0-9\-])[A-Za-z0-9][A-Za-z0-9\-]{2,15}(?![A-Za-z0-9\-])")
_LATIN_STOP = set(
    [
        "AIGC",
        "GDP",
        "CEO",
        "APP",
        "ICT",
        "IOT",
        "GPU",
        "CPU",
        "DCU",
        "LNG",
        "TEU",
        "EFLOPS",
        "PFLOPS",
        "TFLOPS",
        "CCTV",
        "ESG",
        "IPO",
        "VR",
        "AR",
        "XR",
        "5G",
        "4G",
        "3D",
        "AI",
        # generic kinds of vessel and standards or agencies, not product names
        "FPSO",
        "FLNG",
        "FSRU",
        "GMP",
        "GSP",
        "GLP",
        "CDE",
        "ISO",
    ]
)
# 企鹅FPSO: a short name before a vessel kind is the vessel's name
_NAMED_VESSEL = re.compile(r"(?<![" + CJK + r"])([" + CJK + r"]{1,3}[^型式\W\d])(?:FPSO|FLNG|FSRU)")
# “中外运海口”轮: a quoted name before 号 or 轮 (a ship), not 轮融资/轮次
_QUOTED_PRODUCT = re.compile(r"[“\"‘]([^“”\"‘’\n]{1,12})[”\"’](号|轮(?![融次回谈投]))?")
# “海洋石油122”, “蓝鲸1”: a quoted name ending in a serial number is a vessel or product
_QUOTED_SERIAL = re.compile(r"[“\"‘]([" + CJK + r"]{2,8}\d{1,4})[”\"’]")

# -- people -----------------------------------------------------------------------------------
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "封鞠郁胥班信晁印冀栗逄郇薄鄢蔺亓矫慕权燕綦邴帅晋仝谌钮邰战楚闻匡初衣修"
    # less common, but not ordinary words at a name's start: 傅道军, 慈玉君, 郜普斌, 闭毅华
    "傅洪萧赖阎习郜裘慈闭朴惠芮储屠荆庾鄂索阚苍扈茹浦寿幸衡满戈"
)
# words that follow a two-character name after a title: 校长姚郁分别…, 负责人牟林向记者…
_AFTER_NAME_WORDS = re.compile(
    r"分别|代表|向记者|向[\u4e00-\u9fff]{0,6}(?:介绍|汇报|表示|致以|致辞|展示)|陪同|莅临|致辞|讲话|宣读|宣布|签署|签订|签约|"
    r"视频|遇到|提到|提出|通过|以及|北京|先生|女士|所言|所说|"
    r"见证|强调|希望|感谢|回顾|率领|带领|会见|看望|调研|考察|视察|颁发|应邀|专程|详细|同志|进行|侃侃"
)
_FOLLOW = set(
    "出主在会发等一对说院和担任实介表致的为同与及率指参带也是就认称接讲先教研副书告共到分透"
    "、,，。;；:：!！?？(（“\n 兼团作"
)
_TITLE_RE = re.compile("|".join(map(re.escape, _TITLES)))
_TITLE_SET = frozenset(_TITLES)
_NAME_CHAR = re.compile(r"[" + CJK + r"]")
_CJK_CHAR = _NAME_CHAR


def mask_parentheses(text: str) -> str:
    """Same-length text where short bracketed parts such as (青岛) become neutral name chars."""
    return _PAREN_RE.sub(lambda m: "甲" * len(m.group(0)), text)


class Breaks:
    """The break matches of one text, found once (lookaheads see the whole text)."""

    def __init__(self, masked: str) -> None:
        self.spans = [(m.start(), m.end(), m.group(0)) for m in _BREAK_RE.finditer(masked)]
        self.starts = [b[0] for b in self.spans]
        self.ends = {b[1] for b in self.spans}

    def between(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        i = bisect.bisect_left(self.starts, lo)
        out = []
        # a zero-width break right at hi (工委|区委) counts too
        while i < len(self.spans) and (
            self.spans[i][0] < hi or self.spans[i][0] == self.spans[i][1] == hi
        ):
            if self.spans[i][1] <= hi:
                out.append(self.spans[i])
            i += 1
        return out


def _left_boundary(
    masked: str,
    suffix_start: int,
    breaks: Breaks | None = None,
    window: int = 28,
    known_ends: set[int] | frozenset[int] = frozenset(),
    known_inside: set[int] | frozenset[int] = frozenset(),
    known_starts: set[int] | frozenset[int] = frozenset(),
) -> int:
    lo = max(0, suffix_start - window)
    left = lo
    found = (
        breaks.between(lo, suffix_start)
        if breaks is not None
        else [
            (m.start(), m.end(), m.group(0)) for m in _BREAK_RE.finditer(masked, lo, suffix_start)
        ]
    )
    after_title = False
    for b_start, b_end, word in found:
        # a break word inside a known name (为 in 华为) is not a break
        if b_start in known_inside:
            continue
        if word in _CONJ:
            # 党委书记李兴伟与枣庄矿业…: the conjunction follows a titled person's name
            before = masked[left:b_start]
            # …党委书记李兴伟与…, 林立盛先生与…: a person's name before the conjunction
            if (
                after_title and 2 <= len(before) <= 3 and before[0] in _SURNAMES
            ) or before.endswith(("先生", "女士")):
                left = b_end
                after_title = False
                continue
            # 科学与技术 / 工业和信息化 / 海洋和沿海: a conjunction joins two halves of one name
            # unless the left half is itself a complete name (中国海洋大学与青岛大学)
            before = masked[left:b_start].rstrip("甲")
            if (
                b_start not in known_ends  # a known name ends before it: 山东港口和…
                and b_end not in known_starts  # …和<known name>
                and before
                and not _ENDS_WITH_SUFFIX.search(before)
                and not _PROPER_START.match(masked, b_end)
                # 北洋海工与东江大学: a firm's short name before a proper name is complete
                # (not 中国船舶及海洋工程设计研究院: fields joined inside one name)
                and not (_firm_short_name(before) and not _starts_generic(masked, b_end))
                and not _PORT_NAME.search(before)  # 东港港与…集团: a port operator
                # 青岛市与联东集团, 崂山区与歌尔股份有限公司: the place is a party of its own
                and not _TOWN.fullmatch(before)
            ):
                continue
        left = b_end
        after_title = word in _TITLE_SET
    return left


_GOV_UNIT = re.compile(
    r"(?:管委会?|管理委员会|人民政府|政府|管理局)[\u4e00-\u9fff]{2,6}部$"
    # a Party committee's departments: 市委组织部, 省委统战部, 区委宣传部
    r"|(?:[省市区县]委|党委|党工委|工委)(?:组织|宣传|统战|社会工作)部$"
)


def _suffix_type(name: str, default: str) -> str | None:
    if name.endswith("部") and not name.endswith("总部"):
        if default == "FIRM":  # a firm's unit: 中国船舶集团产业发展部
            return "FIRM"
        if "集团" in name or "公司" in name:
            return None
        if name in _MINISTRIES or name.startswith("国家") or _GOV_UNIT.search(name):
            return "GOV"
        return None
    if name.endswith("总部") and default == "GOV":
        return None
    if default == "GOV" and name.startswith(_FIRM_BUREAUS):
        return "FIRM"
    return default


_PHASE = re.compile(r"[(（]?[一二三四五六七八九十\d]{1,3}期")
# a phase that ends a name: 中船725所二期、… / …码头三期现场; not "一期已完成建设"
_PHASE_END = re.compile(
    r"[一二三四五六七八九十\d]{1,3}期(?:工程|项目)?"
    r"(?=[、,，。;；)）\s]|现场|开工|竣工|投产|建设|建成|正式|顺利|全面|$|和|及|与)"
)
_PROJECT_TAIL = re.compile(
    r"(?:[(（][^()（）\n]{0,8}?(?:期|地块|标段)[)）])+(?:[一二三四五六七八九十\d]{1,3}期)?(?:项目|工程)?"
)
_PROJECT_DESCRIPTION = re.compile(
    r"^(?:\d|又一|[省市区县]级?重|[大好新]项目)|\d+强|以上|"
    r"(?:重点|重大|重特大|龙头|标杆|引领|产业化)(?:项目|工程)$"
)
_VENUE_NAME = re.compile(r"(?:交流|会议|展示|展览|会展|体验|接待|活动)中心$|展厅$|展馆$")
_INTERNAL_OFFICE = re.compile(r"(?:学校|学院)?(?:党委|党总支|校长|院长|所长|行政)办公室$")
_SHORT_PARK = {"高新区", "新区", "开发区", "保税区", "自贸区", "综保区"}
_SHORT_OK = _SHORT_GOV | _SHORT_PARK
_SHORT_INSTITUTES = {"海洋所", "黄海所", "计算所", "地质所", "物理所"}
# zone names are names even when made of generic words (国际经济合作区, 海洋经济示范区)
# a park named by generic words is still a name (人工智能产业园); a base or incubator is not
_GENERIC_PARK_END = re.compile(r"(?:基地|加速器|孵化器|园区|小镇|功能区|集聚区|聚集区)$")
_ZONE_END = re.compile(
    r"(?:新区|合作区|经济区|示范区|试验区|开发区|高新区|功能区|启动区|保税区|港区|核心区|产业区)$"
)
_FULL_GOV_ENDS = {"人民政府", "政府", "管委会", "管理委员会", "委员会", "管理局", "办公室"}
# 高校院所, 科研院所, 高等院校: kinds of organisation; no proper name ends in 院所/院校
_GENERIC_SCHOOLS = re.compile(r"院所$|院校$")
_DRUG_VERB = re.compile(r"(?:研制|研发|开发|推出|上市|生产|获批)$")
_FACILITY = re.compile(r"(?:生产|制造|集成|加工)基地$")
_UNIT_PARENT = re.compile(r"大学|学院|研究院|研究所|实验室|科学院|有限公司|集团")
_VENUE_AFTER = re.compile(r"(?:隆重)?(?:举行|举办|召开|开幕|落幕)")
_INNER_ZONE = re.compile(r"[" + CJK + r"]{2,10}?(?:新区|核心区|高新区|开发区|保税区|港区)")
_TOWN = re.compile(r"[" + CJK + r"]{1,4}[省市区县镇]")
_WEAK_INSTITUTE_END = re.compile(r"(?<![研究工程促进质检检测数据分计算])中心$|试验场$")
_BARE_CENTRE = re.compile(r"(?<![研究工程促进质检检测数据分计算])中心$")
_LEADING_PLACE = re.compile(
    r"^(?:中国|山东省?|青岛市?|[" + CJK + r"]{2}[省市](?!场))(?:[" + CJK + r"]{1,3}[区县市](?!场))?"
)


def suffix_candidates(
    text: str, masked: str, known: dict[int, tuple[int, str]] | None = None
) -> list[Candidate]:
    """Names found by their ending; ``known`` maps gazetteer hit starts to (end, type)."""
    known = known or {}
    known_ends = {end for end, _ in known.values()}
    known_starts = set(known)
    # positions strictly inside a known name, where a break word does not count (为 in 华为)
    known_inside = {p for st, (end, _) in known.items() for p in range(st + 1, end)}
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    breaks = Breaks(masked)
    for rx, etype in _SUFFIX_RES:
        for m in rx.finditer(masked):
            s, e = m.start(), m.end()
            left = _left_boundary(
                masked,
                s,
                breaks,
                known_ends=known_ends,
                known_inside=known_inside,
                known_starts=known_starts,
            )
            if (left, e) in seen:
                continue
            core = masked[left:s]
            n_core = len(re.findall(r"[" + CJK + "A-Za-z0-9]", core))
            short_ok = text[left:e] in _SHORT_OK and (
                left == 0 or not _CJK_CHAR.match(text[left - 1]) or left in breaks.ends
            )
            # 药学院, 商学院: a one-character school name; 海洋所, 黄海所: a known short form
            school = (m.group(0) == "学院" and n_core == 1) or m.group(0) in _SHORT_INSTITUTES
            # 国资委, 市发改委, 工信局 in a list: a body's short name, maybe after 市/区/省/县
            short_gov = (
                etype == "GOV"
                and len(m.group(0)) >= 3
                and m.group(0) not in _FULL_GOV_ENDS
                and core in ("", "市", "区", "省", "县")
                and (left == 0 or not _CJK_CHAR.match(text[left - 1]) or left in breaks.ends)
            )
            if n_core < 2 and not short_ok and not school and not short_gov:
                continue
            # a committee of an organisation is not annotated; the organisation before it is
            if etype == "GOV" and _COMMITTEE.search(text[left:e]):
                continue
            # 党委办公室, 校长办公室: an internal office named only by its owner's post
            if etype == "GOV" and _INTERNAL_OFFICE.match(text, left, e):
                continue
            if text[left] == "原" and _PROPER_START.match(text, left + 1):
                left += 1
            pm = _PLACE_PREFIX.match(text, left, e)
            if pm:
                left = pm.end()
            # 德国[拜罗伊特大学]: a country stays outside a foreign firm's or university's name
            # (not a national academy's: 瑞典皇家科学院)
            foreign_university = etype == "INSTITUTE" and text.endswith("大学", left, e)
            pm = (
                _COUNTRY_PREFIX.match(text, left, e)
                if etype == "FIRM" or foreign_university
                else None
            )
            if pm:
                left = pm.end()
            name = text[left:e]
            etype2 = _suffix_type(name, etype)
            # 全国政协, 全国人大常委会: national bodies, not "全国…" descriptions
            generic = _GENERIC.match(name) and not _NATIONAL_BODY.match(name)
            if etype2 is None or name.startswith(("(", "（", "‘", "'")) or generic:
                continue
            if etype2 == "PROJECT" and len(re.findall("[" + CJK + "]", core)) < 3:
                continue
            # 世界500强项目, 1亿元以上产业项目, 省重大项目, 又一港口项目, 资源与平台: descriptions
            if etype2 == "PROJECT" and (
                _PROJECT_DESCRIPTION.search(text[left:e]) or core.rstrip("甲")[-1:] in _CONJ
            ):
                continue
            # 青岛港自动化码头: a port operator's terminal is the operator (FIRM) unless a phase
            # or works follows (…码头(三期), …码头二期)
            org = known.get(left)
            if (
                etype2 == "PROJECT"
                and m.group(0) == "码头"
                and org
                and org[1] == "FIRM"
                and not _PHASE.match(text, e)
            ):
                etype2 = "FIRM"
            # 交流中心, 会议中心: a venue; only an organisation inside it is annotated
            if _VENUE_NAME.search(name):
                continue
            if name.startswith("以") and not name.startswith("以色列"):
                left += 1
                name = text[left:e]
            # 据中国船舶…研究院介绍: 据 at a clause start is not part of the name
            if name.startswith("据") and (left == 0 or not _CJK_CHAR.match(text[left - 1])):
                left += 1
                name = text[left:e]
            # 青岛西海岸新区青岛科教园: a zone, then a park whose own name starts with a place
            if etype2 == "PARK":
                inner = _INNER_ZONE.match(name)
                # the second name starts with a place: 青岛…, 中科…, or the zone's own place
                if (
                    inner
                    and len(name) - inner.end() >= 4
                    and (
                        _PROPER_START.match(name, inner.end())
                        or name.startswith("中科", inner.end())
                        or name.startswith(name[:2], inner.end())
                    )
                ):
                    left += inner.end()
                    name = text[left:e]
            # a firm's facility (…有限公司生产基地, 最新生产基地) is not a park
            if etype2 == "PARK" and _FACILITY.search(name):
                continue
            # 经济新区: a zone word after generic words only is a description
            if (
                etype2 == "PARK"
                and _ZONE_END.search(name)
                and 0 < len(masked[left:s]) < 4
                and is_generic(masked[left:s])
            ):
                continue
            if etype2 == "INSTITUTE" and _GENERIC_SCHOOLS.search(name):
                continue  # 高校院所, 科研院所: a kind of organisation
            # 海藻多糖空心胶囊: a dosage form names a drug only as the object of 研制/上市 …
            if etype2 == "PRODUCT" and not _DRUG_VERB.search(text, max(0, left - 3), left):
                continue
            if etype2 == "GOV" and m.group(0) in ("办公室", "办") and is_generic(core):
                continue  # 新能源办公室: an unnamed office
            # …研究所知识产权运营与管理办公室: an office of an institute or a firm is its unit
            if etype2 == "GOV" and re.search(r"办公室$|[处科]$", name):
                parent = _UNIT_PARENT.search(name[:-2])
                if parent:
                    etype2 = "FIRM" if parent.group(0) in ("有限公司", "集团") else "INSTITUTE"
            # 等…项目 / 等…企业: a description of the list before it, not a name
            if left > 0 and text[left - 1] == "等":
                continue
            core = masked[left:s]
            if (
                etype2 in _GENERIC_TYPES
                and not (_ZONE_END.search(name) and len(core) >= 4)
                and (etype2 != "PARK" or _GENERIC_PARK_END.search(name))
            ):
                if etype2 == "PROJECT":  # 青岛海洋工程: a place and generic words
                    lp = _LEADING_PLACE.match(core) or _LEADING_COUNTRY.match(core)
                    if lp and lp.end() < len(core):
                        core = core[lp.end() :]
                    elif lp:  # 青岛市市北区平台: a place's platform, no name
                        continue
                # 山东港口航运金融中心工程: a known organisation's project is named
                org = known.get(left)
                if is_generic(core) and not (
                    org and org[1] in ("FIRM", "INSTITUTE") and org[0] - left >= 3
                ):
                    continue
            # 青岛高新区孵化器: the zone's incubator, not a named park
            if etype2 == "PARK" and m.group(0) in ("孵化器", "加速器") and core.endswith("区"):
                continue
            if etype2 == "INSTITUTE" and (
                core in _GENERIC_INSTITUTE or (_BARE_CENTRE.search(name) and is_generic(name[:-2]))
            ):
                continue
            # 国家重要的粮油储运中心: a bare 中心 after 的 is a description unless a place starts it
            if (
                etype2 == "INSTITUTE"
                and _BARE_CENTRE.search(name)
                and left > 0
                and text[left - 1] == "的"
                and not _PROPER_START.match(name)
                and left not in known
            ):
                continue
            # 能源储运中心, 科研仪器海上试验场: a weak ending after generic words only;
            # 即墨区中心, 市中心: a town centre
            weak = _WEAK_INSTITUTE_END.search(name) if etype2 == "INSTITUTE" else None
            if weak:
                rest = name[: weak.start()]
                place = _LEADING_PLACE.match(rest)
                if (
                    is_generic(rest)
                    or (place and place.end() == len(rest))
                    or _TOWN.fullmatch(rest)
                ):
                    continue
            # 跨国公司, 第三届跨国公司领导人峰会: a kind of company, not a company
            if etype2 == "FIRM" and name.endswith("跨国公司"):
                continue
            # 海水淡化公司, 世界级船公司, 市北区平台公司: an unnamed company described by its trade
            if etype2 == "FIRM" and m.group(0) == "公司":
                lp = _LEADING_PLACE.match(core)
                rest = core[lp.end() :] if lp else core
                if rest and is_generic(rest):
                    continue
            # 在青岛海天中心举行: a building named …中心 used as a venue
            if (
                _BARE_CENTRE.search(name)
                and left > 0
                and text[left - 1] == "在"
                and _VENUE_AFTER.match(text, e)
            ):
                continue
            # a trailing short parenthetical belongs to the name: 天津大学研究生院(青岛)
            pm2 = _PAREN_RE.match(text, e)
            if pm2 and not pm2.group(1).startswith("以下"):
                e = pm2.end()
            seen.add((left, e))
            out.append(Candidate(left, e, etype2, 1, source="suffix"))
    return out


# "A、B、C等(N家)…企业": the members of a list take the type its head noun names
_LIST_HEAD = re.compile(
    # (the words between 等 and the head noun describe the members: no verb or preposition,
    # not "使企业、项目、资金等要素向园区聚集")
    r"(?<![高中初同相平对])等(?:[\d一二三四五六七八九十百千两]+(?:余|多)?[家所个项座])?"
    r"[^,，。;；、\n向在到为从将是把被使让]{0,16}"
    r"(企业|公司|集团|高校|大学|院校|院所|科研机构|研究机构|科研院所|项目|工程(?!装备|技术|师|机械)|"
    r"园区|载体|药物|药品|巨头|媒体|律师事务所|厂商|船企|船东)"
)
_FIELD_HEAD = re.compile(r"(?:产业|领域|行业|方向|学科)(?:中|内)?的")
_LIST_TYPES = {
    "企业": "FIRM",
    "公司": "FIRM",
    "集团": "FIRM",
    "巨头": "FIRM",
    "媒体": "FIRM",
    "律师事务所": "FIRM",
    "厂商": "FIRM",
    "船企": "FIRM",
    "船东": "FIRM",
    "项目": "PROJECT",
    "工程": "PROJECT",
    "园区": "PARK",
    "载体": "PARK",
    "药物": "PRODUCT",
    "药品": "PRODUCT",
}
_LIST_OPENER = re.compile(
    r"(?:入驻|落户|进驻|包括|汇聚了?|集聚了?|聚集了?|引进了?|拥有|既有|也有|还有|涵盖|涉及|依托|如)"
)
_LIST_SEP = re.compile(r"、|以及|和|及")
_ITEM_OK = re.compile(r"^[" + CJK + r"A-Za-z0-9()（）·‘’\-]{2,24}$")
_CLAUSE = re.compile(r"[,，。;；:：!！?？\n“”《》]")


def list_candidates(text: str, masked: str) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _LIST_HEAD.finditer(text):
        end = m.start()
        head_type = _LIST_TYPES.get(m.group(1), "INSTITUTE")
        # "A、B等产业的相关企业": the members are fields, not organisations
        if _FIELD_HEAD.search(text, m.start(), m.start(1)):
            continue
        lo = max(0, end - 160)
        left = lo
        for c in _CLAUSE.finditer(text, lo, end):
            left = c.end()
        sep = _LIST_SEP.search(text, left, end)
        if sep is None:
            continue
        # the first item starts after the last break word before it (包括, 汇聚了, 既有 …)
        for b in _BREAK_RE.finditer(masked, left, sep.start()):
            if b.group(0) not in _CONJ and b.end() < sep.start():
                left = b.end()
        items: list[tuple[int, int]] = []
        parts = text[left:end].split("、")
        # walk back from the head: a list-opening verb (入驻, 包括, 既有 …) inside a part
        # starts the list there ("…等80余个项目集中入驻A、B、C等产业载体")
        first = 0
        pos = end
        for k in range(len(parts) - 1, 0, -1):
            pos -= len(parts[k])
            openers = list(_LIST_OPENER.finditer(text, pos, pos + len(parts[k])))
            if openers:
                opener = openers[-1]
                cut = opener.end() - pos
                parts[k] = parts[k][cut:]
                first = k
                left = pos + cut
                break
            pos -= 1
        parts = parts[first:]
        pos = left
        for k, part in enumerate(parts):
            s = pos
            pos += len(part) + 1
            sub = re.split(r"以及|和|及", part) if k == len(parts) - 1 else [part]
            if len(sub) == 2:  # the last item may be joined by 和/及/以及
                items += [(s, s + len(sub[0])), (s + len(part) - len(sub[1]), s + len(part))]
            else:
                items.append((s, s + len(part)))
        if len(items) < 2:
            continue
        for s, e in items:
            # 西班牙巴塞罗纳港: the country stays outside a foreign member's name
            country = _LEADING_COUNTRY.match(text, s, e)
            if country and e - country.end() >= 2:
                s = country.end()
            item = text[s:e]
            if not _ITEM_OK.match(item) or _BREAK_RE.search(masked, s, e) or is_generic(item):
                continue
            etype = "FIRM" if head_type == "PROJECT" and len(item) <= 3 else head_type
            if head_type == "PROJECT" and _firm_short_name(item):
                etype = "FIRM"  # 海湾化学、青岛特钢等…项目: firms named by their trade
            # the list's head noun decides a weak ending: 交易中心 in a list of 项目 is a project
            prio = 2 if item.endswith("中心") else 0
            out.append(Candidate(s, e, etype, prio, source="list"))
    return out


# a firm's short name ends in its trade: 海湾化学, 青岛特钢, 双星轮胎, 益凯新材料, 一达生物
_FIRM_TRADES = (
    "化学|化工|特钢|钢铁|轮胎|新材料|科技|股份|药业|制药|生物|电气|电子|重工|机械|造船|"
    "船舶|智能|集团|控股|物流|食品|电器|通信|软件|网络|环保|海工|装备|港务|航运|医疗|电力|"
    "水务|实业|置业|资本|动力"
)
_FIRM_TRADE_END = re.compile(f"(?:{_FIRM_TRADES})$")


def _firm_short_name(item: str) -> bool:
    m = _FIRM_TRADE_END.search(item)
    if not m:
        return False
    core = item[: m.start()]
    place = _LEADING_PLACE.match(core)
    core_wo_place = core[place.end() :] if place else core
    # 青岛特钢: a place and a trade names a firm too
    return len(core) >= 2 and (not core_wo_place or not is_generic(core_wo_place))


_FIRM_LEGAL_END = re.compile(r"(?:有限公司|有限责任公司|集团)$")


def _firm_like(item: str) -> bool:
    """A firm's short name by its trade, or a full name with its legal ending."""
    return _firm_short_name(item) or bool(_FIRM_LEGAL_END.search(item) and len(item) >= 4)


_ITEM_SPLIT = re.compile(r"、")
_LAST_JOIN = re.compile(r"以及|和|及")


_PRODUCT_LIST_TAIL = re.compile(r"等[^,，。;；]{0,8}(?:产品|设备|装备|配套|材料|部件|零部件)")
_LEGAL_INSIDE = re.compile(r"有限责任公司|有限公司|集团(?!公司|有限|股份)|股份公司")


def firm_list_candidates(
    text: str, masked: str, known_firms: frozenset[tuple[int, int]] = frozenset()
) -> list[Candidate]:
    """A list of short names most of which end in a trade word is a list of firms.

    "考察了A、B科技和C生物的中试车间", "已落地A化学、B特钢、C轮胎等…": every member is a FIRM
    when at least half of them (and at least two) look like firm short names or are firms the
    gazetteer knows (``known_firms``: their spans).
    """
    out: list[Candidate] = []
    pos = 0
    for clause in re.split(r"([,，。;；:：!！?？\n“”《》()（）])", text):
        start = pos
        pos += len(clause)
        if clause.count("、") < 1 or len(clause) < 5:
            continue
        parts = clause.split("、")
        items: list[tuple[int, int]] = []
        off = start
        for k, part in enumerate(parts):
            s, e = off, off + len(part)
            off = e + 1
            if k == 0:  # the first item starts after the last break word before it
                for b in _BREAK_RE.finditer(masked, s, e):
                    if b.end() < e:
                        s = b.end()
                if text.startswith("以", s) and e - s > 3:
                    s += 1
            if k == len(parts) - 1:  # the last: "B和C的…", "C等…"
                j = _LAST_JOIN.search(text, s, e)
                tail_s = s
                if j and j.start() - s >= 2:
                    items.append((s, j.start()))
                    tail_s = j.end()
                stop = _BREAK_RE.search(masked, tail_s + 2, e)
                e = stop.start() if stop else e
                s = tail_s
                # "…和C控股集团共同出资": the name ends with its legal form
                legal = list(_LEGAL_INSIDE.finditer(text, s, e))
                if legal and legal[-1].end() < e:
                    e = legal[-1].end()
            items.append((s, e))
        names = [text[s:e] for s, e in items]
        if len(items) < 2 or any(
            not 2 <= len(n) <= (16 if _firm_like(n) else 10)
            or not _ITEM_OK.match(n)
            or _BREAK_RE.search(masked, s, e)
            for n, (s, e) in zip(names, items, strict=True)
        ):
            continue
        trade = sum(
            _firm_like(n) or span in known_firms for n, span in zip(names, items, strict=True)
        )
        if trade < 2 or trade * 2 < len(names):
            continue
        # "船用主机、辅机、甲板机械等配套产品": a list of products, not of firms
        if _PRODUCT_LIST_TAIL.match(text, items[-1][1]):
            continue
        for (s, e), n in zip(items, names, strict=True):
            # a place or station listed among firms (青岛市即墨区, 胶州火车站) is none
            if not is_generic(n) and not _PLACE_END.search(n) and not n.endswith("车站"):
                out.append(Candidate(s, e, "FIRM", 0, source="firm-list"))
    return out


# a name that ends as a place does (青岛市即墨区, 袁家村) is no firm
_PLACE_END = re.compile(r"[省市区县镇村乡]$")


# "由X控股": the holder is a firm; "与X化学签约": a trade-named firm signs
_HOLDER = re.compile(r"由([" + CJK + r"]{2,10}?)(?:控股|全资控股|绝对控股)")
_FIRM_PARTY = re.compile(r"与([" + CJK + r"]{2,10}?)(?:签约|签署|签订|合作|共建)")
# "青岛高新区与阿斯利康签署…": a party with no telling ending that signs is mostly a firm
_SIGNING_PARTY = re.compile(
    r"(?<=[" + CJK + r"])(?:分别)?与([" + CJK + r"A-Za-z]{2,8}?)(?:正式)?(?:签约|签署|签订)"
)
_NOT_A_PARTY_END = re.compile(r"(?:[市区省县镇村州国方]|我们|他们|企业|单位|部门|机构|团队)$")
# "北洋海工与…合作": a trade-named firm at a clause start before 与
_FIRM_BEFORE_YU = re.compile(
    r"(?:^|(?<=[,，。;；:：\n]))([" + CJK + r"]{2,8}?)(?:与|(?:正式|已|将)?(?:落户|入驻|进驻))"
)

# "…,天海防务总经理X": a short name at a clause start right before a firm executive's title
_CHIEF_TITLE = (
    r"(?:党委书记、)?(?:副?董事长|副?总经理|副?总裁|执行总裁|首席执行官|执行董事|董事局主席|"
    r"(?:联合)?创始人|CEO)"
)
_FIRM_BEFORE_CHIEF = re.compile(
    r"(?:^|(?<=[,，。;；:：、\n了与]))([" + CJK + r"A-Za-z]{2,8}?)(?=" + _CHIEF_TITLE + ")"
)
_CHIEF_TITLE_RE = re.compile(_CHIEF_TITLE)
_NOT_FIRM = {
    "公司",
    "集团",
    "企业",
    "集团公司",
    "股份公司",
    "本公司",
    "母公司",
    "子公司",
    "分公司",
    "总公司",
    "新公司",
    "合资公司",
    "项目",
    "双方",
    "中方",
    "外方",
    "甲方",
    "乙方",
    "三方",
    "各方",
    "对方",
}


def _person_name_at_end(name: str) -> bool:
    """姜培生(董事长), 华通集团孙国梁(副总经理): a person's name, not a firm, before the title.

    Three characters starting with a surname that do not end like a firm's short name, or a
    name ending (集团, 公司 …) followed by two or three characters starting with a surname.
    """
    if len(name) == 3 and name[0] in _SURNAMES and not _firm_short_name(name):
        return True
    return any(
        len(name) > k + 1 and name[-k] in _SURNAMES and bool(_ENDS_WITH_SUFFIX.search(name[:-k]))
        for k in (2, 3)
    )


def context_candidates(text: str, masked: str) -> list[Candidate]:
    out = []
    for m in _FIRM_BEFORE_CHIEF.finditer(text):
        name = m.group(1)
        title = _CHIEF_TITLE_RE.match(text, m.end(1))
        # 周大福董事长郑家纯: a name after the title is the holder, so the word before is the firm
        nxt = text[title.end() : title.end() + 1] if title else ""
        named_after = nxt in _SURNAMES and nxt not in _JOINING_CHARS
        if (
            name in _NOT_FIRM
            or name.endswith(("常务", "执行", "首席", "高级", "资深", "部", "董事"))
            or (not named_after and _person_name_at_end(name))
            or _BREAK_RE.search(masked, m.start(1), m.end(1))
            or is_generic(name)
            or _GENERIC.match(name)
            or _TITLE_WORD.search(name)
        ):
            continue
        out.append(Candidate(m.start(1), m.end(1), "FIRM", 0, source="context"))
    for m in _SIGNING_PARTY.finditer(text):
        s, e = m.start(1), m.end(1)
        name = m.group(1)
        if (
            _BREAK_RE.search(masked, s, e)
            or is_generic(name)
            or _GENERIC.match(name)
            or _NOT_A_PARTY_END.search(name)
            or name.startswith(("我", "其", "该", "对", "相关", "多家"))
            or (len(name) <= 3 and name[0] in _SURNAMES and not _firm_short_name(name))
        ):
            continue
        out.append(Candidate(s, e, "FIRM", 0, source="context"))
    for rx in (_HOLDER, _FIRM_PARTY, _FIRM_BEFORE_YU):
        for m in rx.finditer(text):
            s, e = m.start(1), m.end(1)
            name = m.group(1)
            if _BREAK_RE.search(masked, s, e) or is_generic(name):
                continue
            if rx is not _HOLDER and not _firm_short_name(name):
                continue
            out.append(Candidate(s, e, "FIRM", 0, source="context"))
    return out


_BRACKETED_AFTER_NAME = re.compile(
    r"(?:组织|协会|学会|联盟|委员会|证书|认证|认可|公司|集团|局|署|部)[(（]$"
)
_ROUTE_AFTER = re.compile(r"[" + CJK + r"]{0,4}航线")


def latin_candidates(text: str) -> list[Candidate]:
    out = []
    for m in _LATIN_RE.finditer(text):
        tok = m.group(0)
        if tok.upper() in _LATIN_STOP or tok.isdigit() or not re.search("[A-Za-z]", tok):
            continue
        has_digit = bool(re.search(r"\d", tok))
        if re.match(r"^\d", tok) and not re.search(r"[A-Za-z]{2}", tok):
            continue
        uppers = sum(c.isupper() for c in tok)
        if m.start() > 0 and text[m.start() - 1] == "抗":  # 抗HPV: a drug's target
            continue
        # 国际海事组织(IMO), 资质认定证书(CMA): the abbreviation of the name before it
        if text[m.end() : m.end() + 1] in (")", "）") and _BRACKETED_AFTER_NAME.search(
            text, max(0, m.start() - 4), m.start()
        ):
            continue
        if _ROUTE_AFTER.match(text, m.end()):  # EMPI美东航线: a shipping route
            continue
        if has_digit or "-" in tok or uppers >= 3:
            out.append(Candidate(m.start(), m.end(), "PRODUCT", 1, source="latin"))
    for m in _NAMED_VESSEL.finditer(text):
        name = m.group(1)
        if (
            not _ENDS_WITH_SUFFIX.search(name)
            and not _BREAK_RE.search(name)
            and not is_generic(name)
        ):
            out.append(Candidate(m.start(1), m.end(), "PRODUCT", 1, source="vessel"))
    return out


_QUOTED_BEFORE_PRODUCT = re.compile(
    r"[“\"]([^“”\"\n]{1,10})[”\"](?=[" + CJK + r"A-Za-z0-9]{0,8}?"
    r"(?:系统|平台|大模型|模型|装备|机器人|卫星|浮标|软件|潜水器|钻探船|科考船|滑翔机|无人艇|"
    r"无人船|养殖工船|工船|网箱|传感器))"
)
_VESSEL_NOUN = re.compile(r"[" + CJK + r"]{0,4}?(?:船|舰|艇|潜水器|潜器)")
_VESSEL_BEFORE = re.compile(r"(?:潜器|潜水器|船|舰|艇|平台|渔场|卫星|浮标|装备)$")
_QUOTED_NAME = re.compile(r"[“\"]([^“”\"\n]{4,30})[”\"]")


def quoted_candidates(text: str) -> list[Candidate]:
    out = []
    for m in _QUOTED_NAME.finditer(text):
        inner = m.group(1)
        if not _ENDS_WITH_SUFFIX.search(inner) or _CLAUSE.search(inner):
            continue
        for rx, etype in _SUFFIX_RES:
            tail = rx.search(inner)
            if tail and tail.end() == len(inner):
                etype2 = _suffix_type(inner, etype)
                if etype2 and etype2 != "PROJECT" and not is_generic(inner[: tail.start()]):
                    out.append(Candidate(m.start(1), m.end(1), etype2, 2, source="quoted-name"))
                break
    # “海葵”海洋立体观测系统, “瀚海星云”大模型: a quoted name before a product noun
    for m in _QUOTED_BEFORE_PRODUCT.finditer(text):
        inner = m.group(1)
        if (
            re.search("[" + CJK + "A-Za-z]", inner)
            and not re.search(r"[+＋、,，]", inner)
            # “国字号”科研平台 is a description; “海龙号”科考船 names a vessel
            and (not inner.endswith("号") or _VESSEL_NOUN.match(text, m.end()))
        ):
            out.append(Candidate(m.start(1), m.end(1), "PRODUCT", 2, source="quote-product"))
    for m in _QUOTED_PRODUCT.finditer(text):
        inner = m.group(1)
        # 载人深潜器“蛟龙号”: a quoted X号 right after a vessel or device noun
        vessel = inner.endswith("号") and _VESSEL_BEFORE.search(
            text, max(0, m.start() - 4), m.start()
        )
        if (
            m.group(2)
            or vessel
            or (inner.endswith("号") and re.search(r"\d|[一二三四五六七八九十]号$", inner))
        ):
            out.append(Candidate(m.start(1), m.end(1), "PRODUCT", 2, source="quote"))
    for m in _QUOTED_SERIAL.finditer(text):
        out.append(Candidate(m.start(1), m.end(1), "PRODUCT", 2, source="quote-serial"))
    return [c for c in out if text[c.start : c.end] not in _SLOGANS]


# policy slogans written in quotes (“一带一路”电力设备产业园) are no products
_SLOGANS = frozenset(
    _words(
        """一带一路 十三五 十四五 十五五 双碳 碳达峰 碳中和 放管服 双招双引 专精特新 新基建
        互联网+ 人工智能+ 智能+ 四新 新质生产力"""
    )
)


# words after a title that start with a surname character but are not names (理事长单位)
_NOT_NAMES = frozenset(
    _words(
        """单位 工作 团队 项目 专家 代表 成员 一行 常务
        会议 管理 任务 高度 高级 高校 应用 研究 方面 学者
    部门 同志 全体 金融 林业 齐全 杨树 江海 周年 于是 于此 曾经 曾任 任期 任职 兼任 为主 马上 通过
    万元 何时 向外 白皮 房地 华为 程序 曲线 鲁棒 关于 对于 由于 表示 介绍 指出
    初步 初次 修订 修改 权威 战略 闻名 权益 燕窝 楚楚 晋升 冀望 班子 应邀"""
    )
)


_HUI_WORD = re.compile(r"[见上议同谈长后前中商晤]")
_VERB_AFTER_NAME = re.compile(r"介绍|表示|带领|率领|指出|强调|说[,，:：]")


_NAME_DOTS = "·﹒•・"
_JOINING_CHARS = _CONJ + "同"


def _person_at(text: str, i: int) -> int:
    """End of a person name starting at i (after a title), or -1."""
    j = i
    while j < len(text) and _NAME_CHAR.match(text[j]) and j - i < 6:
        j += 1
    run = text[i:j]
    if i < j < len(text) and text[j] in _NAME_DOTS:  # transliterated: 艾琳·谭, 汉斯﹒尤尔根﹒克鲁泽
        end = j
        while end < len(text) and text[end] in _NAME_DOTS:
            k = end + 1
            while (
                k < len(text)
                and _NAME_CHAR.match(text[k])
                and text[k] not in _FOLLOW
                and k - end < 5
                and not _AFTER_NAME_WORDS.match(text, k)
            ):
                k += 1
            if k == end + 1:
                break
            end = k
        return end if end > j else -1
    if len(run) < 2 or run[:2] in _NOT_NAMES:
        return -1
    # 董事长和王飞跃院长: 和 joins two titled people here; it is no surname
    if run[0] in _JOINING_CHARS and run[1] in _SURNAMES:
        return -1
    if run[0] in _SURNAMES:
        # 刘春会侃侃而谈: 会 ends a name only as 会见/会上/会议 …
        third_ok = len(run) >= 3 and (
            run[2] not in _FOLLOW
            or (run[2] == "会" and not _HUI_WORD.match(text, i + 3))
            # 孙大为带领团队, 鲁明发介绍: a verb right after shows the third character is the name's
            # 周兆和介绍: likewise 和 (not 董事长和王飞跃, where a name follows it)
            or (run[2] in "为发和" and bool(_VERB_AFTER_NAME.match(text, i + 3)))
        )
        end = i + 3 if third_ok else i + 2
        if end == i + 3 and _AFTER_NAME_WORDS.match(text, i + 2):
            end = i + 2
    elif (
        3 <= len(run) <= 4
        and run[0] not in _FOLLOW
        # 院长期…, 局长远…: a title's 长 glued to the next word is no title
        and not (i > 0 and text[i - 1] == "长" and run[0] in "期远足久效江城")
        and (j >= len(text) or text[j] in "、,，。;；等")
    ):
        end = j
        # 绍桑表示。: a verb of speaking after a name without a common surname is not the name's
        said = _VERB_AFTER_NAME.search(text, i + 2, end)
        if said is not None and said.end() == end:
            end = said.start()
    else:
        return -1
    return -1 if _TITLE_WORD.search(text[i:end]) else end


_LEADER = r"副?(?:院长|所长|局长|厅长|校长|处长|站长|部长|主任|书记|董事长|总经理)"
_AFTER_NAME = re.compile(r"院士|教授|研究员|" + _LEADER)
_LEADER_AFTER = re.compile(_LEADER)
_BODY_END_CHARS = frozenset("校委会部局办院所处厅组站司室")
_UNIT_BEFORE_TITLE = re.compile(r"党委|党组|党总支|党支部|党工委|工委|管委|常务|执行|分管|行政")
_LATIN_NAME = re.compile(r"[(（]([A-Z][\w'’\-]+(?: [A-Z][\w'’\-.]+){1,3})[)）]")


_SPEAKER = re.compile(
    r"(?:^|(?<=[。!！?？;；\n\s]))([" + CJK + r"]{2,3})"
    r"(?=在(?:致辞|讲话|发言|会上|会议上)|(?:表示|指出|强调|介绍说?|说|认为|告诉记者)[,，:：。])"
)
_HONORIFIC = re.compile(r"(?:^|(?<=[" + _PUNCT + r"与和及]))([" + CJK + r"]{2,3}?)(?=先生|女士)")
_PHOTO_CREDIT = re.compile(
    r"[(（](?:新华社)?(?:记者|通讯员)?\s*([" + CJK + r"]{2,3})\s*[/／]?\s*摄[)）]"
)
_NAME_LIST = re.compile(
    r"(?:(?<![" + CJK + r"、])|(?<=提名|聘任|任命|选举|推选|增补|邀请|嘉宾|包括))"
    r"((?:[" + CJK + r"]{2,3}、){2,}[" + CJK + r"]{2,3})(?=[,，。;；为等和及\n])"
)
_COUNTED_PEOPLE = re.compile(
    r"((?:[" + CJK + r"]{2,3}、)+[" + CJK + r"]{2,3}?(?:(?:和|及)[" + CJK + r"]{2,3}?)?)"
    r"(?:等)?(?:\d+|[两三四五六七八九十]+)位(?:院士|专家|教授)"
)


# "中建三局领导张琨、陈珍敏…", "山东港口领导蔡中堂": 领导 before a surname works as a title
# (but 领导和嘉宾, 领导陪同下, 领导小组 name nobody)
_LEADER_WORD = re.compile(r"(?<=[" + CJK + r"])领导(?=[" + CJK + r"]{2})")


def _title_ends(text: str) -> list[int]:
    ends = [m.end() for m in _TITLE_RE.finditer(text)]
    ends += [
        m.end()
        for m in _LEADER_WORD.finditer(text)
        if text[m.end()] in _SURNAMES
        and text[m.end()] not in _JOINING_CHARS
        and text[m.end() : m.end() + 2] not in _NOT_NAMES
    ]
    return sorted(set(ends))


def person_candidates(text: str, blocked: list[tuple[int, int]]) -> list[Candidate]:
    out: list[Candidate] = []

    def free(s: int, e: int) -> bool:
        return not any(bs < e and s < be for bs, be in blocked)

    known = set(blocked)
    for title_end in _title_ends(text):
        # "副局长 刘学辉同志": a name set apart from its title by a space
        at = title_end
        while at < len(text) and text[at] in " \u3000\xa0" and at - title_end < 2:
            at += 1
        e = _person_at(text, at)
        if e > 0 and free(at, e):
            out.append(Candidate(at, e, "PERSON", 2, source="title"))
        # list continuation: 院士潘德炉、侯保荣 (also after a known name: 院士<known>、李松)
        if e > 0 and (free(at, e) or (at, e) in known):
            while e < len(text) and text[e] == "、":
                e2 = _person_at(text, e + 1)
                if e2 < 0 or e2 - e - 1 > 4:
                    break
                nxt = text[e2] if e2 < len(text) else "。"
                # the last name of the list may run on into the verb: 、付先军参加
                if nxt not in "、,，。;；等" and text[e + 1] not in _SURNAMES:
                    break
                if not free(e + 1, e2):
                    break
                out.append(Candidate(e + 1, e2, "PERSON", 2, source="title-list"))
                e = e2
    # "。张国宝在致辞中说": a name opening a clause before a verb of speaking
    for m in _SPEAKER.finditer(text):
        s0, e0 = m.start(1), m.end(1)
        if (
            m.group(1)[0] in _SURNAMES
            and m.group(1)[:2] not in _NOT_NAMES
            and not _TITLE_WORD.search(m.group(1))
            and free(s0, e0)
        ):
            out.append(Candidate(s0, e0, "PERSON", 2, source="speaker"))
    # "林立盛先生", "李宁女士": a name before an honorific; "(马晋雄摄)": a photographer's credit
    for rx in (_HONORIFIC, _PHOTO_CREDIT):
        for m in rx.finditer(text):
            s0, e0 = m.start(1), m.end(1)
            if m.group(1)[0] in _SURNAMES and m.group(1)[:2] not in _NOT_NAMES and free(s0, e0):
                out.append(Candidate(s0, e0, "PERSON", 2, source="honorific"))
    # "提名孙汉本、孙继龙、刘皓锋、齐友峰为…": three or more names in a row, each a surname
    # and one or two more characters, make a list of people whatever comes before it
    for m in _NAME_LIST.finditer(text):
        items = m.group(1).split("、")
        if all(
            it[0] in _SURNAMES
            and it[:2] not in _NOT_NAMES
            and not _TITLE_WORD.search(it)
            and not _BREAK_RE.search(it)
            for it in items
        ):
            pos = m.start(1)
            for it in items:
                if free(pos, pos + len(it)):
                    out.append(Candidate(pos, pos + len(it), "PERSON", 2, source="name-list"))
                pos += len(it) + 1
    # "徐冠华、谢和平…和刘科9位院士": a counted list of academicians
    for m in _COUNTED_PEOPLE.finditer(text):
        names = m.group(1).split("、")
        last = re.fullmatch(r"(.{2,3})(?:和|及)(.{2,3})", names[-1])
        if last and len(names[-1]) > 3:
            names[-1:] = [last.group(1), last.group(2)]
        pos = m.start(1)
        # "邀请吴涛、钱明华等5位院士": the first item may start with the verb's last character
        if len(names[0]) == 3 and names[0][0] not in _SURNAMES and names[0][1] in _SURNAMES:
            names[0], pos = names[0][1:], pos + 1
        if len(names) >= 2 and all(2 <= len(n) <= 3 and n[0] in _SURNAMES for n in names):
            for n in names:
                if free(pos, pos + len(n)):
                    out.append(Candidate(pos, pos + len(n), "PERSON", 2, source="counted-list"))
                pos += len(n) + 1
    # a transliterated name followed by its original: 约尔格·卡普兰(Jörg Kaplan)
    for c in list(out):
        latin = _LATIN_NAME.match(text, c.end)
        if latin and free(latin.start(1), latin.end(1)):
            out.append(Candidate(latin.start(1), latin.end(1), "PERSON", 2, source="latin-name"))
    # name before 院士: 桂建芳院士, 中村修二院士
    org_ends = {be for _, be in blocked}
    for m in _AFTER_NAME.finditer(text):
        s = m.start()
        lo = s
        while lo > 0 and _NAME_CHAR.match(text[lo - 1]) and s - lo < 5:
            lo -= 1
        for bs, be in blocked:
            if bs < s and be > lo:
                lo = max(lo, be)
        for stop in _BREAK_RE.finditer(text, lo, s):
            lo = stop.end()
        ok = 2 <= s - lo <= 4 and (text[lo] in _SURNAMES or (s - lo == 4 and m.group(0) == "院士"))
        # 潘克厚教授为…: a staff title needs a surname, a short name and a clause start before it;
        # 李健副所长对王敬东副厅长…: a leader's title after the name, at a clause start or a break
        if ok and m.group(0) != "院士":
            ok = s - lo <= 3 and (
                lo == 0
                or not _NAME_CHAR.match(text[lo - 1])
                or (text[lo - 1] in "对与和向同由请" and bool(_LEADER_AFTER.fullmatch(m.group(0))))
                # 南开大学科技处李伟处长, 海洋研究所杨红生副所长: right after the body's name
                or (
                    lo in org_ends
                    and bool(_LEADER_AFTER.fullmatch(m.group(0)))
                    and text[s - 1] not in _BODY_END_CHARS  # 市委党校校长, 管委纪委书记
                )
            )
            # 党委副书记, 管委常务副主任: a body's own unit before a title is no name
            ok = ok and not _UNIT_BEFORE_TITLE.match(text, lo)
        if ok and free(lo, s) and not _TITLE_WORD.search(text[lo:s]):
            out.append(Candidate(lo, s, "PERSON", 2, source="before-title"))
    return out


class GazetteerMatcher:
    """Leftmost-longest exact matching of known names over raw text (first-two-chars index)."""

    def __init__(self, lookup: dict[str, tuple[str, str | None]], min_len: int = 2) -> None:
        self.lookup = lookup
        # first two characters → the lengths of the forms starting with them, longest first
        lengths: dict[str, set[int]] = {}
        for form in lookup:
            if len(form) >= max(min_len, 2):
                lengths.setdefault(form[:2], set()).add(len(form))
        self.index = {k: sorted(v, reverse=True) for k, v in lengths.items()}

    def __len__(self) -> int:
        return len(self.lookup)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Leftmost-longest hits; a form that stands inside a word is no hit, so the characters
        it would have covered stay open (问海 in 访问海信 must not hide 海信)."""
        index = self.index
        i, n = 0, len(text)
        lookup = self.lookup
        while i < n:
            sizes = index.get(text[i : i + 2])
            hit = None
            if sizes:
                for size in sizes:
                    f = text[i : i + size]
                    if (
                        f in lookup
                        and len(f) == size
                        and _latin_ok(text, i, i + size)
                        and not _inside_word(text, i, i + size)
                    ):
                        hit = f
                        break
            if hit is None:
                i += 1
                continue
            yield i, i + len(hit), hit
            i += len(hit)


def _inside_word(text: str, s: int, e: int) -> bool:
    """A two-character form between two Chinese characters that are not break words is
    taken as part of a longer word: 海大 inside 深远海大型."""
    if e - s > 2 or s == 0:
        return False
    prev, nxt = text[s - 1], text[e : e + 1]
    return bool(
        re.match("[" + CJK + "]", prev)
        and not _BREAK_RE.match(prev)
        and re.match("[" + CJK + "]", nxt)
        and not _BREAK_RE.match(nxt)
    )


def _latin_ok(text: str, s: int, e: int) -> bool:
    """Latin names must not match inside longer Latin tokens."""
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    if text[s].isascii() and text[s].isalnum() and before.isascii() and before.isalnum():
        return False
    return not (
        text[e - 1].isascii() and text[e - 1].isalnum() and after.isascii() and after.isalnum()
    )


# International organisations, the Party centre and the national academies' short forms: names
# any text may use, whatever the gazetteer holds (the academies' full names end in 院 anyway).
# Not 东盟 or 上海合作组织: the first is mostly a region (东盟航线), the second mostly part of
# a zone's name (中国—上海合作组织地方经贸合作示范区).
_KNOWN_BODIES: dict[str, tuple[str, str | None]] = {
    **dict.fromkeys(
        (
            "联合国",
            "联合国教科文组织",
            "联合国开发计划署",
            "联合国环境规划署",
            "国际海事组织",
            "国际海底管理局",
            "政府间海洋学委员会",
            "世界银行",
            "欧盟",
            "欧洲联盟",
            "上合组织",
            "世界贸易组织",
            "世贸组织",
            "党中央",
            "中共中央",
            "国务院",
            "全国人大",
            "全国政协",
            # the ministries by name (a name ending in 部 is otherwise a guess: 总部, 内部),
            # with the country when it is written (中国商务部, 中华人民共和国交通运输部)
            *(f"{country}{m}" for m in _MINISTRIES for country in ("", "中国", "中华人民共和国")),
        ),
        ("GOV", None),
    ),
    **dict.fromkeys(
        ("中科院", "中国水科院", "中国农科院", "中国社科院", "中国医科院"), ("INSTITUTE", None)
    ),
    # stock exchanges are companies (the annotators type them FIRM)
    **dict.fromkeys(
        (
            "上海证券交易所",
            "上交所",
            "深圳证券交易所",
            "深交所",
            "北京证券交易所",
            "北交所",
            "香港联合交易所",
            "香港交易所",
            "港交所",
            "纽约证券交易所",
            "纽交所",
        ),
        ("FIRM", None),
    ),
}
_BODY_MATCHER = GazetteerMatcher(_KNOWN_BODIES)


# 联合国内 (within the country), 中科院声学所 (one of its institutes, named in full)
_NOT_THE_BODY = re.compile(r"内|[\u4e00-\u9fff]{1,5}所")


def known_body_candidates(text: str) -> list[Candidate]:
    return [
        c for c in gazetteer_candidates(text, _BODY_MATCHER) if not _NOT_THE_BODY.match(text, c.end)
    ]


def gazetteer_candidates(text: str, matcher: GazetteerMatcher | None) -> list[Candidate]:
    if matcher is None:
        return []
    out = []
    for start, end, form in matcher.finditer(text):
        etype, linked = matcher.lookup[form]
        if etype == "PERSON" and _longer_name_or_word(text, start, end):
            continue
        if _UNANNOTATED_BODY.search(form):  # alliances and associations are graph nodes only
            continue
        for rx, strong in _STRONG:
            if rx.search(form):
                etype = strong
                break
        # 青岛森麒麟, 青岛北海造船: the city written before a firm's short name is part of it
        if etype == "FIRM" and _CITY_BEFORE.search(text, max(0, start - 3), start):
            start -= 2
        # 奇瑞汽车, 三菱重工: a known short name followed by its trade is one firm's name
        trade = _TRADE_AFTER.match(text, end) if etype == "FIRM" and end - start <= 4 else None
        if trade is not None:
            end, linked = trade.end(), None
        out.append(Candidate(start, end, etype, 3, linked_id=linked, source="gazetteer"))
    return out


# (not 科技城, 化工与新材料科学研究院: the trade word begins a longer name there)
_TRADE_AFTER = re.compile(
    r"(?:汽车|电器|电机|家电|重工|电气|电子|化工|轮胎|药业|制药|生物|科技|股份|物流|机械)"
    r"(?![城园谷港与和及])"
)
_CITY_BEFORE = re.compile(
    r"(?:^|(?<![" + CJK + r"]))青岛$|(?<=[,，。;；:：、\n“在是与和及的])青岛$"
)
# the annotation guidelines leave alliances, associations and societies out
_UNANNOTATED_BODY = re.compile(r"(?:联盟|协会|商会|学会|联合会|研究会|促进会|基金会)$")


def _longer_name_or_word(text: str, start: int, end: int) -> bool:
    """A known two-character name that runs on into another character is someone else's
    longer name or a word (张凯 in 张凯旋, 王勇 in 王勇敢), unless a title or verb follows."""
    if end - start != 2 or end >= len(text) or not _CJK_CHAR.match(text[end]):
        return False
    return (
        text[end] not in _FOLLOW
        and not _TITLE_RE.match(text, end)
        and not bool(_AFTER_NAME_WORDS.match(text, end))
    )


def _covered(c: Candidate, others: list[Candidate]) -> bool:
    return any(o.start <= c.start and c.end <= o.end for o in others)


def resolve(cands: list[Candidate]) -> list[Candidate]:
    """Greedy non-overlapping choice: longest first, then priority, then leftmost."""
    chosen: list[Candidate] = []
    occupied = bytearray()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if len(occupied) < c.end:
            occupied.extend(b"\0" * (c.end - len(occupied)))
        if any(occupied[c.start : c.end]):
            continue
        occupied[c.start : c.end] = b"\1" * (c.end - c.start)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


_ALIAS_RE = re.compile(r"[(（](?:以下)?(?:简称|下称)[“\"‘]?([^”\"’)）]{1,12})[”\"’]?[)）]")


# the part of a unit's name after its parent: 中国科学院|海洋研究所, …研究生院|海洋工程研究院
_INNER_PARENT = re.compile(r".*(?:大学|科学院|研究生院|集团|公司)(?=[" + CJK + r"]{3})")
_ABBR_OWNER_END = re.compile(r"(?:研究院|研究所|设计院|学院|实验室)$")
_ABBR_NOT = set("本该我全此其各院所")


def abbreviations(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Undeclared short forms of an institute named earlier in the text.

    海工院 after 海洋工程研究院(青岛), 海药院 after 青岛海洋生物医药研究院, 海洋所 after
    中国科学院海洋研究所: three or four characters that start with the first character of the
    name (after its place and parent), end with its last character and keep the name's order.
    """
    out: list[Candidate] = []
    taken = [(c.start, c.end) for c in chosen]
    for c in chosen:
        if c.type != "INSTITUTE":
            continue
        full = _PAREN_TAIL.sub("", text[c.start : c.end])
        if not _ABBR_OWNER_END.search(full) or len(full) < 6:
            continue
        parent = _INNER_PARENT.match(full)
        sub = full[parent.end() :] if parent else full
        place = _LEADING_PLACE.match(sub)
        if place and len(sub) - place.end() >= 4:
            sub = sub[place.end() :]
        last = sub[-1]
        k = text.find(last, c.end)
        while k >= 0:
            here, k = k, text.find(last, k + 1)
            for n in (3, 4):
                s0 = here - n + 1
                w = text[s0 : here + 1]
                if s0 < c.end or w[0] != sub[0] or w[0] in _ABBR_NOT or w in sub:
                    continue
                if not all(_CJK_CHAR.match(ch) for ch in w) or not _subsequence(w, sub):
                    continue
                # after a break (与, 在 …) or outside a run of Chinese text
                if (
                    s0 > 0
                    and _CJK_CHAR.match(text[s0 - 1])
                    and not _BREAK_RE.match(text, s0 - 1)
                    and (s0 < 2 or not _BREAK_RE.match(text, s0 - 2))
                ):
                    continue
                if text[here + 1 : here + 2] in ("长", "属", "有"):  # 海工院长, 海洋所属
                    continue
                if any(a < here + 1 and s0 < b for a, b in taken):
                    continue
                taken.append((s0, here + 1))
                out.append(Candidate(s0, here + 1, c.type, 4, None, source="abbreviation"))
                break
    return out


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


_PAREN_TAIL = re.compile(r"[(（][^()（）]{1,6}[)）]$")


# a firm's legal form, its placed branch and 控股/国际, which its short name drops
_FIRM_FORM_TAIL = re.compile(
    r"(?:[(（][" + CJK + r"]{2,4}[)）]|(?:股份有限|有限责任|有限|股份)?公司|股份|集团|控股|国际)$"
)
# provinces and cities that lead a firm's name with no 省/市 after them (山西美锦, 广州鹏辉)
_BARE_PLACE_PREFIX = re.compile(
    r"^(?:北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|河南|湖北|"
    r"湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|宁夏|新疆|香港|澳门|深圳|广州|"
    r"杭州|南京|武汉|成都|西安|济南|烟台|威海|日照|潍坊|大连|厦门|宁波|苏州|无锡)"
)
# trade words a short name drops (美锦能源 → 美锦); a name that is nothing but place and trade
# (山东海运, 青岛银行) has no shorter form
_SHORT_TRADE = re.compile(
    f"(?:{_FIRM_TRADES}|能源|渔业|仪器|信托|精密|海运|银行|地铁|邮轮|种业|证券|保险|基金|投资|"
    "建设|发展|文化|旅游|传媒|科创|汽车)$"
)


def firm_short_forms(name: str) -> list[str]:
    """What a firm found by its full name is called further on in the same text.

    山西美锦能源股份有限公司 → 山西美锦能源, 美锦能源, 山西美锦, 美锦; 城运控股集团 → 城运:
    the name without its legal form, then also without its leading place and its trade words.
    Forms made only of generic or trade words (海运, 银行) or ending in a place are left out.
    """
    base = name
    while (m := _FIRM_FORM_TAIL.search(base)) and m.start() >= 2:
        base = base[: m.start()]
    if base == name:
        return []
    place = _LEADING_PLACE.match(base) or _BARE_PLACE_PREFIX.match(base)
    rest = base[place.end() :] if place else base
    forms = [base, rest]
    brand = rest
    while (t := _SHORT_TRADE.search(brand)) and t.start() >= 1:
        brand = brand[: t.start()]
        forms.append(brand)
    if _SHORT_TRADE.fullmatch(brand) or len(brand) < 2 or is_generic(brand):
        # 青岛银行 keeps its place; 青岛旅游 is a phrase too, 邮轮公司 and 芯片公司 no names
        return [base] if place and rest and not is_generic(rest) else []
    if place:
        forms.append(base[: place.end()] + brand)
    return [
        f
        for f in dict.fromkeys(forms)
        if len(f) >= 2 and not _PLACE_END.search(f) and not _is_place(f)
    ]


_BOOK_TITLE = re.compile(r"《[^》]{0,60}》")


def short_form_candidates(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Later mentions of a firm by a short form of the full name found in the text.

    A form must not start inside a longer word (青岛|启迪 is fine, 岛启迪 is not); a trade
    word right after it belongs to it (歌尔 + 股份, 京博 + 物流).
    """
    forms: dict[str, Candidate] = {}
    for c in chosen:
        if c.type == "FIRM":
            for form in firm_short_forms(text[c.start : c.end]):
                forms.setdefault(form, c)
    if not forms:
        return []
    titles = [m.span() for m in _BOOK_TITLE.finditer(text)]
    out: list[Candidate] = []
    for form, c in forms.items():  # a few forms: find each, no regex compiled per text
        s = text.find(form)
        while s >= 0:
            e, nxt = s + len(form), text.find(form, s + 1)
            at, s = s, nxt
            if at > 0 and _CJK_CHAR.match(text[at - 1]) and not _BREAK_RE.match(text, at - 1):
                continue
            if any(a <= at and e <= b for a, b in titles):
                continue
            trade = _TRADE_AFTER.match(text, e)
            if trade:
                e = trade.end()
            # a two-character brand running on into more Chinese is another word (东方|风电)
            elif e - at == 2 and _CJK_CHAR.match(text[e : e + 1]) and not _BREAK_RE.match(text, e):
                continue
            linked = c.linked_id if not trade else None
            out.append(Candidate(at, e, "FIRM", 0, linked, source="short"))
    return out


def _is_place(name: str) -> bool:
    place = _LEADING_PLACE.match(name)
    return place is not None and place.end() == len(name)


def propagate(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Aliases declared with 以下简称, short forms of firms' full names, and repeats of found
    names elsewhere in the text."""
    extra: list[Candidate] = abbreviations(text, chosen) + short_form_candidates(text, chosen)
    for m in _ALIAS_RE.finditer(text):
        before = [c for c in chosen if c.end <= m.start() and m.start() - c.end <= 1]
        if before:
            extra.append(
                Candidate(
                    m.start(1), m.end(1), before[-1].type, 5, before[-1].linked_id, source="alias"
                )
            )
    names: dict[str, Candidate] = {}
    for c in extra + chosen:
        if c.type not in ("MONEY", "QUANTITY") and c.end - c.start >= 2:
            names.setdefault(text[c.start : c.end], c)
    if not names:
        return chosen + extra
    rx = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    for m in rx.finditer(text):
        c = names[m.group(0)]
        prio = 5 if c.source == "alias" else 0
        extra.append(Candidate(m.start(), m.end(), c.type, prio, c.linked_id, source="repeat"))
    return resolve(chosen + extra)


def _with_phases(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """中船725所二期, 大唐码头二期: a name followed by its phase is a project (a park stays)."""
    out = []
    for i, c in enumerate(chosen):
        nxt = chosen[i + 1].start if i + 1 < len(chosen) else len(text)
        # …基地项目(1-2期)(南地块)一期: bracketed phases and plots belong to a project's name
        tail = _PROJECT_TAIL.match(text, c.end) if c.type == "PROJECT" else None
        if tail and tail.end() <= nxt:
            c = Candidate(c.start, tail.end(), "PROJECT", c.priority, None, source="phase")
            out.append(c)
            continue
        m = _PHASE_END.match(text, c.end) if c.type not in ("GOV", "MONEY", "QUANTITY") else None
        if m and m.end() <= nxt:
            etype = "PARK" if c.type == "PARK" else "PROJECT"
            c = Candidate(c.start, m.end(), etype, c.priority, None, source="phase")
        out.append(c)
    return out


# 规划处, 科研处, 海洋科学技术司, 黄河口生态站: a named office or station of the body before it
_UNIT_AFTER = re.compile(
    r"([" + CJK + r"]{1,10}?)(?:处(?![理置于在分罚境])|(?<=[" + CJK + r"]{2})司(?![长机法令]))"
)
_UNIT_BODY_END = re.compile(r"(?:厅|局|委|部|署|办|大学|学院|研究院|研究所|所|院|中心)$")


def _with_units(text: str, masked: str, chosen: list[Candidate]) -> list[Candidate]:
    """海南省教育厅规划处, 中国海洋大学发展规划处, 中科院海洋所科研处: an office named right after
    its body is one mention with it, of the body's type (the annotators' unit rule)."""
    out: list[Candidate] = []
    for i, c in enumerate(chosen):
        nxt = chosen[i + 1].start if i + 1 < len(chosen) else len(text)
        m = (
            _UNIT_AFTER.match(text, c.end)
            if c.type in ("GOV", "INSTITUTE") and _UNIT_BODY_END.search(text, c.start, c.end)
            else None
        )
        if (
            m is not None
            and m.end() <= nxt
            and not _BREAK_RE.search(masked, c.end, m.end())
            and not text.startswith("办事处", m.end() - 3)
            # 发改委段树保处长: 处 there begins the title 处长 after a name, not an office
            and not text.startswith("长", m.end())
            and not _TITLE_WORD.search(m.group(1))
        ):
            c = Candidate(c.start, m.end(), c.type, c.priority, None, source="unit")
        out.append(c)
    return out


_EXECUTIVE_AFTER = re.compile(r"(?:运营)?" + _CHIEF_TITLE)


def _parks_with_executives(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """少海汇青岛产业园总经理X: a park with a general manager or chair is named as the firm
    that runs it (the annotators' rule)."""
    return [
        Candidate(c.start, c.end, "FIRM", c.priority, c.linked_id, source=c.source)
        if c.type == "PARK" and _EXECUTIVE_AFTER.match(text, c.end)
        else c
        for c in chosen
    ]


_DOTTED_PART = re.compile(r"[" + CJK + r"A-Za-z0-9]{2,8}$")
_DOTTED_JOINABLE = frozenset(("FIRM", "PARK", "PROJECT", "INSTITUTE"))


def _with_dotted_parts(text: str, masked: str, chosen: list[Candidate]) -> list[Candidate]:
    """中南高科·芯海林·青岛光电产业园项目, 海尔·纳晖新能源产业园: a developer's or brand's name
    joined by a middle dot belongs to the project's, park's or institute's name after it."""
    out: list[Candidate] = []
    for c in chosen:
        start = c.start
        while c.type in ("PROJECT", "PARK", "INSTITUTE") and start > 2 and text[start - 1] == "·":
            # 海尔·纳晖新能源产业园: the part before the dot may be a name found on its own
            if out and out[-1].end == start - 1 and out[-1].type in _DOTTED_JOINABLE:
                start = out.pop().start
                continue
            prev = out[-1].end if out else 0
            m = _DOTTED_PART.search(text, max(prev, start - 9), start - 1)
            if m is None:
                break
            lo = m.start()
            for b in _BREAK_RE.finditer(masked, lo, start - 1):
                lo = b.end()
            if start - 1 - lo < 2:
                break
            start = lo
        if start != c.start:
            c = Candidate(start, c.end, c.type, c.priority, None, source="dotted")
        out.append(c)
    return out


_JOINT_BODIES = re.compile(r"(.{0,6}?[省市区县]委)((?:[省市区县])(?:人民)?政府)$")


def _split_joint_bodies(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """青岛市委市政府, 省委省政府: a Party committee and a government written together."""
    out = []
    for c in chosen:
        m = _JOINT_BODIES.match(text, c.start, c.end) if c.type == "GOV" else None
        if m and m.end() == c.end:
            cut = m.end(1)
            out += [
                Candidate(c.start, cut, "GOV", c.priority, source=c.source),
                Candidate(cut, c.end, "GOV", c.priority, source=c.source),
            ]
        else:
            out.append(c)
    return out


def rule_candidates(
    text: str, matcher: GazetteerMatcher | None = None, edges: EdgeModel | None = None
) -> list[Candidate]:
    """The names the rules choose before repeats and aliases are added, in text order."""
    masked = mask_parentheses(text)
    cands = gazetteer_candidates(text, matcher)
    cands += [c for c in known_body_candidates(text) if not _covered(c, cands)]
    known = {c.start: (c.end, c.type) for c in cands}
    by_ending = suffix_candidates(text, masked, known)
    cands += edges.apply(text, by_ending) if edges is not None else by_ending
    cands += latin_candidates(text)
    cands += list_candidates(text, masked)
    known_firms = frozenset((s, e) for s, (e, t) in known.items() if t == "FIRM")
    cands += firm_list_candidates(text, masked, known_firms)
    cands += context_candidates(text, masked)
    cands += quoted_candidates(text)
    for q in find_measures(text):
        cands.append(
            Candidate(q.start, q.end, q.type, 4, value=q.value, unit=q.unit, source="measure")
        )
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^》]{0,60}》", text)]
    cands = [c for c in cands if not any(s <= c.start and c.end <= e for s, e in titles)]
    orgs = _with_phases(text, _split_joint_bodies(text, resolve(cands)))
    orgs = _with_units(text, masked, _with_dotted_parts(text, masked, orgs))
    orgs = _parks_with_executives(text, orgs)
    people = person_candidates(text, [(c.start, c.end) for c in orgs])
    return resolve(orgs + people)


def find_entities(
    text: str,
    matcher: GazetteerMatcher | None = None,
    edges: EdgeModel | None = None,
    persons: PersonModel | None = None,
    types: TypeModel | None = None,
) -> list[Candidate]:
    """All chosen entity candidates for ``text``, in text order, non-overlapping.

    ``edges``, when given, re-decides where each name found by its ending starts, or drops it
    (``edges.py``); ``persons`` adds people's names no title rule finds (``persons.py``);
    ``types`` has the last word on each organisation-like name's type (``retype.py``).
    """
    chosen = names_before_types(text, matcher, edges, persons)
    if types is not None:
        chosen = types.apply(text, chosen)
    return propagate(text, chosen)


def names_before_types(
    text: str,
    matcher: GazetteerMatcher | None = None,
    edges: EdgeModel | None = None,
    persons: PersonModel | None = None,
) -> list[Candidate]:
    """The rules' names with the person model's added: what the type model judges."""
    chosen = rule_candidates(text, matcher, edges)
    if persons is not None:
        chosen = resolve(chosen + persons.find(text, [(c.start, c.end) for c in chosen]))
    return chosen
