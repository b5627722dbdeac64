// name: firms_without_segment
// description: Firms in a region with no chain segment yet (to classify or review) | 尚未归入任何产业链环节的本地企业
// param: region (string, default 青岛市) Region name or id
// param: limit (integer, default 200) Most rows
// example: oceanbrain query --saved firms_without_segment
MATCH (scope:Region)
WHERE scope.name = $region OR scope.id = $region
MATCH (f:Firm)-[:LOCATED_IN]->(r:Region)
WHERE r.id = scope.id OR r.id STARTS WITH (scope.id + '/')
OPTIONAL MATCH (f)-[l:IN_SEGMENT]->(:Segment)
WITH f, count(l) AS links
WHERE links = 0
RETURN f.id AS firm_id, f.name AS firm, f.district AS district
ORDER BY firm
LIMIT $limit
