// name: find_by_name
// description: Firms, parks, institutions, people, projects and products whose name or alias contains a text | 按名称（含别名）片段查找任意实体
// param: text (string) Part of a name, e.g. 海洋
// param: limit (integer, default 50) Most rows
// example: oceanbrain query --saved find_by_name --param text=蓝谷
MATCH (n)
WHERE (n:Firm OR n:Park OR n:Institution OR n:Person OR n:Project OR n:Product)
  AND (n.name CONTAINS $text OR size([a IN coalesce(n.aliases, []) WHERE a CONTAINS $text]) > 0)
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name
ORDER BY label, name
LIMIT $limit
