// name: missing_segments
// description: Segments of a chain with no firm in a region (缺链 candidates), with how many firms elsewhere | 某地区无企业的产业链环节（缺链候选）
// param: chain (string) Chain id, e.g. marine_ai
// param: region (string, default 青岛市) Region name or id
// example: oceanbrain query --saved missing_segments --param chain=marine_ai
MATCH (scope:Region)
WHERE scope.name = $region OR scope.id = $region
MATCH (s:Segment {chain_id: $chain})
OPTIONAL MATCH (s)<-[l:IN_SEGMENT]-(f:Firm)
WHERE coalesce(l.expired, false) = false
OPTIONAL MATCH (f)-[:LOCATED_IN]->(r:Region)
WHERE r.id = scope.id OR r.id STARTS WITH (scope.id + '/')
WITH s, f, count(r) AS here
WITH s, count(DISTINCT f) AS elsewhere_or_here, sum(here) AS local_links
WHERE local_links = 0
RETURN s.id AS segment, s.name_zh AS name_zh, s.stage AS stage, elsewhere_or_here AS firms_elsewhere
ORDER BY segment
