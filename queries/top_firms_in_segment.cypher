// name: top_firms_in_segment
// description: Largest firms of a segment by registered capital, anywhere (招商 long list) | 某环节注册资本最大的企业（招商长名单）
// param: segment (string) Segment id, e.g. ai.sensors
// param: limit (integer, default 20) Most rows
// example: oceanbrain query --saved top_firms_in_segment --param segment=ai.sensors --param limit=10
MATCH (f:Firm)-[l:IN_SEGMENT]->(s:Segment {id: $segment})
WHERE coalesce(l.expired, false) = false
RETURN f.id AS firm_id, f.name AS firm, f.city AS city, f.role AS role,
       coalesce(f.registered_capital_cny, 0.0) AS capital_cny, coalesce(l.confidence, 1.0) AS fit
ORDER BY capital_cny DESC, firm
LIMIT $limit
