// name: parks_overview
// description: Every park with its district, focus chains and the firms, institutions and projects in it | 园区一览：所在区、主导产业链、入驻企业/机构/项目数
// example: oceanbrain query --saved parks_overview
MATCH (p:Park)
OPTIONAL MATCH (p)-[:FOCUSES_ON]->(c:Chain)
WITH p, collect(c.id) AS focus
OPTIONAL MATCH (x)-[:IN_PARK]->(p)
WITH p, focus, collect(DISTINCT x) AS members
RETURN p.id AS park_id, p.name AS park, p.district AS district, focus,
       size([m IN members WHERE m:Firm]) AS firms,
       size([m IN members WHERE m:Institution]) AS institutions,
       size([m IN members WHERE m:Project]) AS projects
ORDER BY park
