// name: park_focus_coverage
// description: For each park and declared focus chain, how many of the chain's segments have a firm in the park | 各园区主导产业链的环节覆盖情况
// example: oceanbrain query --saved park_focus_coverage
MATCH (p:Park)-[:FOCUSES_ON]->(c:Chain)<-[:PART_OF]-(s:Segment)
OPTIONAL MATCH (s)<-[l:IN_SEGMENT]-(f:Firm)-[:IN_PARK]->(p)
WITH p, c, s, count(f) AS firms
RETURN p.name AS park, c.id AS chain, c.name_zh AS chain_zh, count(s) AS segments,
       sum(CASE WHEN firms > 0 THEN 1 ELSE 0 END) AS covered, sum(firms) AS firm_links
ORDER BY park, chain
