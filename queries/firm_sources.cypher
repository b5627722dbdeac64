// name: firm_sources
// description: The sources (web pages, files) a firm's record was read from | 某企业信息的来源（网页、文件）
// param: firm (string) Firm name, alias or id
// example: oceanbrain query --saved firm_sources --param firm=青岛海尔
MATCH (f:Firm)
WHERE f.id = $firm OR f.name = $firm OR $firm IN coalesce(f.aliases, [])
MATCH (src:Source)
WHERE src.id IN coalesce(f.sources, [])
RETURN f.name AS firm, src.kind AS kind, src.url AS url, src.title AS title,
       src.retrieved AS retrieved
ORDER BY kind DESC, url
