// name: chain_leaders
// description: Chain-leader (链主) firms of a chain in a region, with their segments | 某地区某产业链的链主企业
// param: chain (string) Chain id, e.g. marine_ai
// param: region (string, default 青岛市) Region name or id
// example: oceanbrain query --saved chain_leaders --param chain=marine_ai
MATCH (scope:Region)
WHERE scope.name = $region OR scope.id = $region
MATCH (f:Firm {role: '链主'})-[l:IN_SEGMENT]->(s:Segment {chain_id: $chain})
WHERE coalesce(l.expired, false) = false
MATCH (f)-[:LOCATED_IN]->(r:Region)
WHERE r.id = scope.id OR r.id STARTS WITH (scope.id + '/')
RETURN f.id AS firm_id, f.name AS firm, f.district AS district, collect(DISTINCT s.name_zh) AS segments
ORDER BY firm
