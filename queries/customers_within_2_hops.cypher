// name: customers_within_2_hops
// description: Customers of a firm up to two SUPPLIES hops downstream | 某企业两跳以内的下游客户
// param: firm (string) Firm name, alias or id
// param: limit (integer, default 100) Most rows
// example: oceanbrain query --saved customers_within_2_hops --param firm=青岛海尔
MATCH (f:Firm)
WHERE f.id = $firm OR f.name = $firm OR $firm IN coalesce(f.aliases, [])
MATCH p = (f)-[:SUPPLIES*1..2]->(c:Firm)
WHERE c <> f
RETURN c.id AS customer_id, c.name AS customer, c.city AS city, min(length(p)) AS hops
ORDER BY hops, customer
LIMIT $limit
