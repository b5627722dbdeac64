// name: segment_firm_counts
// description: Firms per segment of a chain, in a region and in the whole graph | 产业链各环节企业数：本地与全国
// param: chain (string) Chain id, e.g. marine_ai
// param: region (string, default 青岛市) Region name or id (includes the regions below it)
// example: oceanbrain query --saved segment_firm_counts --param chain=marine_ai --param region=青岛市
MATCH (scope:Region)
WHERE scope.name = $region OR scope.id = $region
MATCH (s:Segment {chain_id: $chain})
OPTIONAL MATCH (s)<-[l:IN_SEGMENT]-(f:Firm)
WHERE coalesce(l.expired, false) = false
OPTIONAL MATCH (f)-[:LOCATED_IN]->(r:Region)
WHERE r.id = scope.id OR r.id STARTS WITH (scope.id + '/')
WITH s, f, count(r) AS here
RETURN s.id AS segment, s.name_zh AS name_zh, count(DISTINCT f) AS all_firms,
       count(DISTINCT CASE WHEN here > 0 THEN f END) AS local_firms
ORDER BY segment
