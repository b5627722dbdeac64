// name: projects_by_segment
// description: Number and total amount of projects per segment of a chain | 产业链各环节的项目数与投资额
// param: chain (string) Chain id, e.g. marine_ai
// example: oceanbrain query --saved projects_by_segment --param chain=marine_ai
MATCH (j:Project)-[:IN_SEGMENT]->(s:Segment {chain_id: $chain})
RETURN s.id AS segment, s.name_zh AS name_zh, count(DISTINCT j) AS projects,
       sum(coalesce(j.amount_cny, 0.0)) AS amount_cny
ORDER BY amount_cny DESC, segment
