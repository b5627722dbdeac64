// name: suppliers_within_2_hops
// description: Suppliers of a firm up to two SUPPLIES hops upstream, nearest first | 某企业两跳以内的上游供应商（由近及远）
// param: firm (string) Firm name, alias or id
// param: limit (integer, default 100) Most rows
// example: oceanbrain query --saved suppliers_within_2_hops --param firm=青岛海尔
MATCH (f:Firm)
WHERE f.id = $firm OR f.name = $firm OR $firm IN coalesce(f.aliases, [])
MATCH p = (s:Firm)-[:SUPPLIES*1..2]->(f)
WHERE s <> f
RETURN s.id AS supplier_id, s.name AS supplier, s.city AS city, min(length(p)) AS hops
ORDER BY hops, supplier
LIMIT $limit
