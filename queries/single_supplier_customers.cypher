// name: single_supplier_customers
// description: Firms in a region with exactly one known supplier (断链 exposure) | 仅有一家已知供应商的本地企业（断链风险）
// param: region (string, default 青岛市) Region name or id
// example: oceanbrain query --saved single_supplier_customers
MATCH (scope:Region)
WHERE scope.name = $region OR scope.id = $region
MATCH (c:Firm)-[:LOCATED_IN]->(r:Region)
WHERE r.id = scope.id OR r.id STARTS WITH (scope.id + '/')
MATCH (s:Firm)-[sup:SUPPLIES]->(c)
WHERE coalesce(sup.expired, false) = false
WITH c, collect(DISTINCT s.name) AS suppliers
WHERE size(suppliers) = 1
RETURN c.id AS firm_id, c.name AS firm, suppliers[0] AS only_supplier
ORDER BY firm
