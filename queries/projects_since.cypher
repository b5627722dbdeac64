// name: projects_since
// description: Projects in a region signed since a date, with investors and amounts | 某日期以来某地区签约的项目
// param: since (string) Date YYYY-MM-DD; projects signed on or after it
// param: region (string, default 青岛市) Region name or id
// example: oceanbrain query --saved projects_since --param since=2024-01-01
MATCH (scope:Region)
WHERE scope.name = $region OR scope.id = $region
MATCH (j:Project)-[:LOCATED_IN]->(r:Region)
WHERE (r.id = scope.id OR r.id STARTS WITH (scope.id + '/')) AND coalesce(j.signed_date, '') >= $since
OPTIONAL MATCH (j)-[:INVESTED_BY]->(inv)
RETURN j.id AS project_id, j.name AS project, j.status AS status, j.signed_date AS signed,
       j.amount_cny AS amount_cny, collect(inv.name) AS investors
ORDER BY signed DESC, project
