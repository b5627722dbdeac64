// name: cooperation_partners
// description: Cooperation partners (合作/共建) of a firm or institution | 某企业或机构的合作伙伴
// param: name (string) Firm or institution name, alias or id
// example: oceanbrain query --saved cooperation_partners --param name=中国海洋大学
MATCH (o)
WHERE (o:Firm OR o:Institution) AND (o.id = $name OR o.name = $name OR $name IN coalesce(o.aliases, []))
MATCH (o)-[:COOPERATES_WITH]-(p)
RETURN DISTINCT labels(p)[0] AS label, p.id AS partner_id, p.name AS partner
ORDER BY partner
