// name: firms_in_park_by_segment
// description: Firms in a park, grouped by chain segment | 园区内企业按产业链环节分组
// param: park (string) Park name, alias or id
// example: oceanbrain query --saved firms_in_park_by_segment --param park=青岛蓝谷
MATCH (p:Park)
WHERE p.id = $park OR p.name = $park OR $park IN coalesce(p.aliases, [])
MATCH (f:Firm)-[:IN_PARK]->(p)
MATCH (f)-[l:IN_SEGMENT]->(s:Segment)
WHERE coalesce(l.expired, false) = false
RETURN s.chain_id AS chain, s.id AS segment, s.name_zh AS segment_zh, count(DISTINCT f) AS firms,
       collect(DISTINCT f.name) AS firm_names
ORDER BY chain, segment
