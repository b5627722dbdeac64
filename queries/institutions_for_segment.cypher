// name: institutions_for_segment
// description: Universities, institutes and platforms working on a segment | 某环节相关的高校、科研院所和创新平台
// param: segment (string) Segment id, e.g. ai.models
// example: oceanbrain query --saved institutions_for_segment --param segment=ai.models
MATCH (i:Institution)-[:IN_SEGMENT]->(s:Segment {id: $segment})
OPTIONAL MATCH (i)-[:LOCATED_IN]->(r:Region)
OPTIONAL MATCH (p:Person)-[:AFFILIATED_WITH]->(i)
RETURN i.id AS institution_id, i.name AS institution, i.kind AS kind, r.name AS located_in,
       count(DISTINCT p) AS people
ORDER BY institution
