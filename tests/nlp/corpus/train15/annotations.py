# ruff: noqa: E501, RUF001
"""Hand annotations for the train15 passages (guidelines: ../README.md, "Annotation guidelines").

ENTITIES[pid] lists (mention, type) in the order the mentions occur in the text; build.py finds
each mention with str.find from a cursor that moves past the previous mention, so offsets are
never counted by hand. RELATIONS[pid] lists (subject index, relation, object index) into that
list; both ends of a relation lie in the same sentence. Written from the guidelines and the
earlier annotated slices only, without running or reading the extractor.
"""

F, INS, G, PK, PE, PJ, PR, M, Q = (
    "FIRM",
    "INSTITUTE",
    "GOV",
    "PARK",
    "PERSON",
    "PROJECT",
    "PRODUCT",
    "MONEY",
    "QUANTITY",
)
LOC, INV, SIG, COOP, DEV, LEAD = (
    "LOCATED_IN",
    "INVESTS_IN",
    "SIGNED",
    "COOPERATES_WITH",
    "DEVELOPS",
    "LEADS",
)

ENTITIES: dict[str, list[tuple[str, str]]] = {
    # 数字青岛 2025 action plan: press conference speakers
    "t15-001": [
        ("市政府新闻办", G),
        ("市大数据局", G),
        ("张艳", PE),
        ("市民政局", G),
        ("张帅", PE),
        ("市行政审批局", G),
        ("刘晓倩", PE),
        ("市工业和信息化局", G),
        ("韩文", PE),
        ("市交通运输局科技信息处", G),
        ("齐太江", PE),
    ],
    # 海洋强省建设行动计划: tasks given to Qingdao
    "t15-002": [
        ("青岛海洋科学与技术试点国家实验室", INS),
        ("中国科学院海洋大科学中心", INS),
        ("中国海洋工程研究院(青岛)", INS),
        ("海洋人才港(青岛)", PK),
        ("国家深海基因库", PJ),
    ],
    # 青岛市支持海洋经济高质量发展若干政策 (2025), items 1-2
    "t15-003": [
        ("50万元", M),
        ("50万元", M),
        ("市海洋发展局", G),
        ("市财政局", G),
        ("市科技局", G),
        ("市财政局", G),
    ],
    # same policy, items 3-5 (talent)
    "t15-004": [
        ("市委组织部", G),
        ("市科技局", G),
        ("市工业和信息化局", G),
        ("市财政局", G),
        ("市民营经济局", G),
        ("市海洋发展局", G),
        ("市委组织部", G),
        ("市财政局", G),
        ("30万元", M),
        ("市委组织部", G),
        ("市海洋发展局", G),
        ("市财政局", G),
    ],
    # city-wide investment-promotion signing week, Fortune 500 projects
    "t15-005": [
        ("526亿元", M),
        ("欧力士(中国)投资公司产业运营总部项目", PJ),
        ("青岛自贸片区", PK),
        ("雅培公司", F),
        ("埃顿集团", F),
        ("雀巢公司", F),
        ("嘉宝果泥项目", PJ),
    ],
    # 上合新区 AI demonstration-city meeting and signings
    "t15-006": [
        ("上合新区", PK),
        ("深兰人工智能", PJ),
        ("运12销售及运营", PJ),
        ("上合示范区", PK),
        ("临空示范区", PK),
        ("上合国际城", PK),
        ("空港新城", PK),
        ("枢纽港新城", PK),
        ("卡奥斯新城", PK),
        ("板桥新城", PK),
    ],
    # same meeting: 胶州 AI firms, the Huawei data-centre project
    "t15-007": [
        ("胶州市科技和工业信息化局", G),
        ("于波", PE),
        ("63.5亿元", M),
        ("华为云山东节点数据中心项目", PJ),
        ("鲲鹏", PR),
        ("盘古", PR),
    ],
    # overseas academicians' Qingdao forum: opening
    "t15-008": [
        ("山东省委", G),
        ("刘家义", PE),
        ("中国工程院", INS),
        ("钟志华", PE),
        ("山东省委", G),
        ("青岛市委", G),
        ("王清宪", PE),
        ("省委", G),
        ("刘家义", PE),
        ("中国工程院", INS),
        ("钟志华", PE),
        ("省委", G),
        ("市委", G),
        ("王清宪", PE),
        ("山东省政协", G),
        ("王艺华", PE),
        ("青岛国际院士港", PK),
    ],
    # same forum: signings with academies, firms, universities
    "t15-009": [
        ("青岛国际院士港", PK),
        ("澳大利亚科学技术与工程学院", INS),
        ("印度国家科学院", INS),
        ("印度国家工程院", INS),
        ("苏雷什·巴尔加瓦", PE),
        ("瑞典皇家科学院", INS),
        ("卡塔琳娜·勒·布兰柯", PE),
        ("济钢集团", F),
        ("兴业银行股份有限公司青岛分行", F),
        ("广州创显科教股份有限公司", F),
        ("中铁二十二局集团有限公司", F),
        ("新南威尔士大学", INS),
        ("法兰西建筑科学院", INS),
        ("复旦大学", INS),
        ("同济大学", INS),
        ("电子科技大学", INS),
        ("武汉理工大学", INS),
    ],
    # 青岛国际院士港 progress
    "t15-010": [
        ("青岛国际院士港", PK),
        ("院士港二期", PJ),
        ("院士产业核心区", PK),
        ("院士产业加速器", PK),
        ("丝路协创中心", PK),
        ("青岛-亚马逊AWS联合创新中心", PK),
        ("青岛邮政跨境电商产业园", PK),
    ],
    # Shandong ocean high-end talent exchange meeting
    "t15-011": [
        ("中共山东省委组织部", G),
        ("山东省人力资源和社会保障厅", G),
        ("崂山实验室", INS),
        ("中共青岛市委组织部", G),
        ("青岛市人力资源和社会保障局", G),
        ("青岛市海洋发展局", G),
    ],
    # returned-students' innovation contest: opening
    "t15-012": [
        ("中共青岛市委组织部", G),
        ("青岛市人力资源和社会保障局", G),
        ("青岛国际特别创新区", PK),
        ("哈佛大学", INS),
        ("麻省理工学院", INS),
        ("剑桥大学", INS),
        ("宾夕法尼亚大学", INS),
        ("多伦多大学", INS),
    ],
    # same contest: final
    "t15-013": [
        ("谷夫科技氢燃料电池", PJ),
        ("人机共融定制化产品装配检测系统", PJ),
        ("哈佛大学", INS),
        ("麻省理工学院", INS),
        ("剑桥大学", INS),
        ("多伦多大学", INS),
    ],
    # 蓝洽会 2018: speakers and organisers
    "t15-014": [
        ("伯克利加州大学", INS),
        ("乔治﹒斯穆特", PE),
        ("麻省理工学院自动识别中心", INS),
        ("凯文﹒艾什顿", PE),
        ("加拿大皇家科学院", INS),
        ("汉斯﹒尤尔根﹒克鲁泽", PE),
        ("青岛市委组织部", G),
        ("市人社局", G),
    ],
    # 创客中国 ocean-industry SME contest in 蓝谷
    "t15-015": [
        ("工业和信息化部网络安全产业发展中心", INS),
        ("工业和信息化部信息中心", INS),
        ("青岛市民营经济发展局", G),
        ("青岛蓝谷管理局", G),
        ("青岛市中小企业公共服务中心", INS),
        ("清科启智(青岛)海洋科技创新有限公司", F),
        ("工信部", G),
        ("青岛蓝谷", PK),
    ],
    # same contest: prizes for firms settling in 蓝谷
    "t15-016": [
        ("蓝谷", PK),
        ("50万元", M),
        ("30万元", M),
        ("10万元", M),
    ],
    # ocean-project scheduling and investment attraction (市海洋发展局)
    "t15-017": [
        ("青岛市海洋发展局", G),
        ("市委海洋办", G),
        ("青岛市海洋发展局", G),
        ("89.2亿元", M),
    ],
    # "海洋十年" international cooperation centre
    "t15-018": [
        ("青岛西海岸新区", PK),
        ("山东省海洋局", G),
        ("张建东", PE),
    ],
    # press conference on 20 ocean-city reform cases
    "t15-019": [
        ("青岛市政府新闻办", G),
        ("青岛市委海洋委办公室", G),
        ("市海洋发展局", G),
        ("孟庆胜", PE),
        ("中国(山东)自由贸易试验区青岛片区工委", G),
        ("隋斌", PE),
        ("市科技局", G),
        ("张良嘉", PE),
        ("青岛蓝谷管理局", G),
        ("贾强", PE),
    ],
    # 中国海洋国际人才港 co-construction agreement
    "t15-020": [
        ("自然资源部", G),
        ("山东省人民政府", G),
        ("中国海洋国际人才港", PK),
        ("中国海洋国际人才港", PK),
    ],
    # 青岛国际创新园 (崂山)
    "t15-021": [
        ("歌尔", F),
        ("青岛国际创新园", PK),
        ("崂山区政府", G),
        ("青岛高科产业发展有限公司", F),
        ("歌尔", F),
        ("青岛市先进封装测试中心", INS),
        ("青岛国际创新园", PK),
    ],
    # East Asia ocean cooperation platform forum (西海岸新区)
    "t15-022": [
        ("青岛西海岸新区", PK),
        ("西海岸新区", PK),
        ("自然资源部", G),
        ("山东省人民政府", G),
        ("青岛市人民政府", G),
        ("青岛西海岸新区管委", G),
    ],
    # 即墨区/蓝谷 investment signing
    "t15-023": [
        ("蓝谷", PK),
        ("即墨区区委", G),
        ("青岛市蓝谷管理局", G),
        ("张军", PE),
    ],
    # 莱西 investment-promotion and signing
    "t15-024": [
        ("青岛德杰汽车橡胶零部件项目", PJ),
        ("青岛福海青游艇码头配件生产基地项目", PJ),
        ("青岛广腾达汽车玻璃配件项目", PJ),
        ("28.66亿元", M),
        ("莱西市委", G),
        ("突破姜山指挥部", G),
        ("孙授宾", PE),
        ("山东海洋发展有限公司", F),
        ("詹风强", PE),
    ],
    # talent attraction: marine research institutions
    "t15-025": [
        ("中国科学院", INS),
        ("桂建芳", PE),
        ("中国科学院海洋研究所", INS),
        ("中国海洋大学", INS),
        ("中国水产科学研究院黄海水产研究所", INS),
        ("桂建芳", PE),
    ],
    # 海聚英才 innovation contest, Qingdao final
    "t15-026": [
        ("上海市委人才办", G),
        ("市人才工作局", G),
        ("普陀区委人才办", G),
        ("区人才工作局", G),
        ("中国上海合作组织经贸学院", INS),
        ("上合组织青年创业国际孵化器", PK),
    ],
    # 李沧区 project inspection (院士 projects)
    "t15-027": [
        ("丝路协创中心二期项目", PJ),
        ("青岛国际院士产业核心区先导区项目", PJ),
        ("上流佳苑社区项目", PJ),
        ("青岛国际院士产业核心区先导区项目", PJ),
        ("丝路协创中心二期项目", PJ),
        ("王家下河安置房幼儿园项目", PJ),
    ],
    # 数字青岛 2.0 progress
    "t15-028": [
        ("3300万元", M),
        ("青易核", PR),
        ("青易药", PR),
        ("国际通信业务出入口局", PJ),
        ("3200万元", M),
    ],
    # signing week: 四新 projects and the 双招双引 headquarters
    "t15-029": [
        ("宇通智慧电气研发生产基地", PJ),
        ("313亿元", M),
        ("青岛市“双招双引”指挥部", G),
    ],
    # AI industry action plan 2024-2026: compute targets
    "t15-030": [
        ("3300P", Q),
        ("1.2万P", Q),
    ],
    # 西海岸新区 marine universities and institutes brought in
    "t15-031": [
        ("青岛西海岸新区", PK),
        ("中国科学院大学", INS),
        ("中国海洋大学", INS),
        ("哈尔滨工程大学", INS),
        ("中国海洋工程研究院", INS),
        ("青岛西海岸新区", PK),
    ],
    # CAS ocean big-science centre in 古镇口
    "t15-032": [
        ("中国科学院", INS),
        ("中国科学院海洋大科学研究中心", INS),
        ("青岛西海岸新区", PK),
        ("中科院海洋研究所", INS),
        ("中科院", INS),
        ("古镇口核心区", PK),
        ("中科院海洋大科学研究中心", INS),
        ("中国科学院海洋大科学研究中心", INS),
        ("中科院", INS),
    ],
    # reform-case release: photo caption and speech
    "t15-033": [
        ("青岛市委海洋委办公室", G),
        ("市海洋发展局", G),
        ("孟庆胜", PE),
        ("青岛市委海洋办", G),
    ],
    # 上合示范区 project commencement ceremony
    "t15-034": [
        ("上合示范区", PK),
        ("万洋众创城项目", PJ),
        ("青岛万洋众创城", PJ),
        ("上合能源岛清洁供能", PJ),
        ("青岛海之乐生物医药产业园", PK),
        ("73.7亿元", M),
        ("青岛市委", G),
        ("胶州市委", G),
        ("上合示范区党工委", G),
        ("刘建军", PE),
        ("青岛市民营经济发展局", G),
        ("高善武", PE),
        ("上合示范区党工委", G),
        ("向志强", PE),
    ],
    # same ceremony: the investor of 万洋众创城
    "t15-035": [
        ("高善武", PE),
        ("上合示范区", PK),
        ("万洋众创城项目", PJ),
        ("万洋集团", F),
    ],
    # 2019 summer central-SOE investment meeting: signings
    "t15-036": [
        ("中国五矿集团有限公司", F),
        ("莱西市政府", G),
        ("青岛国投公司", F),
        ("中车四方智汇港", PJ),
        ("中车集团有限公司", F),
    ],
    # same meeting: 王台 redevelopment partnership
    "t15-037": [
        ("西海岸新区", PK),
        ("青岛开发区投资建设集团有限公司", F),
        ("中国交通建设股份有限公司", F),
        ("中交一公局集团有限公司", F),
        ("青岛经济技术开发区", PK),
    ],
    # 上合示范区 43 projects start (Xinhua via 青岛海洋发展网)
    "t15-038": [
        ("上合示范区", PK),
        ("青岛尼得科全球电器生产研发基地项目", PJ),
        ("上合示范区", PK),
        ("青岛尼得科全球电器生产研发基地项目", PJ),
        ("上合示范区", PK),
        ("566.4亿元", M),
        ("180.9亿元", M),
    ],
    # 胶州 key projects: 华润城 and its investor
    "t15-039": [
        ("中云华润城项目", PJ),
        ("华润城项目", PJ),
        ("华润资本管理有限公司", F),
        ("180亿元", M),
        ("1800亩", Q),
    ],
    # 胶州 23 projects of over ten billion yuan
    "t15-040": [
        ("3913亿元", M),
        ("2966亿元", M),
        ("947亿元", M),
        ("上合示范区", PK),
        ("中国传化(上合)国际物流港项目", PJ),
        ("上海电气风电装备产业园项目", PJ),
        ("中云胶州华润城项目", PJ),
        ("龙湖商业综合体项目", PJ),
        ("胶东(临空区)空港综合保税区项目", PJ),
        ("九龙融创·青年湖文旅医养健康产业项目", PJ),
        ("恒大文化旅游城项目", PJ),
        ("中建八局特色小镇建设项目", PJ),
        ("蓝城桃李春风田园综合体项目", PJ),
        ("上合示范区", PK),
        ("九龙世茂海丝国际城项目", PJ),
        ("上合示范区", PK),
        ("青岛万洋众创城项目", PJ),
    ],
}

