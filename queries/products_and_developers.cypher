// name: products_and_developers
// description: AI models, platforms and equipment with who developed them | 大模型、平台、装备等产品及其研发单位
// param: kind (string, default '') Product kind to keep (e.g. 行业大模型); empty for all
// example: oceanbrain query --saved products_and_developers --param kind=行业大模型
MATCH (p:Product)
WHERE $kind = '' OR p.kind = $kind
OPTIONAL MATCH (p)-[:DEVELOPED_BY]->(d)
RETURN p.id AS product_id, p.name AS product, p.kind AS kind, p.launched AS launched,
       collect(d.name) AS developers
ORDER BY product
