// name: chain_segments
// description: Segments of a chain with stage and the segments each one feeds | 产业链各环节（上中下游）及其供给关系
// param: chain (string) Chain id or Chinese/English name, e.g. marine_ai or 海洋人工智能
// example: oceanbrain query --saved chain_segments --param chain=海洋人工智能
MATCH (c:Chain)
WHERE c.id = $chain OR c.name_zh = $chain OR c.name_en = $chain
MATCH (s:Segment)-[:PART_OF]->(c)
OPTIONAL MATCH (s)-[:FEEDS]->(t:Segment)
RETURN s.id AS segment, s.name_zh AS name_zh, s.stage AS stage, collect(t.id) AS feeds
ORDER BY stage DESC, segment