RELATIONS: dict[str, list[tuple[int, str, int]]] = {
    "t15-001": [(2, LEAD, 1), (4, LEAD, 3), (6, LEAD, 5), (10, LEAD, 9)],
    "t15-002": [],
    "t15-003": [],
    "t15-004": [],
    "t15-005": [(1, LOC, 2)],
    "t15-006": [],
    "t15-007": [(1, LEAD, 0)],
    "t15-008": [
        (1, LEAD, 0),
        (3, LEAD, 2),
        (6, LEAD, 4),
        (6, LEAD, 5),
        (8, LEAD, 7),
        (10, LEAD, 9),
        (13, LEAD, 11),
        (13, LEAD, 12),
        (15, LEAD, 14),
    ],
    "t15-009": [],
    "t15-010": [],
    "t15-011": [(3, COOP, 4), (3, COOP, 5), (4, COOP, 5)],
    "t15-012": [(0, COOP, 1)],
    "t15-013": [],
    "t15-014": [],
    "t15-015": [(0, COOP, 2), (0, COOP, 3), (2, COOP, 3), (4, COOP, 5)],
    "t15-016": [],
    "t15-017": [],
    "t15-018": [(2, LEAD, 1)],
    "t15-019": [(3, LEAD, 1), (3, LEAD, 2), (7, LEAD, 6), (9, LEAD, 8)],
    "t15-020": [(0, SIG, 1)],
    "t15-021": [(2, COOP, 3)],
    "t15-022": [],
    "t15-023": [(3, LEAD, 1), (3, LEAD, 2)],
    "t15-024": [(6, LEAD, 4), (6, LEAD, 5), (8, LEAD, 7)],
    "t15-025": [],
    "t15-026": [(2, COOP, 4), (2, COOP, 5), (3, COOP, 4), (3, COOP, 5)],
    "t15-027": [],
    "t15-028": [],
    "t15-029": [],
    "t15-030": [],
    "t15-031": [(1, LOC, 0), (2, LOC, 0), (3, LOC, 0), (4, LOC, 0)],
    "t15-032": [(6, LOC, 5)],
    "t15-033": [(2, LEAD, 0), (2, LEAD, 1)],
    "t15-034": [(9, LEAD, 6), (9, LEAD, 7), (9, LEAD, 8), (11, LEAD, 10)],
    "t15-035": [(3, INV, 2)],
    "t15-036": [(0, SIG, 1), (0, SIG, 2), (4, INV, 3)],
    "t15-037": [(1, COOP, 3)],
    "t15-038": [(1, LOC, 0)],
    "t15-039": [(2, INV, 1)],
    "t15-040": [],
}
