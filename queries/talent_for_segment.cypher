// name: talent_for_segment
// description: People expert in a segment, with their affiliation and where it is | 某环节的专家人才及其单位
// param: segment (string) Segment id, e.g. ai.models
// example: oceanbrain query --saved talent_for_segment --param segment=ai.models
MATCH (p:Person)-[:EXPERT_IN]->(s:Segment {id: $segment})
OPTIONAL MATCH (p)-[:AFFILIATED_WITH]->(org)
OPTIONAL MATCH (org)-[:LOCATED_IN]->(r:Region)
RETURN p.id AS person_id, p.name AS person, p.title AS title, org.name AS affiliation,
       r.name AS located_in
ORDER BY person
