// name: entity_neighbours
// description: Everything directly linked to a node (any label), by relationship type | 某节点（任意类型）的直接关联
// param: id (string) Node id, e.g. a firm id from another query
// param: limit (integer, default 200) Most rows
// example: oceanbrain query --saved entity_neighbours --param id=chain:marine_ai
MATCH (n {id: $id})-[r]-(m)
RETURN type(r) AS relationship, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       labels(m)[0] AS label, m.id AS neighbour_id, coalesce(m.name, m.name_zh, m.url, m.id) AS neighbour
ORDER BY relationship, neighbour_id
LIMIT $limit
