// name: firms_by_district
// description: Firms per district of a city, with 高新技术 and 专精特新 counts | 各区（市）企业数及高新、专精特新企业数
// param: region (string, default 青岛市) City (or any region) name or id
// example: oceanbrain query --saved firms_by_district
MATCH (scope:Region)
WHERE scope.name = $region OR scope.id = $region
MATCH (f:Firm)-[:LOCATED_IN]->(r:Region)
WHERE r.id = scope.id OR r.id STARTS WITH (scope.id + '/')
RETURN r.name AS district, count(DISTINCT f) AS firms,
       sum(CASE WHEN f.high_tech = true THEN 1 ELSE 0 END) AS high_tech,
       sum(CASE WHEN f.specialised = true THEN 1 ELSE 0 END) AS specialised
ORDER BY firms DESC, district
