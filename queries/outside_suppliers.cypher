// name: outside_suppliers
// description: Suppliers outside a region that supply its firms in a chain (dependence on outside supply) | 为本地某产业链企业供货的区外供应商
// param: chain (string) Chain id, e.g. marine_ai
// param: region (string, default 青岛市) Region name or id
// example: oceanbrain query --saved outside_suppliers --param chain=marine_ai
MATCH (scope:Region)
WHERE scope.name = $region OR scope.id = $region
MATCH (c:Firm)-[:IN_SEGMENT]->(:Segment {chain_id: $chain})
MATCH (c)-[:LOCATED_IN]->(cr:Region)
WHERE cr.id = scope.id OR cr.id STARTS WITH (scope.id + '/')
MATCH (s:Firm)-[sup:SUPPLIES]->(c)
WHERE coalesce(sup.expired, false) = false
OPTIONAL MATCH (s)-[:LOCATED_IN]->(sr:Region)
WITH scope, s, c, collect(sr.id) AS places
WHERE size([p IN places WHERE p = scope.id OR p STARTS WITH (scope.id + '/')]) = 0
RETURN s.id AS supplier_id, s.name AS supplier, s.city AS supplier_city,
       count(DISTINCT c) AS local_customers, collect(DISTINCT c.name) AS customers
ORDER BY local_customers DESC, supplier
